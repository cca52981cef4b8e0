using System;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>
/// AdaGrad's vectorised pass gives, entry for entry, the bits of the scalar formula, whatever the length and so
/// whichever entries land in the 512-bit body, the Vector&lt;double&gt; body or the scalar tail.
/// </summary>
public sealed class AdaGradPassTests
{
    [Fact]
    public void EveryEntryIsTheScalarFormulaBitForBit()
    {
        var random = new Random(6);
        for (int n = 0; n <= 41; n++)
        {
            double[] w = Random(random, n), g = Random(random, n), s = Random(random, n);
            for (int i = 0; i < n; i++)
            {
                s[i] = Math.Abs(s[i]);
            }

            var (expectedW, expectedS) = ((double[])w.Clone(), (double[])s.Clone());
            for (int i = 0; i < n; i++)
            {
                double gi = g[i] + 0.01 * expectedW[i];
                expectedS[i] += gi * gi;
                expectedW[i] = expectedW[i] - 0.1 * gi / Math.Sqrt(expectedS[i] + 1e-8);
            }

            AdaGrad.Apply(w, g, s, 0.1, 1e-8, 0.01);

            Assert.Equal(expectedS, s);
            Assert.Equal(expectedW, w);
        }
    }

    private static double[] Random(Random random, int n)
    {
        var data = new double[n];
        for (int i = 0; i < n; i++)
        {
            data[i] = random.NextDouble() * 2 - 1;
        }

        return data;
    }
}
