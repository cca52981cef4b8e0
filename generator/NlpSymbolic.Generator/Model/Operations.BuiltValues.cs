using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Values built in the method: zeros and constants of a given size, one-hot vectors, arrays written element by element (only by the lowering: <c>var hs = new Vector&lt;double&gt;[T]; hs[t] = h;</c>), vectors stacked into a matrix, parts of vectors and row vector × matrix. Constants pass nothing back; a fill value gets the sum of the adjoint.</summary>
    private static OperationDefinition[] BuiltValues() => new[]
    {
        Op("VectorZeros", V, "{ws}.Zeros({0})", "VectorBuilder.Dense(Int)")
            .Rule("y = 0 ⇒ a constant: nothing flows back"),
        Op("VectorFill", V, "{ws}.Fill({0}, {1})", "VectorBuilder.Dense(Int,Scalar)")
            .Rule("y = s·1 ⇒ ds += 1ᵀdy", D(1, Call(Sum, dy))),
        Op("MatrixZeros", M, "{ws}.Zeros({0}, {1})", "MatrixBuilder.Dense(Int,Int)")
            .Rule("Y = 0 ⇒ a constant: nothing flows back"),
        Op("MatrixFill", M, "{ws}.Fill({0}, {1}, {2})", "MatrixBuilder.Dense(Int,Int,Scalar)")
            .Rule("Y = s·11ᵀ ⇒ ds += Σᵢⱼ dYᵢⱼ", D(2, Call(Sum, dy))),
        Op("OneHot", V, "{ws}.OneHot({0}, {1})", "Functions.OneHot(Int,Int)")
            .Rule("y = eᵢ ⇒ a constant: nothing flows back"),
        Op("NewVectorArray", ValueKind.VectorArray, "{ws}.NewVectorArray({0})")
            .Rule("A = new Vector<double>[n] ⇒ nothing flows back (its elements are the stores')"),
        Op("NewScalarArray", ValueKind.ScalarArray, "{ws}.NewScalarArray({0})")
            .Rule("A = new double[n] ⇒ nothing flows back (its elements are the stores')"),
        // The array's adjoint dA is one buffer for the whole method, updated in place: a read adds to dA[i], a
        // write hands dA[i] to the stored value and then zeroes it (ReverseMode), because the element's earlier
        // content was overwritten and gets none of the gradient that reached it afterwards.
        Op("StoreVectorElement", ValueKind.VectorArray, "{0}[{1}] = {2}")
            .Rule("A[i] = h ⇒ dh += dA[i]; dA[i] = 0", D(2, new ElementOf(da, b)))
            .Is(Store),
        Op("StoreScalarElement", ValueKind.ScalarArray, "{0}[{1}] = {2}")
            .Rule("A[i] = s ⇒ ds += dA[i]; dA[i] = 0", D(2, new ElementOf(da, b)))
            .Is(Store),
        Op("WrittenVectorElement", V, "{0}[{1}] ?? throw global::NlpSymbolic.Workspace.ReadBeforeWrite(\"{name:0}\", {1})")
            .Rule("y = A[i] ⇒ dA[i] += dy", D(0, Call(Element, b, dy)))
            .Is(ElementRead),
        Op("ColumnStack", M, "{ws}.DenseOfColumnVectors({args})", "MatrixBuilder.DenseOfColumnVectors(Vector...)")
            .Rule("Y = [a b …] ⇒ each vector gets its column of dY", D(-1, Call(Column, dy, new Position()))),
        Op("ColumnStackArray", M, "{ws}.DenseOfColumnVectors({0})", "MatrixBuilder.DenseOfColumnVectors(VectorArray)")
            .Rule("Y = [a₀ a₁ …] ⇒ daⱼ += dY[:, j]", D(0, Call(Columns, dy))),
        Op("RowStack", M, "{ws}.DenseOfRowVectors({args})", "MatrixBuilder.DenseOfRowVectors(Vector...)")
            .Rule("Y = [aᵀ; bᵀ; …] ⇒ each vector gets its row of dY", D(-1, Call(Row, dy, new Position()))),
        Op("RowStackArray", M, "{ws}.DenseOfRowVectors({0})", "MatrixBuilder.DenseOfRowVectors(VectorArray)")
            .Rule("Y = [a₀ᵀ; a₁ᵀ; …] ⇒ daᵢ += dY[i, :]ᵀ", D(0, Call(Rows, dy))),
        Op("ConcatArray", V, "{ws}.Concat({0})", "Functions.Concat(VectorArray)")
            .Rule("y = [a₀; a₁; …] ⇒ each element gets its slice of dy", D(0, Call(Slices, dy))),
        Op("SubVector", V, "{ws}.SubVector({0}, {1}, {2})", "Vector.SubVector(Vector,Int,Int)")
            .Rule("y = a[i .. i+n) ⇒ da[i .. i+n) += dy", D(0, Call(SubVector, b, dy))),
        Op("VectorTimesMatrix", V, "{ws}.TransposeThisAndMultiply({1}, {0})", "Matrix.op_Multiply(Vector,Matrix)")
            .Rule("y = xᵀW, i.e. Wᵀx ⇒ dx += W dy; dW += x dyᵀ", D(0, Call(Multiply, b, dy)), D(1, Call(Outer, a, dy))),
        Op("LeftMultiply", V, "{ws}.TransposeThisAndMultiply({0}, {1})", "Matrix.LeftMultiply(Matrix,Vector)")
            .Rule("y = W.LeftMultiply(x) = Wᵀx ⇒ dW += x dyᵀ; dx += W dy", D(0, Call(Outer, b, dy)), D(1, Call(Multiply, a, dy))),
        Op("Maximum", S, "{ws}.Maximum({0})", "Vector.Maximum(Vector)")
            .Rule("y = max a ⇒ da_k += dy at the first arg-max k (a subgradient)", D(0, Call(ArgMax, a, dy))),
        Op("Minimum", S, "{ws}.Minimum({0})", "Vector.Minimum(Vector)")
            .Rule("y = min a ⇒ da_k += dy at the first arg-min k (a subgradient)", D(0, Call(ArgMin, a, dy))),
        Op("MaximumIndex", I, "{0}.MaximumIndex()", "Vector.MaximumIndex(Vector)"),
        Op("MinimumIndex", I, "{0}.MinimumIndex()", "Vector.MinimumIndex(Vector)"),
    };
}
