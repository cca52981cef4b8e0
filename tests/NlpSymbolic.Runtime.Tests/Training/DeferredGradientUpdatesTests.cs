using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

/// <summary>ParameterSet.DeferGradientUpdates: updates of dense weight gradients wait for the scope's end.</summary>
public sealed class DeferredGradientUpdatesTests
{
    private readonly TestData _data = new(41);

    [Fact]
    public void DenseWeightGradientsAreCompleteWhenTheScopeEndsAndNotBefore()
    {
        var parameters = new ParameterSet();
        parameters.Add("W", _data.Matrix(4, 3));
        parameters.Add("L", _data.Matrix(3, 5), sparseColumns: true);
        parameters.Add("b", _data.Vector(4));
        var (dW, dL) = (parameters["W"].GradientMatrix!, parameters["L"].GradientMatrix!);
        var (u, v, x) = (_data.Vector(4), _data.Vector(3), _data.Vector(5));

        using (parameters.DeferGradientUpdates())
        {
            for (int example = 0; example < 40; example++)
            {
                Workspace ws = Workspace.Enter();
                try
                {
                    ws.AccumulateOuter(dW, u, v);
                    ws.AccumulateOuter(dL, v, x);
                }
                finally
                {
                    ws.Exit();
                }
            }

            // 32 updates of W were added when its panel filled; the other 8 wait. L is sparse: never deferred.
            Near.Equal(u.OuterProduct(v) * 32, dW, 1e-12);
            Near.Equal(v.OuterProduct(x) * 40, dL, 1e-12);
        }

        Near.Equal(u.OuterProduct(v) * 40, dW, 1e-12);
    }

    [Fact]
    public void AScopeAllocatesNothingOnceWarm()
    {
        var parameters = new ParameterSet();
        parameters.Add("W", _data.Matrix(8, 6));
        var (u, v) = (_data.Vector(8), _data.Vector(6));
        void Step()
        {
            using (parameters.DeferGradientUpdates())
            {
                Workspace ws = Workspace.Enter();
                try
                {
                    ws.AccumulateOuter(parameters["W"].GradientMatrix!, u, v);
                }
                finally
                {
                    ws.Exit();
                }
            }
        }

        Step();
        long before = GC.GetAllocatedBytesForCurrentThread();
        Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
