using Xunit;
using static NlpSymbolic.Generator.Tests.Snapshots.SnapshotRuns;

namespace NlpSymbolic.Generator.Tests.Snapshots;

/// <summary>
/// Counted loops as a person writes them: a linear-chain CRF's forward algorithm, three counted loops deep with a
/// log-sum-exp over the previous tag. Each loop is written forward as <c>for (var i = 0; i &lt; n; i++)</c> and
/// reversed as <c>for (var i = n - 1; i &gt;= 0; i--)</c>: no counter and no number of iterations on the tape.
/// </summary>
public sealed class CountedLoopSnapshots
{
    public const string CrfSource = $$"""
        {{Usings}}

        namespace Lecture;

        public static partial class Crf
        {
            [Differentiable]
            public static double LogPartition(Matrix<double> emissions, Matrix<double> transitions)
            {
                var tags = emissions.RowCount;
                var length = emissions.ColumnCount;
                var alpha = new double[length * tags];
                for (var j = 0; j < tags; j++)
                {
                    alpha[j] = emissions[j, 0];
                }

                for (var t = 1; t < length; t++)
                {
                    for (var j = 0; j < tags; j++)
                    {
                        var top = alpha[(t - 1) * tags] + transitions[0, j];
                        for (var i = 1; i < tags; i++)
                        {
                            top = Math.Max(top, alpha[(t - 1) * tags + i] + transitions[i, j]);
                        }

                        var sum = 0.0;
                        for (var i = 0; i < tags; i++)
                        {
                            sum += Math.Exp(alpha[(t - 1) * tags + i] + transitions[i, j] - top);
                        }

                        alpha[t * tags + j] = top + Math.Log(sum) + emissions[j, t];
                    }
                }

                var end = (length - 1) * tags;
                var last = alpha[end];
                for (var j = 1; j < tags; j++)
                {
                    last = Math.Max(last, alpha[end + j]);
                }

                var total = 0.0;
                for (var j = 0; j < tags; j++)
                {
                    total += Math.Exp(alpha[end + j] - last);
                }

                return last + Math.Log(total);
            }
        }
        """;

    [Fact]
    public void CrfForwardAlgorithm() => Snapshot.VerifyGenerated(Clean(CrfSource));
}
