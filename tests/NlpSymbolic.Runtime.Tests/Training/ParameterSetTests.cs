using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Training;

public sealed class ParameterSetTests
{
    [Fact]
    public void AddCreatesZeroedGradientsOfTheSameShapeSharingStorage()
    {
        var set = new ParameterSet();
        Matrix<double> w = Matrix<double>.Build.Dense(2, 3);
        Vector<double> b = Vector<double>.Build.Dense(4);
        Parameter pw = set.Add("W", w);
        Parameter pb = set.Add("b", b);

        Assert.True(pw.IsMatrix);
        Assert.Equal((2, 3, 6), (pw.Rows, pw.Columns, pw.Length));
        Assert.Equal(2, pw.GradientMatrix!.RowCount);
        Assert.Equal(3, pw.GradientMatrix.ColumnCount);
        Assert.False(pb.IsMatrix);
        Assert.Equal((4, 1, 4), (pb.Rows, pb.Columns, pb.Length));
        Assert.Equal(4, pb.GradientVector!.Count);
        Assert.All(pw.Gradients, g => Assert.Equal(0.0, g));

        // Column-major: (i, j) is at j·rows + i, and writes through the array show in the matrix.
        pw.Values[1 * 2 + 1] = 7;
        pw.Gradients[2 * 2 + 0] = 5;
        Assert.Equal(7, w[1, 1]);
        Assert.Equal(5, pw.GradientMatrix[0, 2]);
        Assert.Equal(new[] { 5.0, 0.0 }, pw.GradientColumn(2).ToArray());
        Assert.Same(pw, set["W"]);
        Assert.Same(pb, set[1]);
        Assert.Equal(10, set.TotalLength);
    }

    [Fact]
    public void GivenGradientBuffersAreUsed()
    {
        var set = new ParameterSet();
        Matrix<double> dw = Matrix<double>.Build.Dense(2, 2);
        Parameter p = set.Add("W", Matrix<double>.Build.Dense(2, 2), dw);
        p.Gradients[3] = 1.5;
        Assert.Equal(1.5, dw[1, 1]);
    }

    [Fact]
    public void ShapeMismatchNamesTheParameterAndBothShapes()
    {
        var set = new ParameterSet();
        var e = Assert.Throws<ArgumentException>(() =>
            set.Add("W", Matrix<double>.Build.Dense(3, 4), Matrix<double>.Build.Dense(3, 5)));
        Assert.Contains("'W'", e.Message);
        Assert.Contains("3×5", e.Message);
        Assert.Contains("3×4", e.Message);
        Assert.Equal("gradient", e.ParamName);

        var v = Assert.Throws<ArgumentException>(() =>
            set.Add("b", Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(2)));
        Assert.Contains("'b'", v.Message);
        Assert.Contains("length 2", v.Message);
        Assert.Contains("length 3", v.Message);
        Assert.Empty(set);
    }

    [Fact]
    public void BadNamesAndStoragesAreRejected()
    {
        var set = new ParameterSet();
        set.Add("W", Matrix<double>.Build.Dense(2, 2));
        var duplicate = Assert.Throws<ArgumentException>(() => set.Add("W", Vector<double>.Build.Dense(2)));
        Assert.Contains("already has a parameter named 'W'", duplicate.Message);
        Assert.Throws<ArgumentException>(() => set.Add("", Vector<double>.Build.Dense(2)));

        var sparse = Assert.Throws<ArgumentException>(() => set.Add("S", Matrix<double>.Build.Sparse(2, 2)));
        Assert.Contains("dense", sparse.Message);

        Matrix<double> same = Matrix<double>.Build.Dense(2, 2);
        Assert.Throws<ArgumentException>(() => set.Add("X", same, same));
        Assert.Single(set);
    }

    [Fact]
    public void LookupByNameListsTheNamesWhenMissing()
    {
        var set = new ParameterSet();
        set.Add("W", Matrix<double>.Build.Dense(1, 1));
        set.Add("b", Vector<double>.Build.Dense(1));
        Assert.True(set.TryGet("b", out Parameter? b));
        Assert.Equal("b", b!.Name);
        Assert.False(set.TryGet("c", out _));
        var e = Assert.Throws<KeyNotFoundException>(() => set["c"]);
        Assert.Contains("W, b", e.Message);
    }

    [Fact]
    public void GradientNormIsTheGlobalL2Norm()
    {
        var set = new ParameterSet();
        Parameter a = set.Add("a", Vector<double>.Build.Dense(2));
        Parameter m = set.Add("M", Matrix<double>.Build.Dense(2, 2));
        a.Gradients[0] = 3;
        a.Gradients[1] = -4;
        m.Gradients[2] = 12;
        Assert.Equal(13.0, set.GradientNorm()); // √(9 + 16 + 144)
    }

