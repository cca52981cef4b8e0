using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>How an adjoint contribution is added to its destination.</summary>
internal enum AccumulationForm
{
    /// <summary><c>d += addend</c> on a scalar.</summary>
    ScalarExpression,

    /// <summary><c>d += source</c> on a buffer.</summary>
    Add,

    /// <summary><c>d −= source</c> on a buffer.</summary>
    Subtract,

    /// <summary><c>ws.AccumulateK(d, arguments)</c>: an in-place kernel (the addend is a <see cref="KernelCall"/>).</summary>
    Kernel,

    /// <summary>A called method's pullback (generated, or hand-written with [DerivativeOf]) adds into every destination.</summary>
    Pullback,

    /// <summary>A loop-carried adjoint starts over at zero for the previous iteration.</summary>
    Reset,

    /// <summary>
    /// The element <c>Addend</c> (an index) of the array adjoint <c>Destination</c> starts over at zero: the
    /// reverse of a write, after the element's gradient went to the stored value.
    /// </summary>
    ClearElement,
}

/// <summary>
/// One step of the reverse sweep: add <paramref name="Addend"/> to the adjoint of value
/// <paramref name="Destination"/> (for a pullback, <see cref="PullbackCall"/> adds to every value in
/// <paramref name="Writes"/>), under <paramref name="Guard"/> if there is one. <paramref name="TakesOver"/> marks a
/// hand-off from a phi's adjoint, which nothing reads afterwards: the destination may adopt its buffer instead of
/// copying it.
/// </summary>
internal sealed record AdjointStatement(
    int Destination,
    AccumulationForm Form,
    Expression? Addend,
    Expression? Guard,
    int SourceIndex,
    EquatableArray<int> Writes = default,
    bool TakesOver = false) : AdjointNode;

/// <summary>
/// <c>var dX = Initial;</c>: an adjoint starts from its first contribution (a kernel's result, a copy, a scalar
/// expression), from zero, or as the seed.
/// </summary>
internal sealed record AdjointDeclaration(int Adjoint, Expression Initial, int SourceIndex) : AdjointNode;

/// <summary>
/// A contribution that needs no code: the destination's adjoint became another name for the source's (copy
/// propagation). Kept so that the forward statement it comes from is still named in the reverse sweep.
/// </summary>
internal sealed record AdjointAlias(int Adjoint, int SameAs, int SourceIndex) : AdjointNode;

/// <summary>The seed (or the seed's component <paramref name="Component"/>) must have the shape of the value it is the gradient of.</summary>
internal sealed record AdjointSeedCheck(int? Component, int Value) : AdjointNode;

/// <summary>
/// The start of a reversed iteration for a carried vector or matrix: the buffer holding the gradient that arrived
/// for the carried value (<paramref name="Carried"/>'s adjoint) becomes <paramref name="Incoming"/>'s, and the other
/// buffer, cleared (or replaced when the value this iteration started from, <paramref name="CarriedValue"/>, has
/// another shape), collects the gradient for the previous iteration.
/// </summary>
internal sealed record AdjointSwap(int Incoming, int Carried, int CarriedValue, int SourceIndex) : AdjointNode;
