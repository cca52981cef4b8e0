using System;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

public class WorkspaceTapeTests
{
    [Fact]
    public void PopsReturnPushesInReverseOrderPerKind()
    {
        var v = Vector<double>.Build.Dense(3, 1.0);
        var m = Matrix<double>.Build.Dense(2, 2, 2.0);
        var ws = Workspace.Enter();
        try
        {
            ws.Push(1.5);
            ws.Push(7);
            ws.Push(true);
            ws.Push(v);
            ws.Push(m);
            ws.Push(2.5);
            Assert.Equal(6, ws.TapeLength);
            Assert.Equal(2.5, ws.PopScalar());
            Assert.Same(m, ws.PopMatrix());
            Assert.Same(v, ws.PopVector());
            Assert.True(ws.PopBool());
            Assert.Equal(7, ws.PopInt());
            Assert.Equal(1.5, ws.PopScalar());
            Assert.Equal(0, ws.TapeLength);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void UnderflowIsAClearError()
    {
        var ws = Workspace.Enter();
        try
        {
            var error = Assert.Throws<InvalidOperationException>(() => ws.PopVector());
            Assert.Contains("tape underflow", error.Message);
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void ExitRecordsWhatWasLeftOnTheTapeAndClearsIt()
    {
        var ws = Workspace.Enter();
        ws.Push(1.0);
        ws.Push(2);
        ws.Exit();
        Assert.Equal(2, ws.TapeLengthAtLastExit);

        var again = Workspace.Enter();
        try
        {
            Assert.Same(ws, again);
            Assert.Equal(0, again.TapeLength);
        }
        finally
        {
            again.Exit();
        }

        Assert.Equal(0, again.TapeLengthAtLastExit);
    }

    [Fact]
    public void CopyIsIndependentOfItsSource()
    {
        var v = Vector<double>.Build.Dense(new[] { 1.0, 2.0 });
        var ws = Workspace.Enter();
        try
        {
            var copy = ws.Copy(v);
            copy[0] = 5;
            Assert.Equal(1.0, v[0]);
            Assert.Equal(2.0, copy[1]);
        }
        finally
        {
            ws.Exit();
        }
    }
}
