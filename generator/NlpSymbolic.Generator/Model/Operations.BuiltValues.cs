using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;
using F = NlpSymbolic.Generator.Differentiation.ForwardKernel;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Values built in the method: zeros and constants of a given size, one-hot vectors, arrays written element by element (only by the lowering: <c>var hs = new Vector&lt;double&gt;[T]; hs[t] = h;</c>), vectors stacked into a matrix, parts of vectors and row vector × matrix. Constants pass nothing back; a fill value gets the sum of the adjoint.</summary>
    private static OperationDefinition[] BuiltValues() => new[]
    {
        Op(OperationId.VectorZeros, V, W(F.Zeros, a), "VectorBuilder.Dense(Int)")
            .Rule("y = 0 ⇒ a constant: nothing flows back")
            .Is(BuildsBuffer),
        Op(OperationId.VectorFill, V, W(F.Fill, a, b), "VectorBuilder.Dense(Int,Scalar)")
            .Rule("y = s·1 ⇒ ds += 1ᵀdy", D(1, Call(Sum, dy)))
            .Is(BuildsBuffer),
        Op(OperationId.MatrixZeros, M, W(F.Zeros, a, b), "MatrixBuilder.Dense(Int,Int)")
            .Rule("Y = 0 ⇒ a constant: nothing flows back")
            .Is(BuildsBuffer),
        Op(OperationId.MatrixFill, M, W(F.Fill, a, b, c), "MatrixBuilder.Dense(Int,Int,Scalar)")
            .Rule("Y = s·11ᵀ ⇒ ds += Σᵢⱼ dYᵢⱼ", D(2, Call(Sum, dy)))
            .Is(BuildsBuffer),
        Op(OperationId.OneHot, V, W(F.OneHot, a, b), "Functions.OneHot(Int,Int)")
            .Rule("y = eᵢ ⇒ a constant: nothing flows back")
            .Is(BuildsBuffer),
        Op(OperationId.NewVectorArray, ValueKind.VectorArray, W(F.NewVectorArray, a))
            .Rule("A = new Vector<double>[n] ⇒ nothing flows back (its elements are the stores')"),
        Op(OperationId.NewScalarArray, ValueKind.ScalarArray, W(F.NewScalarArray, a))
            .Rule("A = new double[n] ⇒ nothing flows back (its elements are the stores')"),
        // The array's adjoint dA is one buffer for the whole method, updated in place: a read adds to dA[i], a
        // write hands dA[i] to the stored value and then zeroes it (ReverseMode), because the element's earlier
        // content was overwritten and gets none of the gradient that reached it afterwards.
        Op(OperationId.StoreVectorElement, ValueKind.VectorArray, new Assignment(new ElementOf(a, b), c))
            .Rule("A[i] = h ⇒ dh += dA[i]; dA[i] = 0", D(2, new ElementOf(da, b)))
            .Is(Store),
        Op(OperationId.StoreScalarElement, ValueKind.ScalarArray, new Assignment(new ElementOf(a, b), c))
            .Rule("A[i] = s ⇒ ds += dA[i]; dA[i] = 0", D(2, new ElementOf(da, b)))
            .Is(Store),
        Op(OperationId.WrittenVectorElement, V, new WrittenElement(a, b))
            .Rule("y = A[i] ⇒ dA[i] += dy", D(0, Call(Element, b, dy)))
            .Is(ElementRead),
        Op(OperationId.ColumnStack, M, W(F.DenseOfColumnVectors, args), "MatrixBuilder.DenseOfColumnVectors(Vector...)")
            .Rule("Y = [a b …] ⇒ each vector gets its column of dY", D(-1, Call(Column, dy, new Position()))),
        Op(OperationId.ColumnStackArray, M, W(F.DenseOfColumnVectors, a), "MatrixBuilder.DenseOfColumnVectors(VectorArray)")
            .Rule("Y = [a₀ a₁ …] ⇒ daⱼ += dY[:, j]", D(0, Call(Columns, dy))),
        Op(OperationId.RowStack, M, W(F.DenseOfRowVectors, args), "MatrixBuilder.DenseOfRowVectors(Vector...)")
            .Rule("Y = [aᵀ; bᵀ; …] ⇒ each vector gets its row of dY", D(-1, Call(Row, dy, new Position()))),
        Op(OperationId.RowStackArray, M, W(F.DenseOfRowVectors, a), "MatrixBuilder.DenseOfRowVectors(VectorArray)")
            .Rule("Y = [a₀ᵀ; a₁ᵀ; …] ⇒ daᵢ += dY[i, :]ᵀ", D(0, Call(Rows, dy))),
        Op(OperationId.ConcatArray, V, W(F.Concat, a), "Functions.Concat(VectorArray)")
            .Rule("y = [a₀; a₁; …] ⇒ each element gets its slice of dy", D(0, Call(Slices, dy))),
        Op(OperationId.SubVector, V, W(F.SubVector, a, b, c), "Vector.SubVector(Vector,Int,Int)")
            .Rule("y = a[i .. i+n) ⇒ da[i .. i+n) += dy", D(0, Call(SubVector, b, dy))),
        Op(OperationId.VectorTimesMatrix, V, W(F.TransposeThisAndMultiply, b, a), "Matrix.op_Multiply(Vector,Matrix)")
            .Rule("y = xᵀW, i.e. Wᵀx ⇒ dx += W dy; dW += x dyᵀ", D(0, Call(Multiply, b, dy)), D(1, Call(Outer, a, dy))),
        Op(OperationId.LeftMultiply, V, W(F.TransposeThisAndMultiply, a, b), "Matrix.LeftMultiply(Matrix,Vector)")
            .Rule("y = W.LeftMultiply(x) = Wᵀx ⇒ dW += x dyᵀ; dx += W dy", D(0, Call(Outer, b, dy)), D(1, Call(Multiply, a, dy))),
        Op(OperationId.Maximum, S, W(F.Maximum, a), "Vector.Maximum(Vector)")
            .Rule("y = max a ⇒ da_k += dy at the first arg-max k (a subgradient)", D(0, Call(ArgMax, a, dy))),
        Op(OperationId.Minimum, S, W(F.Minimum, a), "Vector.Minimum(Vector)")
            .Rule("y = min a ⇒ da_k += dy at the first arg-min k (a subgradient)", D(0, Call(ArgMin, a, dy))),
        Op(OperationId.MaximumIndex, I, new MemberOf(a, Member.MaximumIndex), "Vector.MaximumIndex(Vector)"),
        Op(OperationId.MinimumIndex, I, new MemberOf(a, Member.MinimumIndex), "Vector.MinimumIndex(Vector)"),
    };
}
