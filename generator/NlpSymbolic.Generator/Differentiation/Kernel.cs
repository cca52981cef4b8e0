using System.Collections.Generic;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The runtime's workspace kernels that the reverse sweep calls, by name: <c>ws.K(…)</c> returns a rented buffer
/// (or a scalar), <c>ws.AccumulateK(d, …)</c> adds the same into <c>d</c>. OperationCatalogueTests checks every
/// kernel a rule names against the runtime, so a renamed kernel is a failing test, not generated code that does
/// not compile.
/// </summary>
internal enum Kernel
{
    // Pairs: ws.K starts an adjoint from its first contribution, ws.AccumulateK adds to one.
    Scale,
    Outer,
    Multiply,
    TransposeThisAndMultiply,
    TransposeAndMultiply,
    Transpose,
    PointwiseMultiply,
    PointwiseDivide,
    TanhGradient,
    SigmoidGradient,
    ReluGradient,
    LeakyReluGradient,
    HardTanhGradient,
    SoftplusGradient,
    SoftmaxGradient,
    LogSoftmaxGradient,
    LogSumExpGradient,
    CrossEntropyGradient,
    DivisorGradient,
    Column,
    Row,
    RowSums,
    RowSumsGradient,
    ColumnSumsGradient,

    // Only accumulating: they scatter into part of the destination.
    Scalar,
    At,
    Element,
    IntoRow,
    IntoColumn,
    Slice,
    Slices,
    Columns,
    Rows,
    SubVector,
    ArgMax,
    ArgMin,

    /// <summary>dW += dy xᵀ and dx += Wᵀ dy in one sweep over W (<see cref="KernelFusion"/>): AccumulateMultiplyAdjoints(dW, dx, W, x, dy).</summary>
    MultiplyAdjoints,

    /// <summary>
    /// dx += Wᵀ dy now, dW += dy xᵀ queued and added as one matrix product with the other steps' updates
    /// (<see cref="DeferredOuterProducts"/>): AccumulateMultiplyAdjointsDeferred(dW, dx, W, x, dy).
    /// </summary>
    MultiplyAdjointsDeferred,

    /// <summary>dW += dy xᵀ queued like <see cref="MultiplyAdjointsDeferred"/>: AccumulateOuterDeferred(dW, dy, x).</summary>
    OuterDeferred,

    // Only values: scalars computed from buffers, and the buffers the reverse sweep starts from.
    Dot,
    Sum,
    SumQuotient,
    LeakyReluSlopeGradient,
    ZerosLike,
    Copy,
    Negate,
}

/// <summary>What the emitter may do with each kernel.</summary>
internal static class Kernels
{
    private static readonly HashSet<Kernel> accumulateOnly = new()
    {
        Kernel.Scalar, Kernel.At, Kernel.Element, Kernel.IntoRow, Kernel.IntoColumn, Kernel.Slice, Kernel.Slices,
        Kernel.Columns, Kernel.Rows, Kernel.SubVector, Kernel.ArgMax, Kernel.ArgMin, Kernel.MultiplyAdjoints,
        Kernel.MultiplyAdjointsDeferred, Kernel.OuterDeferred,
    };

    private static readonly HashSet<Kernel> valueOnly = new()
    {
        Kernel.Dot, Kernel.Sum, Kernel.SumQuotient, Kernel.LeakyReluSlopeGradient, Kernel.ZerosLike, Kernel.Copy, Kernel.Negate,
    };

    /// <summary>Whether <c>ws.AccumulateK</c> exists: the kernel can add into an adjoint.</summary>
    public static bool Accumulates(Kernel kernel) => !valueOnly.Contains(kernel);

    /// <summary>Whether <c>ws.K</c> exists: an adjoint whose first contribution is this kernel starts from it instead of zero.</summary>
    public static bool Starts(Kernel kernel) => !accumulateOnly.Contains(kernel);
}