    [Fact]
    public void TouchColumnRecordsDistinctColumnsInFirstTouchedOrder()
    {
        var set = new ParameterSet();
        Parameter e = set.Add("E", Matrix<double>.Build.Dense(2, 6), sparseColumns: true);
        e.TouchColumn(4);
        e.TouchColumns([1, 4, 1, 5]);
        e.TouchColumn(5);
        Assert.Equal(new[] { 4, 1, 5 }, e.TouchedColumns.ToArray());

        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => e.TouchColumn(6));
        Assert.Contains("'E'", outside.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => e.TouchColumn(-1));

        Parameter dense = set.Add("W", Matrix<double>.Build.Dense(2, 2));
        var notSparse = Assert.Throws<InvalidOperationException>(() => dense.TouchColumn(0));
        Assert.Contains("'W'", notSparse.Message);
        Assert.True(dense.TouchedColumns.IsEmpty);
    }

    [Fact]
    public void ZeroGradientsClearsDenseBuffersAndOnlyTheTouchedColumnsOfSparseOnes()
    {
        var set = new ParameterSet();
        Parameter w = set.Add("W", Matrix<double>.Build.Dense(2, 2));
        Parameter e = set.Add("E", Matrix<double>.Build.Dense(2, 3), sparseColumns: true);
        Array.Fill(w.Gradients, 1.0);
        Array.Fill(e.Gradients, 1.0); // column 0 breaks the contract on purpose, to show it is not visited
        e.TouchColumns([2, 1]);

        Assert.Equal(Math.Sqrt(4 + 4), set.GradientNorm()); // the sparse parameter counts its touched columns only
        set.ZeroGradients();

        Assert.All(w.Gradients, g => Assert.Equal(0.0, g));
        Assert.Equal(new[] { 1.0, 1.0, 0, 0, 0, 0 }, e.Gradients);
        Assert.True(e.TouchedColumns.IsEmpty);
        e.TouchColumn(2); // forgotten columns can be recorded again
        Assert.Equal(new[] { 2 }, e.TouchedColumns.ToArray());
    }

    [Fact]
    public void GradientBuffersShareValuesAndReduceIntoTheMainSet()
    {
        var set = new ParameterSet();
        Parameter w = set.Add("W", Matrix<double>.Build.Dense(2, 2));
        Parameter e = set.Add("E", Matrix<double>.Build.Dense(2, 4), sparseColumns: true);
        w.Gradients[0] = 1;
        e.Gradients[2] = 1; // column 1
        e.TouchColumn(1);

        ParameterSet worker = set.CreateGradientBuffers();
        Assert.Equal(2, worker.Count);
        Assert.Same(w.ValueMatrix, worker[0].ValueMatrix);
        Assert.NotSame(w.Gradients, worker[0].Gradients);
        Assert.All(worker[0].Gradients, g => Assert.Equal(0.0, g));
        Assert.True(worker[1].SparseColumns);
        Assert.True(worker[1].TouchedColumns.IsEmpty);

        worker[0].Gradients[0] = 2;
        worker[0].Gradients[3] = 5;
        worker[1].Gradients[2] = 3; // column 1 again
        worker[1].Gradients[7] = 4; // column 3
        worker[1].TouchColumns([3, 1]);

        set.AddGradientsFrom(worker);

        Assert.Equal(new[] { 3.0, 0, 0, 5 }, w.Gradients);
        Assert.Equal(new[] { 0, 0, 4.0, 0, 0, 0, 0, 4 }, e.Gradients);
        Assert.Equal(new[] { 1, 3 }, e.TouchedColumns.ToArray());
        Assert.Equal(new[] { 2.0, 0, 0, 5 }, worker[0].Gradients); // the source is left as it was
    }

    [Fact]
    public void AddGradientsFromRejectsADifferentLayout()
    {
        var set = new ParameterSet();
        set.Add("W", Matrix<double>.Build.Dense(2, 2));
        var other = new ParameterSet();
        other.Add("W", Matrix<double>.Build.Dense(2, 3));
        var e = Assert.Throws<ArgumentException>(() => set.AddGradientsFrom(other));
        Assert.Contains("'W' (2×2)", e.Message);
        Assert.Contains("'W' (2×3)", e.Message);

        other = new ParameterSet();
        Assert.Throws<ArgumentException>(() => set.AddGradientsFrom(other));
    }

    [Fact]
    public void FirstNonFiniteGradientNamesTheFirstBadParameter()
    {
        var set = new ParameterSet();
        Parameter a = set.Add("a", Vector<double>.Build.Dense(3));
        Parameter b = set.Add("b", Matrix<double>.Build.Dense(2, 2));
        Parameter e = set.Add("E", Matrix<double>.Build.Dense(2, 3), sparseColumns: true);
        Assert.Null(set.FirstNonFiniteGradient());

        b.Gradients[3] = double.PositiveInfinity;
        Assert.Equal("b", set.FirstNonFiniteGradient());
        a.Gradients[1] = double.NaN;
        Assert.Equal("a", set.FirstNonFiniteGradient());

        set.ZeroGradients();
        e.Gradients[0] = double.NaN; // column 0, not touched: outside the contract, not looked at
        Assert.Null(set.FirstNonFiniteGradient());
        e.TouchColumn(0);
        Assert.Equal("E", set.FirstNonFiniteGradient());
    }
}
