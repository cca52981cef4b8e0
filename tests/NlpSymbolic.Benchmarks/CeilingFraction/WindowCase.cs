using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// The window max-margin loss (<see cref="Models.WindowHinge"/>): a true and a corrupt window of 5 words × d = 50
/// (x ∈ R²⁵⁰) through one hidden layer of <c>H</c> units, with the hinge active (otherwise there is no gradient).
/// </summary>
public sealed class WindowCase(int hidden) : CeilingCase
{
    private const int Input = 5 * 50;

    private Matrix<double> _w = null!, _dW = null!;
    private Vector<double> _b = null!, _u = null!, _x = null!, _xc = null!, _db = null!, _du = null!, _dx = null!, _dxc = null!;

    /// <summary>W (H×250) times the true and the corrupt window: 2 · 2 · H · 250.</summary>
    public override double ForwardFlops => 2.0 * 2 * hidden * Input;

    /// <summary>W itself (H × 250), twice.</summary>
    protected override (int Rows, int Columns, int Times) WorkingSet => (hidden, Input, 2);

    protected override IEnumerable<double[]> GradientStorage =>
        [_dW.AsColumnMajorArray(), _db.AsArray(), _du.AsArray(), _dx.AsArray(), _dxc.AsArray()];

    protected override void Build(Random random)
    {
        _w = Weights(random, hidden, Input);
        (_b, _u, _x, _xc) = (Values(random, hidden), Values(random, hidden), Values(random, Input), Values(random, Input));
        if (Models.WindowHingeValue(_w, _b, _u, _x, _xc) <= 0)
        {
            // 1 − s + s_c ≤ 0 means 1 + s − s_c ≥ 2: with the windows swapped the hinge is active.
            (_x, _xc) = (_xc, _x);
        }

        (_dW, _db, _du, _dx, _dxc) = (_w * 0, _b * 0, _u * 0, _x * 0, _xc * 0);
        AddProduct(_w, random);
        AddProduct(_w, random);
    }

    public override double Forward() => Models.WindowHingeValue(_w, _b, _u, _x, _xc);

    public override double GeneratedBackward() => Models.WindowHingeBackward(_w, _b, _u, _x, _xc, 1.0, _dW, _db, _du, _dx, _dxc);

    public override double HandWrittenBackward() => HandWrittenKernels.WindowHingeBackward(_w, _b, _u, _x, _xc, _dW, _db, _du, _dx, _dxc);
}
