using System;
using System.Collections.Generic;
using System.Linq;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>The six rows of issue 13's fraction-of-ceiling table, in the order they are reported.</summary>
public enum CeilingCaseName
{
    GruI50H100,
    GruI100H200,
    GruI300H512,
    WindowH100,
    WindowH300,
    RnnLm,
}

/// <summary>
/// One row of the fraction-of-ceiling table: a model at one size with its generated forward and Backward, a
/// hand-written Backward on the runtime's best kernels, and two measures of the machine's ceiling, both the runtime's
/// blocked <c>W x</c> kernel doing the forward's arithmetic. <see cref="Ceiling"/> (the one the fraction uses) runs it
/// on one matrix holding as many weights as the case (its working-set size; the GRU's gates stacked, 3H × (I + H)),
/// as many times as the forward multiplies by its weights: the best matrix–vector rate this machine has for that much
/// memory. <see cref="CeilingOwnProducts"/> runs it on the case's own matrices, product by product, as the forward
/// does: the gap between the two is what small separate products cost.
/// </summary>
public abstract class CeilingCase
{
    private readonly List<Product> _products = [];
    private Product _workingSet = null!;

    public static CeilingCase For(CeilingCaseName name) => name switch
    {
        CeilingCaseName.GruI50H100 => new GruCellCase(50, 100),
        CeilingCaseName.GruI100H200 => new GruCellCase(100, 200),
        CeilingCaseName.GruI300H512 => new GruCellCase(300, 512),
        CeilingCaseName.WindowH100 => new WindowCase(100),
        CeilingCaseName.WindowH300 => new WindowCase(300),
        CeilingCaseName.RnnLm => new RnnLmCase(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such case."),
    };

    /// <summary>
    /// FLOPs of the forward's matrix–vector products, 2 per multiply–add (each case writes down its formula). A
    /// Backward does 3× this: its forward sweep, then dW += δ xᵀ and dx += Wᵀ δ for every product. Elementwise work
    /// (activations, softmax, the hinge) is real time but not counted, as in issue 13's table: the rates leave it out,
    /// and for the small cases it is a large part of the time.
    /// </summary>
    public abstract double ForwardFlops { get; }

    /// <summary>The ceiling's matrix (as many entries as the case's weights) and how many products of it one forward's FLOPs make.</summary>
    protected abstract (int Rows, int Columns, int Times) WorkingSet { get; }

    /// <summary>Builds the operands (a fixed seed: every benchmark process gets the same ones) and the ceiling's products.</summary>
    public void Setup()
    {
        _products.Clear();
        var random = new Random(13);
        Build(random);
        var (rows, columns, _) = WorkingSet;
        _workingSet = new Product(Shapes.Uniform(random, rows * columns), rows, columns, Shapes.Uniform(random, columns), new double[rows]);
    }

    /// <summary>The generated allocation-free value, <c>NameValue</c> (the GRU's is a copy the caller owns).</summary>
    public abstract double Forward();

    public abstract double GeneratedBackward();

    public abstract double HandWrittenBackward();

    /// <summary>The storage of every gradient buffer both Backwards add into, for <see cref="CheckGradients"/>.</summary>
    protected abstract IEnumerable<double[]> GradientStorage { get; }

    /// <summary>y += W x with the blocked kernel on one matrix of the case's working-set size, as often as one forward multiplies.</summary>
    public void Ceiling()
    {
        var p = _workingSet;
        for (var i = WorkingSet.Times; i > 0; i--)
        {
            BlockedMatrixVector.AccumulateMultiply(p.Y, p.W, p.Rows, p.Columns, p.X);
        }
    }

    /// <summary>y += W x with the blocked kernel for each product of one forward pass, on the case's own matrices.</summary>
    public void CeilingOwnProducts()
    {
        foreach (var p in _products)
        {
            BlockedMatrixVector.AccumulateMultiply(p.Y, p.W, p.Rows, p.Columns, p.X);
        }
    }

    /// <summary>
    /// Start-up guard (a benchmark of a wrong gradient would be meaningless): on the benchmark's own operands, the
    /// generated and the hand-written Backward add the same, non-zero gradient, and the ceiling's products add up
    /// to the case's FLOP formula.
    /// </summary>
    public void CheckGradients(string name)
    {
        Setup();
        var countedFlops = _products.Sum(p => 2.0 * p.Rows * p.Columns);
        var (rows, columns, times) = WorkingSet;
        if (countedFlops != ForwardFlops || 2.0 * rows * columns * times != ForwardFlops)
        {
            throw new InvalidOperationException(
                $"{name}: the forward's products make {countedFlops} FLOPs and the ceiling {2.0 * rows * columns * times}; the formula says {ForwardFlops}.");
        }

        var generated = GradientsAfter(() => GeneratedBackward());
        var handWritten = GradientsAfter(() => HandWrittenBackward());
        var scale = generated.Max(g => g.Max(Math.Abs));
        if (scale == 0)
        {
            throw new InvalidOperationException($"{name}: the gradient is zero, so the benchmark would measure no backward work.");
        }

        for (var i = 0; i < generated.Length; i++)
        {
            var difference = generated[i].Zip(handWritten[i], (a, b) => Math.Abs(a - b)).Max();
            if (difference > 1e-10 * scale)
            {
                throw new InvalidOperationException($"{name}: generated and hand-written gradients differ by {difference} (buffer {i}).");
            }
        }
    }

    /// <summary>Creates the operands and gradient buffers, and registers every product of the forward pass (<see cref="AddProduct"/>).</summary>
    protected abstract void Build(Random random);

    /// <summary>Registers <paramref name="w"/> as one product of the forward pass, with its own x and y.</summary>
    protected void AddProduct(Matrix<double> w, Random random)
    {
        var x = Shapes.Uniform(random, w.ColumnCount);
        _products.Add(new Product(w.AsColumnMajorArray(), w.RowCount, w.ColumnCount, x, new double[w.RowCount]));
    }

    protected static Matrix<double> Weights(Random random, int rows, int columns) =>
        Matrix<double>.Build.Dense(rows, columns, (_, _) => random.NextDouble() * 0.2 - 0.1);

    protected static Vector<double> Values(Random random, int n) =>
        Vector<double>.Build.Dense(n, _ => random.NextDouble() - 0.5);

    private double[][] GradientsAfter(Action backward)
    {
        foreach (var g in GradientStorage)
        {
            Array.Clear(g);
        }

        backward();
        return GradientStorage.Select(g => (double[])g.Clone()).ToArray();
    }

    private sealed record Product(double[] W, int Rows, int Columns, double[] X, double[] Y);
}
