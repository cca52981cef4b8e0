using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// <c>ZerosLike(v, buffer)</c>, how a reversed loop iteration starts a carried gradient over: the buffer itself,
/// cleared, when it has v's shape; a zero buffer of v's shape otherwise (a carried value can change shape, e.g. a
/// result that is unassigned until an iteration returns).
/// </summary>
public sealed class ZerosLikeReuseTests
{
    [Fact]
    public void ABufferOfTheSameShapeIsClearedInPlace()
    {
        var ws = Workspace.Enter();
        try
        {
            var buffer = Vector<double>.Build.Dense(3, 2.0);
            var matrix = Matrix<double>.Build.Dense(2, 3, 2.0);
            Assert.Same(buffer, ws.ZerosLike(Vector<double>.Build.Dense(3), buffer));
            Assert.Same(matrix, ws.ZerosLike(Matrix<double>.Build.Dense(2, 3), matrix));
            Assert.All(buffer, x => Assert.Equal(0.0, x));
            Assert.All(matrix.AsColumnMajorArray(), x => Assert.Equal(0.0, x));
        }
        finally
        {
            ws.Exit();
        }
    }

    [Fact]
    public void ABufferOfAnotherShapeIsLeftAloneAndAZeroBufferOfTheRightShapeReturned()
    {
        var ws = Workspace.Enter();
        try
        {
            var buffer = Vector<double>.Build.Dense(3, 2.0);
            var zeros = ws.ZerosLike(Vector<double>.Build.Dense(0), buffer);
            Assert.Empty(zeros);
            Assert.Equal(2.0, buffer[0]);

            var matrix = Matrix<double>.Build.Dense(2, 3, 2.0);
            var other = ws.ZerosLike(Matrix<double>.Build.Dense(3, 2), matrix);
            Assert.Equal((3, 2), (other.RowCount, other.ColumnCount));
            Assert.All(other.AsColumnMajorArray(), x => Assert.Equal(0.0, x));
            Assert.Equal(2.0, matrix[0, 0]);
        }
        finally
        {
            ws.Exit();
        }
    }
}
