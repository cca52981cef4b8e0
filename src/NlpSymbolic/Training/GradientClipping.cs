using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Gradient clipping, applied to a set's gradient buffers in place between the backward pass and
/// <see cref="Optimizer.Step"/>. Neither method allocates.
/// </summary>
/// <remarks>
/// Both return the global L2 norm the gradients had before clipping, worth logging: a norm that keeps hitting
/// the threshold says the threshold (or the learning rate) is too small or training is unstable. NaN entries
/// are left as NaN so <see cref="ParameterSet.FirstNonFiniteGradient"/> still finds them. Sparse parameters
/// are clipped on their recorded columns, the only ones that may be non-zero.
/// </remarks>
public static class GradientClipping
{
    /// <summary>
    /// Clamps every gradient entry to [−<paramref name="threshold"/>, <paramref name="threshold"/>]
    /// (min-char-rnn clips at 5). This changes the gradient's direction, unlike <see cref="ClipByGlobalNorm"/>.
    /// </summary>
    /// <returns>The global gradient norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threshold"/> is not a finite positive number.</exception>
    public static double ClipByValue(ParameterSet parameters, double threshold)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        HyperparameterGuard.Positive(threshold, "The clipping threshold", nameof(threshold));
        double norm = parameters.GradientNorm();
        for (int i = 0; i < parameters.Count; i++)
        {
            parameters[i].ClampGradient(threshold);
        }

        return norm;
    }

    /// <summary>
    /// When the global L2 norm of all gradients exceeds <paramref name="maxNorm"/>, scales every gradient by
    /// maxNorm / norm so the norm becomes <paramref name="maxNorm"/>, keeping the direction (Pascanu et al.,
    /// 2013). A non-finite norm leaves the gradients as they are, for the non-finite check to report.
    /// </summary>
    /// <returns>The global gradient norm before clipping.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxNorm"/> is not a finite positive number.</exception>
    public static double ClipByGlobalNorm(ParameterSet parameters, double maxNorm)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        HyperparameterGuard.Positive(maxNorm, "The maximum norm", nameof(maxNorm));
        double norm = parameters.GradientNorm();
        if (/* Stryker disable once Equality : at norm == maxNorm the factor is exactly 1, which changes nothing */ norm > maxNorm && double.IsFinite(norm))
        {
            double factor = maxNorm / norm;
            for (int i = 0; i < parameters.Count; i++)
            {
                parameters[i].ScaleGradient(factor);
            }
        }

        return norm;
    }
}
