using NlpSymbolic.Generator.Model;

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

    /// <summary><c>{Kernel}(arguments)</c>: a called method's pullback (generated, or hand-written with [DerivativeOf]) adds into every destination.</summary>
    Pullback,

    /// <summary>A loop-carried adjoint starts over at zero for the previous iteration.</summary>
    Reset,

    /// <summary>
    /// The element <c>Body</c> (an index) of the array adjoint <c>Destination</c> starts over at zero: the
    /// reverse of a write, after the element's gradient went to the stored value.
    /// </summary>
    ClearElement,
}

/// <summary>
/// One step of the reverse sweep: add something to the adjoint of value <paramref name="Destination"/>
/// (for a pullback, to every value in <paramref name="Writes"/>). <paramref name="Body"/> and
/// <paramref name="Guard"/> are C# text in which <c>{v:N}</c> names forward value N, <c>{d:N}</c> its
/// adjoint and <c>{ws}</c> the workspace; the emitter substitutes the names. <paramref name="TakesOver"/>
/// marks a hand-off from a phi's adjoint, which nothing reads afterwards: the destination may adopt its
/// buffer instead of copying it.
/// </summary>
internal sealed record AdjointStatement(
    int Destination,
    AccumulationForm Form,
    string Kernel,
    string Body,
    string? Guard,
    int SourceIndex,
    EquatableArray<int> Writes = default,
    bool TakesOver = false) : AdjointNode;
