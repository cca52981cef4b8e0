using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The derivative of every operation in <see cref="Model.Operations"/>, one entry each, in matrix-calculus
/// form (y is the result, dy its adjoint, a, b, … the arguments in order). Accumulation (<c>+=</c> for
/// scalars, in-place kernels for buffers) is the emitter's job, so a rule only says what is added.
/// Operations on ints and bools have no rule: they never carry gradients.
/// </summary>
internal static class AdjointRules
{
    private static AdjointTerm D(int argument, string template, string? guard = null) => new(argument, template, guard);

    public static IReadOnlyList<AdjointRule> All { get; } = new AdjointRule[]
    {
        // Scalars.
        new("Identity", "y = a ⇒ da += dy", D(0, "{dy}")),
        new("Negate", "y = −a ⇒ da −= dy", D(0, "-{dy}")),
        new("Add", "y = a + b ⇒ da += dy; db += dy", D(0, "{dy}"), D(1, "{dy}")),
        new("Subtract", "y = a − b ⇒ da += dy; db −= dy", D(0, "{dy}"), D(1, "-{dy}")),
        new("Multiply", "y = a·b ⇒ da += dy·b; db += dy·a", D(0, "{dy} * {1}"), D(1, "{dy} * {0}")),
        new("Divide", "y = a/b ⇒ da += dy/b; db −= dy·y/b", D(0, "{dy} / {1}"), D(1, "-{dy} * {y} / {1}")),
        new("Square", "y = a·a ⇒ da += 2·dy·a", D(0, "2 * {dy} * {0}")),
        new("Exp", "y = exp a ⇒ da += dy·y", D(0, "{dy} * {y}")),
        new("Log", "y = log a ⇒ da += dy/a", D(0, "{dy} / {0}")),
        new("Sqrt", "y = √a ⇒ da += dy/(2y)", D(0, "{dy} * 0.5 / {y}")),
        new("Pow", "y = aᵇ ⇒ da += dy·b·aᵇ⁻¹; db += dy·y·log a",
            D(0, "{dy} * {1} * global::System.Math.Pow({0}, {1} - 1)"), D(1, "{dy} * {y} * global::System.Math.Log({0})")),
        new("Tanh", "y = tanh a ⇒ da += dy·(1 − y²)", D(0, "{dy} * (1 - {y} * {y})")),
        new("Sin", "y = sin a ⇒ da += dy·cos a", D(0, "{dy} * global::System.Math.Cos({0})")),
        new("Cos", "y = cos a ⇒ da −= dy·sin a", D(0, "-{dy} * global::System.Math.Sin({0})")),
        new("Abs", "y = |a| ⇒ da += dy·sign a", D(0, "{dy} * global::System.Math.Sign({0})")),
        new("Max", "y = max(a, b) ⇒ the larger argument (a on ties) gets dy",
            D(0, "{0} >= {1} ? {dy} : 0"), D(1, "{1} > {0} ? {dy} : 0")),
        new("Min", "y = min(a, b) ⇒ the smaller argument (a on ties) gets dy",
            D(0, "{0} <= {1} ? {dy} : 0"), D(1, "{1} < {0} ? {dy} : 0")),
        new("Sigmoid", "y = σ(a) ⇒ da += dy·y(1 − y)", D(0, "{dy} * {y} * (1 - {y})")),
        new("Relu", "y = max(0, a) ⇒ da += dy·[a > 0]", D(0, "{0} > 0 ? {dy} : 0")),
        new("LogSigmoid", "y = log σ(a) ⇒ da += dy·(1 − σ(a)) = dy·σ(−a)", D(0, "{dy} * global::NlpSymbolic.Functions.Sigmoid(-{0})")),
        new("LeakyRelu", "y = a > 0 ? a : s·a ⇒ da += dy·(a > 0 ? 1 : s); ds += dy·min(a, 0)",
            D(0, "{0} > 0 ? {dy} : {dy} * {1}"), D(1, "{0} > 0 ? 0 : {dy} * {0}")),
        new("HardTanh", "y = clamp(a, −1, 1) ⇒ da += dy·[−1 < a < 1]", D(0, "{0} > -1 && {0} < 1 ? {dy} : 0")),

        // Scalars computed from vectors, matrices and arrays.
        new("Dot", "y = aᵀb ⇒ da += dy·b; db += dy·a", D(0, "Scale({dy}, {1})"), D(1, "Scale({dy}, {0})")),
        new("Sum", "y = 1ᵀa ⇒ da += dy·1", D(0, "Scalar({dy})")),
        new("LogSumExp", "y = log Σ exp a ⇒ da += dy·exp(a − y)", D(0, "LogSumExpGradient({dy}, {0}, {y})")),
        new("SquaredNorm", "y = aᵀa ⇒ da += 2dy·a", D(0, "Scale(2 * {dy}, {0})")),
        new("MatrixSquaredNorm", "y = ‖A‖²_F ⇒ dA += 2dy·A", D(0, "Scale(2 * {dy}, {0})")),
        new("Norm", "y = ‖a‖ ⇒ da += (dy/y)·a (0 at a = 0, a subgradient)", D(0, "Scale({y} == 0 ? 0 : {dy} / {y}, {0})")),
        new("FrobeniusNorm", "y = ‖A‖_F ⇒ dA += (dy/y)·A (0 at A = 0, a subgradient)", D(0, "Scale({y} == 0 ? 0 : {dy} / {y}, {0})")),
        new("CrossEntropy", "y = −log softmax(a)ₖ ⇒ da += dy·(softmax(a) − eₖ)", D(0, "CrossEntropyGradient({dy}, {0}, {1})")),
        new("VectorAt", "y = aᵢ ⇒ daᵢ += dy", D(0, "At({1}, {dy})")),
        new("MatrixAt", "y = Aᵢⱼ ⇒ dAᵢⱼ += dy", D(0, "At({1}, {2}, {dy})")),
        new("ScalarElement", "y = a[i] ⇒ da[i] += dy", D(0, "Element({1}, {dy})")),

        // Vectors.
        new("VectorIdentity", "y = a ⇒ da += dy", D(0, "{dy}")),
        new("VectorNegate", "y = −a ⇒ da −= dy", D(0, "-{dy}")),
        new("VectorAdd", "y = a + b ⇒ da += dy; db += dy", D(0, "{dy}"), D(1, "{dy}")),
        new("VectorSubtract", "y = a − b ⇒ da += dy; db −= dy", D(0, "{dy}"), D(1, "-{dy}")),
        new("ScalarTimesVector", "y = s·a ⇒ ds += dyᵀa; da += s·dy", D(0, "{ws}.Dot({dy}, {1})"), D(1, "Scale({0}, {dy})")),
        new("VectorTimesScalar", "y = a·s ⇒ da += s·dy; ds += dyᵀa", D(0, "Scale({1}, {dy})"), D(1, "{ws}.Dot({dy}, {0})")),
        new("VectorDivideScalar", "y = a/s ⇒ da += dy/s; ds −= dyᵀy/s",
            D(0, "Scale(1 / {1}, {dy})"), D(1, "-{ws}.Dot({dy}, {y}) / {1}")),
        new("ScalarDivideVector", "y = s/a ⇒ ds += Σ dy/a; da −= dy∘y/a",
            D(0, "{ws}.SumQuotient({dy}, {1})"), D(1, "DivisorGradient({dy}, {y}, {1})")),
        new("VectorPlusScalar", "y = a + s·1 ⇒ da += dy; ds += 1ᵀdy", D(0, "{dy}"), D(1, "{ws}.Sum({dy})")),
        new("ScalarPlusVector", "y = s·1 + a ⇒ ds += 1ᵀdy; da += dy", D(0, "{ws}.Sum({dy})"), D(1, "{dy}")),
        new("VectorMinusScalar", "y = a − s·1 ⇒ da += dy; ds −= 1ᵀdy", D(0, "{dy}"), D(1, "-{ws}.Sum({dy})")),
        new("ScalarMinusVector", "y = s·1 − a ⇒ ds += 1ᵀdy; da −= dy", D(0, "{ws}.Sum({dy})"), D(1, "-{dy}")),
        new("PointwiseMultiply", "y = a∘b ⇒ da += dy∘b; db += dy∘a",
            D(0, "PointwiseMultiply({dy}, {1})"), D(1, "PointwiseMultiply({dy}, {0})")),
        new("PointwiseDivide", "y = a/b ⇒ da += dy/b; db −= dy∘y/b",
            D(0, "PointwiseDivide({dy}, {1})"), D(1, "DivisorGradient({dy}, {y}, {1})")),
        new("PointwiseExp", "y = exp a ⇒ da += dy∘y", D(0, "PointwiseMultiply({dy}, {y})")),
        new("PointwiseLog", "y = log a ⇒ da += dy/a", D(0, "PointwiseDivide({dy}, {0})")),
        new("VectorTanh", "y = tanh a ⇒ da += dy∘(1 − y∘y)", D(0, "TanhGradient({dy}, {y})")),
        new("VectorSigmoid", "y = σ(a) ⇒ da += dy∘y∘(1 − y)", D(0, "SigmoidGradient({dy}, {y})")),
        new("VectorRelu", "y = max(0, a) ⇒ da += dy∘[a > 0]", D(0, "ReluGradient({dy}, {0})")),
        new("VectorLeakyRelu", "y = a > 0 ? a : s·a ⇒ da += dy∘(a > 0 ? 1 : s); ds += dyᵀmin(a, 0)",
            D(0, "LeakyReluGradient({dy}, {0}, {1})"), D(1, "{ws}.LeakyReluSlopeGradient({dy}, {0})")),
        new("VectorHardTanh", "y = clamp(a, −1, 1) ⇒ da += dy∘[−1 < a < 1]", D(0, "HardTanhGradient({dy}, {0})")),
        new("Softmax", "y = softmax a ⇒ da += y∘(dy − (dyᵀy)·1)", D(0, "SoftmaxGradient({dy}, {y})")),
        new("LogSoftmax", "y = a − logΣexp a ⇒ da += dy − exp(y)·(1ᵀdy)", D(0, "LogSoftmaxGradient({dy}, {y})")),
        new("Concat", "y = [a; b; …] ⇒ each part gets its slice of dy", D(-1, "Slice({dy}, {offset})")),
        new("MatrixTimesVector", "y = W x ⇒ dW += dy xᵀ; dx += Wᵀ dy",
            D(0, "Outer({dy}, {1})"), D(1, "TransposeThisAndMultiply({0}, {dy})")),
        new("Row", "y = A[i, :]ᵀ ⇒ dA[i, :] += dyᵀ", D(0, "IntoRow({1}, {dy})")),
        new("Column", "y = A[:, j] ⇒ dA[:, j] += dy", D(0, "IntoColumn({1}, {dy})")),
        new("VectorElement", "y = a[i] ⇒ da[i] += dy", D(0, "Element({1}, {dy})")),

        // Matrices.
        new("MatrixIdentity", "Y = A ⇒ dA += dY", D(0, "{dy}")),
        new("MatrixNegate", "Y = −A ⇒ dA −= dY", D(0, "-{dy}")),
        new("MatrixAdd", "Y = A + B ⇒ dA += dY; dB += dY", D(0, "{dy}"), D(1, "{dy}")),
        new("MatrixSubtract", "Y = A − B ⇒ dA += dY; dB −= dY", D(0, "{dy}"), D(1, "-{dy}")),
        new("ScalarTimesMatrix", "Y = s·A ⇒ ds += ⟨dY, A⟩; dA += s·dY", D(0, "{ws}.Dot({dy}, {1})"), D(1, "Scale({0}, {dy})")),
        new("MatrixTimesScalar", "Y = A·s ⇒ dA += s·dY; ds += ⟨dY, A⟩", D(0, "Scale({1}, {dy})"), D(1, "{ws}.Dot({dy}, {0})")),
        new("MatrixTimesMatrix", "Y = A B ⇒ dA += dY Bᵀ; dB += Aᵀ dY",
            D(0, "TransposeAndMultiply({dy}, {1})"), D(1, "TransposeThisAndMultiply({0}, {dy})")),
        new("Transpose", "Y = Aᵀ ⇒ dA += dYᵀ", D(0, "Transpose({dy})")),
        new("MatrixPointwiseMultiply", "Y = A∘B ⇒ dA += dY∘B; dB += dY∘A",
            D(0, "PointwiseMultiply({dy}, {1})"), D(1, "PointwiseMultiply({dy}, {0})")),
        new("OuterProduct", "Y = a bᵀ ⇒ da += dY b; db += dYᵀ a", D(0, "Multiply({dy}, {1})"), D(1, "TransposeThisAndMultiply({dy}, {0})")),

        // Values built in the method. Constants pass nothing back; a fill value gets the sum of the adjoint.
        new("VectorZeros", "y = 0 ⇒ a constant: nothing flows back"),
        new("MatrixZeros", "Y = 0 ⇒ a constant: nothing flows back"),
        new("OneHot", "y = eᵢ ⇒ a constant: nothing flows back"),
        new("NewVectorArray", "A = new Vector<double>[n] ⇒ nothing flows back (its elements are the stores')"),
        new("NewScalarArray", "A = new double[n] ⇒ nothing flows back (its elements are the stores')"),
        new("VectorFill", "y = s·1 ⇒ ds += 1ᵀdy", D(1, "{ws}.Sum({dy})")),
        new("MatrixFill", "Y = s·11ᵀ ⇒ ds += Σᵢⱼ dYᵢⱼ", D(2, "{ws}.Sum({dy})")),
        // The array's adjoint dA is one buffer for the whole method, updated in place: a read adds to dA[i], a
        // write hands dA[i] to the stored value and then zeroes it (ReverseMode), because the element's earlier
        // content was overwritten and gets none of the gradient that reached it afterwards.
        new("StoreVectorElement", "A[i] = h ⇒ dh += dA[i]; dA[i] = 0", D(2, "{d0}[{1}]")),
        new("StoreScalarElement", "A[i] = s ⇒ ds += dA[i]; dA[i] = 0", D(2, "{d0}[{1}]")),
        new("WrittenVectorElement", "y = A[i] ⇒ dA[i] += dy", D(0, "Element({1}, {dy})")),
        new("ColumnStack", "Y = [a b …] ⇒ each vector gets its column of dY", D(-1, "Column({dy}, {position})")),
        new("ColumnStackArray", "Y = [a₀ a₁ …] ⇒ daⱼ += dY[:, j]", D(0, "Columns({dy})")),
        new("RowStack", "Y = [aᵀ; bᵀ; …] ⇒ each vector gets its row of dY", D(-1, "Row({dy}, {position})")),
        new("RowStackArray", "Y = [a₀ᵀ; a₁ᵀ; …] ⇒ daᵢ += dY[i, :]ᵀ", D(0, "Rows({dy})")),
        new("ConcatArray", "y = [a₀; a₁; …] ⇒ each element gets its slice of dy", D(0, "Slices({dy})")),
        new("SubVector", "y = a[i .. i+n) ⇒ da[i .. i+n) += dy", D(0, "SubVector({1}, {dy})")),
        new("VectorTimesMatrix", "y = xᵀW, i.e. Wᵀx ⇒ dx += W dy; dW += x dyᵀ", D(0, "Multiply({1}, {dy})"), D(1, "Outer({0}, {dy})")),
        new("LeftMultiply", "y = W.LeftMultiply(x) = Wᵀx ⇒ dW += x dyᵀ; dx += W dy", D(0, "Outer({1}, {dy})"), D(1, "Multiply({0}, {dy})")),
        new("Maximum", "y = max a ⇒ da_k += dy at the first arg-max k (a subgradient)", D(0, "ArgMax({0}, {dy})")),
        new("Minimum", "y = min a ⇒ da_k += dy at the first arg-min k (a subgradient)", D(0, "ArgMin({0}, {dy})")),

        // Minibatches as matrices (one example per column).
        new("MatrixTanh", "Y = tanh A ⇒ dA += dY∘(1 − Y∘Y)", D(0, "TanhGradient({dy}, {y})")),
        new("MatrixSigmoid", "Y = σ(A) ⇒ dA += dY∘Y∘(1 − Y)", D(0, "SigmoidGradient({dy}, {y})")),
        new("MatrixRelu", "Y = max(0, A) ⇒ dA += dY∘[A > 0]", D(0, "ReluGradient({dy}, {0})")),
        new("MatrixLeakyRelu", "Y = A > 0 ? A : s·A ⇒ dA += dY∘(A > 0 ? 1 : s); ds += ⟨dY, min(A, 0)⟩",
            D(0, "LeakyReluGradient({dy}, {0}, {1})"), D(1, "{ws}.LeakyReluSlopeGradient({dy}, {0})")),
        new("MatrixHardTanh", "Y = clamp(A, −1, 1) ⇒ dA += dY∘[−1 < A < 1]", D(0, "HardTanhGradient({dy}, {0})")),
        new("MatrixPointwiseExp", "Y = exp A ⇒ dA += dY∘Y", D(0, "PointwiseMultiply({dy}, {y})")),
        new("MatrixPointwiseLog", "Y = log A ⇒ dA += dY/A", D(0, "PointwiseDivide({dy}, {0})")),
        new("MatrixPointwiseDivide", "Y = A/B ⇒ dA += dY/B; dB −= dY∘Y/B",
            D(0, "PointwiseDivide({dy}, {1})"), D(1, "DivisorGradient({dy}, {y}, {1})")),
        new("MatrixPlusScalar", "Y = A + s·11ᵀ ⇒ dA += dY; ds += 1ᵀdY1", D(0, "{dy}"), D(1, "{ws}.Sum({dy})")),
        new("ScalarPlusMatrix", "Y = s·11ᵀ + A ⇒ ds += 1ᵀdY1; dA += dY", D(0, "{ws}.Sum({dy})"), D(1, "{dy}")),
        new("MatrixMinusScalar", "Y = A − s·11ᵀ ⇒ dA += dY; ds −= 1ᵀdY1", D(0, "{dy}"), D(1, "-{ws}.Sum({dy})")),
        new("ScalarMinusMatrix", "Y = s·11ᵀ − A ⇒ ds += 1ᵀdY1; dA −= dY", D(0, "{ws}.Sum({dy})"), D(1, "-{dy}")),
        new("MatrixDivideScalar", "Y = A/s ⇒ dA += dY/s; ds −= ⟨dY, Y⟩/s",
            D(0, "Scale(1 / {1}, {dy})"), D(1, "-{ws}.Dot({dy}, {y}) / {1}")),
        new("ScalarDivideMatrix", "Y = s/A ⇒ ds += Σ dY/A; dA −= dY∘Y/A",
            D(0, "{ws}.SumQuotient({dy}, {1})"), D(1, "DivisorGradient({dy}, {y}, {1})")),
        new("AddColumnwise", "Y = A + b1ᵀ ⇒ dA += dY; db += dY 1 (the row sums of dY)", D(0, "{dy}"), D(1, "RowSums({dy})")),
        new("MatrixSoftmax", "Y[:, j] = softmax A[:, j] ⇒ dA[:, j] += Y[:, j]∘(dY[:, j] − ⟨dY[:, j], Y[:, j]⟩)", D(0, "SoftmaxGradient({dy}, {y})")),
        new("MatrixLogSoftmax", "Y[:, j] = A[:, j] − logΣexp A[:, j] ⇒ dA[:, j] += dY[:, j] − exp(Y[:, j])·(1ᵀdY[:, j])", D(0, "LogSoftmaxGradient({dy}, {y})")),
        new("RowSums", "y = A 1 ⇒ dA += dy 1ᵀ", D(0, "RowSumsGradient({dy}, {0})")),
        new("ColumnSums", "y = Aᵀ1 ⇒ dA += 1 dyᵀ", D(0, "ColumnSumsGradient({dy}, {0})")),
        new("MatrixCrossEntropy", "y = Σⱼ −log softmax(A[:, j])_kⱼ ⇒ dA += dy·(softmax(A) − Y), Y the one-hot labels by column",
            D(0, "CrossEntropyGradient({dy}, {0}, {1})")),
        new("MeanCrossEntropy", "y = (1/B) Σⱼ −log softmax(A[:, j])_kⱼ ⇒ dA += (dy/B)·(softmax(A) − Y), B = labels.Length",
            D(0, "CrossEntropyGradient({dy} / {1}.Length, {0}, {1})")),
    };

    private static readonly Dictionary<string, AdjointRule> byOperation = All.ToDictionary(r => r.Operation);

    /// <summary>The rule of an operation, or null for operations that never carry gradients (ints, bools).</summary>
    public static AdjointRule? For(string operation) => byOperation.TryGetValue(operation, out var rule) ? rule : null;

    /// <summary>The terms that send gradient to <paramref name="argument"/>.</summary>
    public static IEnumerable<AdjointTerm> TermsFor(AdjointRule rule, int argument) =>
        rule.Terms.Where(t => t.Argument == argument || t.Argument == -1);
}
