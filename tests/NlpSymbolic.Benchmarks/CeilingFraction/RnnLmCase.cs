using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Benchmarks;

/// <summary>
/// The RNN language-model loss (<see cref="Models.RnnLoss"/>) over 25 steps (the lecture's char-RNN chunk), vocabulary
/// 65, embeddings d = 50, hidden 100: h⁽ᵗ⁾ = tanh(H h⁽ᵗ⁻¹⁾ + W L[:, tokens[t]] + b₁), J = Σₜ CE(U h⁽ᵗ⁾ + b₂, tokens[t + 1]).
/// </summary>
public sealed class RnnLmCase : CeilingCase
{
    private const int Steps = 25, Vocabulary = 65, Embedding = 50, Hidden = 100;

    private Matrix<double> _l = null!, _h = null!, _w = null!, _u = null!, _dL = null!, _dH = null!, _dW = null!, _dU = null!;
    private Vector<double> _b1 = null!, _b2 = null!, _h0 = null!, _db1 = null!, _db2 = null!, _dh0 = null!;
    private int[] _tokens = [];

    /// <summary>Per step H (H×H) h, W (H×d) x and U (V×H) h: 2 · T · (H² + H d + V H).</summary>
    public override double ForwardFlops => 2.0 * Steps * (Hidden * Hidden + Hidden * Embedding + Vocabulary * Hidden);

    /// <summary>H, W and U hold H² + H d + V H = 21,500 weights: one H × 215 matrix, once per step.</summary>
    protected override (int Rows, int Columns, int Times) WorkingSet =>
        (Hidden, (Hidden * Hidden + Hidden * Embedding + Vocabulary * Hidden) / Hidden, Steps);

    protected override IEnumerable<double[]> GradientStorage =>
    [
        _dL.AsColumnMajorArray(), _dH.AsColumnMajorArray(), _dW.AsColumnMajorArray(), _dU.AsColumnMajorArray(),
        _db1.AsArray(), _db2.AsArray(), _dh0.AsArray(),
    ];

    protected override void Build(Random random)
    {
        (_l, _h, _w, _u) = (Weights(random, Embedding, Vocabulary), Weights(random, Hidden, Hidden),
            Weights(random, Hidden, Embedding), Weights(random, Vocabulary, Hidden));
        (_dL, _dH, _dW, _dU) = (_l * 0, _h * 0, _w * 0, _u * 0);
        (_b1, _b2, _h0) = (Values(random, Hidden), Values(random, Vocabulary), Values(random, Hidden));
        (_db1, _db2, _dh0) = (_b1 * 0, _b2 * 0, _h0 * 0);
        _tokens = new int[Steps + 1];
        for (var i = 0; i < _tokens.Length; i++)
        {
            _tokens[i] = random.Next(Vocabulary);
        }

        for (var t = 0; t < Steps; t++)
        {
            AddProduct(_h, random);
            AddProduct(_w, random);
            AddProduct(_u, random);
        }
    }

    public override double Forward() => Models.RnnLossValue(_l, _h, _w, _b1, _u, _b2, _h0, _tokens);

    public override double GeneratedBackward() =>
        Models.RnnLossBackward(_l, _h, _w, _b1, _u, _b2, _h0, _tokens, 1.0, _dL, _dH, _dW, _db1, _dU, _db2, _dh0);

    public override double HandWrittenBackward() =>
        HandWrittenKernels.RnnLossBackward(_l, _h, _w, _b1, _u, _b2, _h0, _tokens, _dL, _dH, _dW, _db1, _dU, _db2, _dh0);
}
