using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>The lecture's GRU cell (<see cref="Models.GruCell"/>), input <c>I</c>, hidden <c>H</c>: h' and its gradient for a given ∂h'.</summary>
public sealed class GruCellCase(int input, int hidden) : CeilingCase
{
    private Matrix<double> _wz = null!, _uz = null!, _wr = null!, _ur = null!, _w = null!, _u = null!;
    private Matrix<double> _dWz = null!, _dUz = null!, _dWr = null!, _dUr = null!, _dW = null!, _dU = null!;
    private Vector<double> _x = null!, _h = null!, _dResult = null!, _dx = null!, _dh = null!;

    /// <summary>Three gates, each W (H×I) times x and U (H×H) times h: 2 · 3 · H · (I + H).</summary>
    public override double ForwardFlops => 2.0 * 3 * hidden * (input + hidden);

    /// <summary>The three gates' W and U stacked: 3H × (I + H), once.</summary>
    protected override (int Rows, int Columns, int Times) WorkingSet => (3 * hidden, input + hidden, 1);

    protected override IEnumerable<double[]> GradientStorage =>
    [
        _dWz.AsColumnMajorArray(), _dUz.AsColumnMajorArray(), _dWr.AsColumnMajorArray(), _dUr.AsColumnMajorArray(),
        _dW.AsColumnMajorArray(), _dU.AsColumnMajorArray(), _dx.AsArray(), _dh.AsArray(),
    ];

    protected override void Build(Random random)
    {
        (_wz, _wr, _w) = (Weights(random, hidden, input), Weights(random, hidden, input), Weights(random, hidden, input));
        (_uz, _ur, _u) = (Weights(random, hidden, hidden), Weights(random, hidden, hidden), Weights(random, hidden, hidden));
        (_dWz, _dWr, _dW) = (_wz * 0, _wr * 0, _w * 0);
        (_dUz, _dUr, _dU) = (_uz * 0, _ur * 0, _u * 0);
        (_x, _h, _dResult) = (Values(random, input), Values(random, hidden), Values(random, hidden));
        (_dx, _dh) = (_x * 0, _h * 0);
        foreach (var w in new[] { _wz, _uz, _wr, _ur, _w, _u })
        {
            AddProduct(w, random);
        }
    }

    public override double Forward() => Models.GruCellValue(_wz, _uz, _wr, _ur, _w, _u, _x, _h)[0];

    public override double GeneratedBackward() =>
        Models.GruCellBackward(_wz, _uz, _wr, _ur, _w, _u, _x, _h, _dResult, _dWz, _dUz, _dWr, _dUr, _dW, _dU, _dx, _dh)[0];

    public override double HandWrittenBackward() =>
        HandWrittenKernels.GruCellBackward(_wz, _uz, _wr, _ur, _w, _u, _x, _h, _dResult, _dWz, _dUz, _dWr, _dUr, _dW, _dU, _dx, _dh)[0];
}
