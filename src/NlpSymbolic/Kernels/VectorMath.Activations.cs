using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace NlpSymbolic;

/// <summary>
/// Span-level math shared by <see cref="Functions"/> and <see cref="Workspace"/>, so the allocating
/// user-facing API and the allocation-free generated code compute bit-for-bit the same values.
/// Destination spans may coincide exactly with an input span but must not partially overlap one.
/// </summary>
/// <remarks>
/// One generic source serves both precisions: every kernel is written once over
/// <c>T : IFloatingPointIeee754&lt;T&gt;</c> (float and double) with TensorPrimitives' generic overloads, and the
/// JIT specialises it per type. For double the operations are exactly the ones the hand-written double kernels
/// did, so double results are unchanged bit for bit.
/// </remarks>
internal static partial class VectorMath
{
    /// <summary>Length of the stack scratch used by kernels that need a temporary.</summary>
    /// <remarks>Large enough to amortise the per-call cost of TensorPrimitives, small enough for the stack.</remarks>
    internal const int ChunkLength = 256;

    // 1/(1+e^{-x}) never produces NaN: for x ≪ 0, e^{-x} overflows to +∞ and the quotient is 0
    // (the true value underflows anyway); for x ≫ 0, e^{-x} underflows to 0 and the result is 1.
    // The quotient keeps full relative precision on both tails, unlike e^x/(1+e^x).
    internal static T Sigmoid<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    internal static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // TensorPrimitives.Sigmoid rejects empty input; an empty vector simply maps to an empty vector.
        if (x.IsEmpty)
        {
            return;
        }

        TensorPrimitives.Sigmoid(x, destination);
    }

    internal static T Tanh<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Tanh(x);

    internal static void Tanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Not TensorPrimitives.Tanh: for double it loses relative precision near 0 (about 3e-5 relative
        // error at |x| ≈ 1e-12), which would corrupt small activations and their gradients 1 − y².
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = T.Tanh(x[i]);
        }
    }

    // T.Max (Math.Max for double) and TensorPrimitives.Max agree on NaN (propagated) and signed zero (+0 wins).
    internal static T Relu<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Max(T.Zero, x);

    internal static void Relu<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Max(x, T.Zero, destination);

    internal static T LeakyRelu<T>(T x, T slope)
        where T : unmanaged, IFloatingPointIeee754<T> => x > T.Zero ? x : slope * x;

    internal static void LeakyRelu<T>(ReadOnlySpan<T> x, T slope, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // No TensorPrimitives primitive expresses the select for an arbitrary (possibly > 1) slope.
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LeakyRelu(x[i], slope);
        }
    }

    internal static T HardTanh<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> => T.Clamp(x, T.NegativeOne, T.One);

    internal static void HardTanh<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        TensorPrimitives.Clamp(x, T.NegativeOne, T.One, destination);
}
