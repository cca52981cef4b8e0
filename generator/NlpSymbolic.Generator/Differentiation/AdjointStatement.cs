namespace NlpSymbolic.Generator.Differentiation;

/// <summary>How an adjoint contribution is added to its destination.</summary>
internal enum AccumulationForm
{
    /// <summary><c>d += expression</c> on a scalar.</summary>
    ScalarExpression,

    /// <summary><c>d += source</c> on a buffer.</summary>
    Add,

    /// <summary><c>d −= source</c> on a buffer.</summary>
    Subtract,

    /// <summary><c>ws.Accumulate{Kernel}(d, arguments)</c>: a fused in-place kernel.</summary>
    Kernel,
}

/// <summary>
/// One contribution of the reverse sweep: add something to the adjoint of value <paramref name="Destination"/>.
/// <paramref name="Body"/> and <paramref name="Guard"/> are C# text in which <c>{v:N}</c> names forward
/// value N, <c>{d:N}</c> its adjoint and <c>{ws}</c> the workspace; the emitter substitutes the names.
/// </summary>
internal sealed record AdjointStatement(
    int Destination,
    AccumulationForm Form,
    string Kernel,
    string Body,
    string? Guard,
    int SourceIndex);
