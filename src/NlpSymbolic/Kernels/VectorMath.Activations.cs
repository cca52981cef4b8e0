using System;
using System.Numerics.Tensors;

namespace NlpSymbolic;

/// <summary>
/// Span-level math shared by <see cref="Functions"/> and <see cref="Workspace"/>, so the allocating
/// user-facing API and the allocation-free generated code compute bit-for-bit the same values.
/// Destination spans may coincide exactly with an input span but must not partially overlap one.
/// </summary>
internal static partial class VectorMath
{
    /// <summary>Length of the stack scratch used by kernels that need a temporary.</summary>
    /// <remarks>Large enough to amortise the per-call cost of TensorPrimitives, small enough for the stack.</remarks>
    internal const int ChunkLength = 256;

    // 1/(1+e^{-x}) never produces NaN: for x ≪ 0, e^{-x} overflows to +∞ and the quotient is 0
    // (the true value underflows anyway); for x ≫ 0, e^{-x} underflows to 0 and the result is 1.
    // The quotient keeps full relative precision on both tails, unlike e^x/(1+e^x).
    internal static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));

    internal static void Sigmoid(ReadOnlySpan<double> x, Span<double> destination)
    {
        // TensorPrimitives.Sigmoid rejects empty input; an empty vector simply maps to an empty vector.
        if (x.IsEmpty)
        {
            return;
        }

        TensorPrimitives.Sigmoid(x, destination);
    }

    internal static double Tanh(double x) => Math.Tanh(x);

    internal static void Tanh(ReadOnlySpan<double> x, Span<double> destination)
    {
        // Not TensorPrimitives.Tanh: for double it loses relative precision near 0 (about 3e-5 relative
        // error at |x| ≈ 1e-12), which would corrupt small activations and their gradients 1 − y².
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = Math.Tanh(x[i]);
        }
    }

    // Math.Max and TensorPrimitives.Max agree on NaN (propagated) and signed zero (+0 wins).
    internal static double Relu(double x) => Math.Max(0.0, x);

    internal static void Relu(ReadOnlySpan<double> x, Span<double> destination) =>
        TensorPrimitives.Max(x, 0.0, destination);

    internal static double LeakyRelu(double x, double slope) => x > 0.0 ? x : slope * x;

    internal static void LeakyRelu(ReadOnlySpan<double> x, double slope, Span<double> destination)
    {
        // No TensorPrimitives primitive expresses the select for an arbitrary (possibly > 1) slope.
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LeakyRelu(x[i], slope);
        }
    }

    internal static double HardTanh(double x) => Math.Clamp(x, -1.0, 1.0);

    internal static void HardTanh(ReadOnlySpan<double> x, Span<double> destination) =>
        TensorPrimitives.Clamp(x, -1.0, 1.0, destination);
}
