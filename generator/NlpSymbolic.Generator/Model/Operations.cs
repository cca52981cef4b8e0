using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// The catalogue of operations: what user code resolves to (signature) → operation id → how the value
/// is computed in generated code. Each operation's derivative is one entry in
/// <see cref="Differentiation.AdjointRules"/>. Adding an operation = one entry here + one rule there + a
/// gradient test.
/// </summary>
internal static class Operations
{
    private const ValueKind S = ValueKind.Scalar;
    private const ValueKind V = ValueKind.Vector;
    private const ValueKind M = ValueKind.Matrix;
    private const ValueKind I = ValueKind.Int;
    private const ValueKind B = ValueKind.Bool;

    public static IReadOnlyList<OperationDefinition> All { get; } = new OperationDefinition[]
    {
        // Scalars: built-in operators and System.Math.
        new("Identity", S, "{0}"),
        new("Negate", S, "-{0}", "builtin.op_UnaryNegation(Scalar)"),
        new("Add", S, "{0} + {1}", "builtin.op_Addition(Scalar,Scalar)"),
        new("Subtract", S, "{0} - {1}", "builtin.op_Subtraction(Scalar,Scalar)"),
        new("Multiply", S, "{0} * {1}", "builtin.op_Multiply(Scalar,Scalar)"),
        new("Divide", S, "{0} / {1}", "builtin.op_Division(Scalar,Scalar)"),
        new("Square", S, "{0} * {0}"),
        new("Exp", S, "global::System.Math.Exp({0})", "Math.Exp(Scalar)"),
        new("Log", S, "global::System.Math.Log({0})", "Math.Log(Scalar)"),
        new("Sqrt", S, "global::System.Math.Sqrt({0})", "Math.Sqrt(Scalar)"),
        new("Pow", S, "global::System.Math.Pow({0}, {1})", "Math.Pow(Scalar,Scalar)"),
        new("Tanh", S, "global::System.Math.Tanh({0})", "Math.Tanh(Scalar)", "Functions.Tanh(Scalar)"),
        new("Sin", S, "global::System.Math.Sin({0})", "Math.Sin(Scalar)"),
        new("Cos", S, "global::System.Math.Cos({0})", "Math.Cos(Scalar)"),
        new("Abs", S, "global::System.Math.Abs({0})", "Math.Abs(Scalar)"),
        new("Max", S, "global::System.Math.Max({0}, {1})", "Math.Max(Scalar,Scalar)"),
        new("Min", S, "global::System.Math.Min({0}, {1})", "Math.Min(Scalar,Scalar)"),
        new("Sigmoid", S, "global::NlpSymbolic.Functions.Sigmoid({0})", "Functions.Sigmoid(Scalar)"),
        new("Relu", S, "global::NlpSymbolic.Functions.Relu({0})", "Functions.Relu(Scalar)"),
        new("LogSigmoid", S, "global::NlpSymbolic.Functions.LogSigmoid({0})", "Functions.LogSigmoid(Scalar)"),
        new("LeakyRelu", S, "global::NlpSymbolic.Functions.LeakyRelu({0}, {1})", "Functions.LeakyRelu(Scalar,Scalar)"),
        new("HardTanh", S, "global::NlpSymbolic.Functions.HardTanh({0})", "Functions.HardTanh(Scalar)"),
        new("IntToDouble", S, "(double){0}", "builtin.convert(Int)"),

        // Scalars computed from vectors, matrices and arrays.
        new("Dot", S, "{ws}.Dot({0}, {1})", "Vector.op_Multiply(Vector,Vector)", "Vector.DotProduct(Vector,Vector)"),
        new("Sum", S, "{ws}.Sum({0})", "Vector.Sum(Vector)"),
        new("LogSumExp", S, "{ws}.LogSumExp({0})", "Functions.LogSumExp(Vector)"),
        new("SquaredNorm", S, "{ws}.Dot({0}, {0})", "Functions.SquaredNorm(Vector)"),
        new("MatrixSquaredNorm", S, "{ws}.Dot({0}, {0})", "Functions.SquaredNorm(Matrix)"),
        new("Norm", S, "global::System.Math.Sqrt({ws}.Dot({0}, {0}))", "Vector.L2Norm(Vector)"),
        new("FrobeniusNorm", S, "global::System.Math.Sqrt({ws}.Dot({0}, {0}))", "Matrix.FrobeniusNorm(Matrix)"),
        new("CrossEntropy", S, "{ws}.CrossEntropy({0}, {1})", "Functions.CrossEntropy(Vector,Int)"),
        new("VectorAt", S, "{0}[{1}]", "Vector.get_Item(Vector,Int)"),
        new("MatrixAt", S, "{0}[{1}, {2}]", "Matrix.get_Item(Matrix,Int,Int)"),
        new("ScalarElement", S, "{0}[{1}]", "builtin.element(ScalarArray,Int)"),

        // Vectors.
        new("VectorIdentity", V, "{0}", "Vector.op_UnaryPlus(Vector)"),
        new("VectorNegate", V, "{ws}.Negate({0})", "Vector.op_UnaryNegation(Vector)"),
        new("VectorAdd", V, "{ws}.Add({0}, {1})", "Vector.op_Addition(Vector,Vector)", "Vector.Add(Vector,Vector)"),
        new("VectorSubtract", V, "{ws}.Subtract({0}, {1})", "Vector.op_Subtraction(Vector,Vector)", "Vector.Subtract(Vector,Vector)"),
        new("ScalarTimesVector", V, "{ws}.Scale({0}, {1})", "Vector.op_Multiply(Scalar,Vector)"),
        new("VectorTimesScalar", V, "{ws}.Scale({1}, {0})", "Vector.op_Multiply(Vector,Scalar)", "Vector.Multiply(Vector,Scalar)"),
        new("VectorDivideScalar", V, "{ws}.Divide({0}, {1})", "Vector.op_Division(Vector,Scalar)", "Vector.Divide(Vector,Scalar)"),
        new("ScalarDivideVector", V, "{ws}.ScalarDivide({0}, {1})", "Vector.op_Division(Scalar,Vector)"),
        new("VectorPlusScalar", V, "{ws}.AddScalar({0}, {1})", "Vector.op_Addition(Vector,Scalar)", "Vector.Add(Vector,Scalar)"),
        new("ScalarPlusVector", V, "{ws}.AddScalar({1}, {0})", "Vector.op_Addition(Scalar,Vector)"),
        new("VectorMinusScalar", V, "{ws}.AddScalar({0}, -{1})", "Vector.op_Subtraction(Vector,Scalar)", "Vector.Subtract(Vector,Scalar)"),
        new("ScalarMinusVector", V, "{ws}.ScalarMinus({0}, {1})", "Vector.op_Subtraction(Scalar,Vector)"),
        new("PointwiseMultiply", V, "{ws}.PointwiseMultiply({0}, {1})", "Vector.PointwiseMultiply(Vector,Vector)"),
        new("PointwiseDivide", V, "{ws}.PointwiseDivide({0}, {1})", "Vector.PointwiseDivide(Vector,Vector)"),
        new("PointwiseExp", V, "{ws}.PointwiseExp({0})", "Vector.PointwiseExp(Vector)"),
        new("PointwiseLog", V, "{ws}.PointwiseLog({0})", "Vector.PointwiseLog(Vector)"),
        new("VectorTanh", V, "{ws}.Tanh({0})", "Vector.PointwiseTanh(Vector)", "Functions.Tanh(Vector)"),
        new("VectorSigmoid", V, "{ws}.Sigmoid({0})", "Functions.Sigmoid(Vector)"),
        new("VectorRelu", V, "{ws}.Relu({0})", "Functions.Relu(Vector)"),
        new("VectorLeakyRelu", V, "{ws}.LeakyRelu({0}, {1})", "Functions.LeakyRelu(Vector,Scalar)"),
        new("VectorHardTanh", V, "{ws}.HardTanh({0})", "Functions.HardTanh(Vector)"),
        new("Softmax", V, "{ws}.Softmax({0})", "Functions.Softmax(Vector)"),
        new("LogSoftmax", V, "{ws}.LogSoftmax({0})", "Functions.LogSoftmax(Vector)"),
        new("Concat", V, "{ws}.Concat({args})", "Functions.Concat(Vector...)"),
        new("MatrixTimesVector", V, "{ws}.Multiply({0}, {1})", "Matrix.op_Multiply(Matrix,Vector)", "Matrix.Multiply(Matrix,Vector)"),
        new("Row", V, "{ws}.Row({0}, {1})", "Matrix.Row(Matrix,Int)"),
        new("Column", V, "{ws}.Column({0}, {1})", "Matrix.Column(Matrix,Int)"),
        new("VectorElement", V, "{0}[{1}]", "builtin.element(VectorArray,Int)"),

        // Matrices.
        new("MatrixIdentity", M, "{0}", "Matrix.op_UnaryPlus(Matrix)"),
        new("MatrixNegate", M, "{ws}.Negate({0})", "Matrix.op_UnaryNegation(Matrix)"),
        new("MatrixAdd", M, "{ws}.Add({0}, {1})", "Matrix.op_Addition(Matrix,Matrix)", "Matrix.Add(Matrix,Matrix)"),
        new("MatrixSubtract", M, "{ws}.Subtract({0}, {1})", "Matrix.op_Subtraction(Matrix,Matrix)", "Matrix.Subtract(Matrix,Matrix)"),
        new("ScalarTimesMatrix", M, "{ws}.Scale({0}, {1})", "Matrix.op_Multiply(Scalar,Matrix)"),
        new("MatrixTimesScalar", M, "{ws}.Scale({1}, {0})", "Matrix.op_Multiply(Matrix,Scalar)", "Matrix.Multiply(Matrix,Scalar)"),
        new("MatrixTimesMatrix", M, "{ws}.Multiply({0}, {1})", "Matrix.op_Multiply(Matrix,Matrix)", "Matrix.Multiply(Matrix,Matrix)"),
        new("Transpose", M, "{ws}.Transpose({0})", "Matrix.Transpose(Matrix)"),
        new("MatrixPointwiseMultiply", M, "{ws}.PointwiseMultiply({0}, {1})", "Matrix.PointwiseMultiply(Matrix,Matrix)"),
        new("OuterProduct", M, "{ws}.Outer({0}, {1})", "Vector.OuterProduct(Vector,Vector)"),

        // Minibatches as matrices (one example per column): element-wise functions, a bias added to every
        // column, column-wise softmax and cross-entropy, row and column sums.
        new("MatrixTanh", M, "{ws}.Tanh({0})", "Functions.Tanh(Matrix)", "Matrix.PointwiseTanh(Matrix)"),
        new("MatrixSigmoid", M, "{ws}.Sigmoid({0})", "Functions.Sigmoid(Matrix)"),
        new("MatrixRelu", M, "{ws}.Relu({0})", "Functions.Relu(Matrix)"),
        new("MatrixLeakyRelu", M, "{ws}.LeakyRelu({0}, {1})", "Functions.LeakyRelu(Matrix,Scalar)"),
        new("MatrixHardTanh", M, "{ws}.HardTanh({0})", "Functions.HardTanh(Matrix)"),
        new("MatrixPointwiseExp", M, "{ws}.PointwiseExp({0})", "Matrix.PointwiseExp(Matrix)"),
        new("MatrixPointwiseLog", M, "{ws}.PointwiseLog({0})", "Matrix.PointwiseLog(Matrix)"),
        new("MatrixPointwiseDivide", M, "{ws}.PointwiseDivide({0}, {1})", "Matrix.PointwiseDivide(Matrix,Matrix)"),
        new("MatrixPlusScalar", M, "{ws}.AddScalar({0}, {1})", "Matrix.op_Addition(Matrix,Scalar)", "Matrix.Add(Matrix,Scalar)"),
        new("ScalarPlusMatrix", M, "{ws}.AddScalar({1}, {0})", "Matrix.op_Addition(Scalar,Matrix)"),
        new("MatrixMinusScalar", M, "{ws}.AddScalar({0}, -{1})", "Matrix.op_Subtraction(Matrix,Scalar)", "Matrix.Subtract(Matrix,Scalar)"),
        new("ScalarMinusMatrix", M, "{ws}.ScalarMinus({0}, {1})", "Matrix.op_Subtraction(Scalar,Matrix)"),
        new("MatrixDivideScalar", M, "{ws}.Divide({0}, {1})", "Matrix.op_Division(Matrix,Scalar)", "Matrix.Divide(Matrix,Scalar)"),
        new("ScalarDivideMatrix", M, "{ws}.ScalarDivide({0}, {1})", "Matrix.op_Division(Scalar,Matrix)"),
        new("AddColumnwise", M, "{ws}.AddColumnwise({0}, {1})", "Functions.AddColumnwise(Matrix,Vector)"),
        new("MatrixSoftmax", M, "{ws}.Softmax({0})", "Functions.Softmax(Matrix)"),
        new("MatrixLogSoftmax", M, "{ws}.LogSoftmax({0})", "Functions.LogSoftmax(Matrix)"),
        new("RowSums", V, "{ws}.RowSums({0})", "Matrix.RowSums(Matrix)"),
        new("ColumnSums", V, "{ws}.ColumnSums({0})", "Matrix.ColumnSums(Matrix)"),
        new("MatrixCrossEntropy", S, "{ws}.CrossEntropy({0}, {1})", "Functions.CrossEntropy(Matrix,IntArray)"),
        new("MeanCrossEntropy", S, "{ws}.MeanCrossEntropy({0}, {1})", "Functions.MeanCrossEntropy(Matrix,IntArray)"),

        // Integers and booleans: indices, sizes and conditions. They never carry gradients.
        new("IntNegate", I, "-{0}", "builtin.op_UnaryNegation(Int)"),
        new("IntAdd", I, "{0} + {1}", "builtin.op_Addition(Int,Int)"),
        new("IntSubtract", I, "{0} - {1}", "builtin.op_Subtraction(Int,Int)"),
        new("IntMultiply", I, "{0} * {1}", "builtin.op_Multiply(Int,Int)"),
        new("IntDivide", I, "{0} / {1}", "builtin.op_Division(Int,Int)"),
        new("IntRemainder", I, "{0} % {1}", "builtin.op_Modulus(Int,Int)"),
        new("IntMax", I, "global::System.Math.Max({0}, {1})", "Math.Max(Int,Int)"),
        new("IntMin", I, "global::System.Math.Min({0}, {1})", "Math.Min(Int,Int)"),
        new("Count", I, "{0}.Count", "Vector.Count(Vector)"),
        new("RowCount", I, "{0}.RowCount", "Matrix.RowCount(Matrix)"),
        new("ColumnCount", I, "{0}.ColumnCount", "Matrix.ColumnCount(Matrix)"),
        new("ScalarArrayLength", I, "{0}.Length", "Array.Length(ScalarArray)"),
        new("VectorArrayLength", I, "{0}.Length", "Array.Length(VectorArray)"),
        new("IntArrayLength", I, "{0}.Length", "Array.Length(IntArray)"),
        new("IntElement", I, "{0}[{1}]", "builtin.element(IntArray,Int)"),
        new("Less", B, "{0} < {1}", "builtin.op_LessThan(Scalar,Scalar)", "builtin.op_LessThan(Int,Int)"),
        new("LessOrEqual", B, "{0} <= {1}", "builtin.op_LessThanOrEqual(Scalar,Scalar)", "builtin.op_LessThanOrEqual(Int,Int)"),
        new("Greater", B, "{0} > {1}", "builtin.op_GreaterThan(Scalar,Scalar)", "builtin.op_GreaterThan(Int,Int)"),
        new("GreaterOrEqual", B, "{0} >= {1}", "builtin.op_GreaterThanOrEqual(Scalar,Scalar)", "builtin.op_GreaterThanOrEqual(Int,Int)"),
        new("Equal", B, "{0} == {1}", "builtin.op_Equality(Scalar,Scalar)", "builtin.op_Equality(Int,Int)", "builtin.op_Equality(Bool,Bool)"),
        new("NotEqual", B, "{0} != {1}", "builtin.op_Inequality(Scalar,Scalar)", "builtin.op_Inequality(Int,Int)", "builtin.op_Inequality(Bool,Bool)"),
        new("Or", B, "{0} || {1}"),
        new("Not", B, "!{0}", "builtin.op_LogicalNot(Bool)"),

        // Values built in the method: zeros and constants of a given size, one-hot vectors, arrays written
        // element by element (only by the lowering: `var hs = new Vector<double>[T]; hs[t] = h;`), vectors
        // stacked into a matrix, parts of vectors and row vector × matrix.
        new("VectorZeros", V, "{ws}.Zeros({0})", "VectorBuilder.Dense(Int)"),
        new("VectorFill", V, "{ws}.Fill({0}, {1})", "VectorBuilder.Dense(Int,Scalar)"),
        new("MatrixZeros", M, "{ws}.Zeros({0}, {1})", "MatrixBuilder.Dense(Int,Int)"),
        new("MatrixFill", M, "{ws}.Fill({0}, {1}, {2})", "MatrixBuilder.Dense(Int,Int,Scalar)"),
        new("OneHot", V, "{ws}.OneHot({0}, {1})", "Functions.OneHot(Int,Int)"),
        new("NewVectorArray", ValueKind.VectorArray, "{ws}.NewVectorArray({0})"),
        new("NewScalarArray", ValueKind.ScalarArray, "{ws}.NewScalarArray({0})"),
        new("StoreVectorElement", ValueKind.VectorArray, "{0}[{1}] = {2}"),
        new("StoreScalarElement", ValueKind.ScalarArray, "{0}[{1}] = {2}"),
        new("WrittenVectorElement", V, "{0}[{1}] ?? throw global::NlpSymbolic.Workspace.ReadBeforeWrite(\"{name:0}\", {1})"),
        new("ColumnStack", M, "{ws}.DenseOfColumnVectors({args})", "MatrixBuilder.DenseOfColumnVectors(Vector...)"),
        new("ColumnStackArray", M, "{ws}.DenseOfColumnVectors({0})", "MatrixBuilder.DenseOfColumnVectors(VectorArray)"),
        new("RowStack", M, "{ws}.DenseOfRowVectors({args})", "MatrixBuilder.DenseOfRowVectors(Vector...)"),
        new("RowStackArray", M, "{ws}.DenseOfRowVectors({0})", "MatrixBuilder.DenseOfRowVectors(VectorArray)"),
        new("ConcatArray", V, "{ws}.Concat({0})", "Functions.Concat(VectorArray)"),
        new("SubVector", V, "{ws}.SubVector({0}, {1}, {2})", "Vector.SubVector(Vector,Int,Int)"),
        new("VectorTimesMatrix", V, "{ws}.TransposeThisAndMultiply({1}, {0})", "Matrix.op_Multiply(Vector,Matrix)"),
        new("LeftMultiply", V, "{ws}.TransposeThisAndMultiply({0}, {1})", "Matrix.LeftMultiply(Matrix,Vector)"),
        new("Maximum", S, "{ws}.Maximum({0})", "Vector.Maximum(Vector)"),
        new("Minimum", S, "{ws}.Minimum({0})", "Vector.Minimum(Vector)"),
        new("MaximumIndex", I, "{0}.MaximumIndex()", "Vector.MaximumIndex(Vector)"),
        new("MinimumIndex", I, "{0}.MinimumIndex()", "Vector.MinimumIndex(Vector)"),
    };

    private static readonly Dictionary<string, OperationDefinition> byId = All.ToDictionary(o => o.Id);

    private static readonly Dictionary<string, OperationDefinition> bySignature =
        All.SelectMany(o => o.Signatures.Select(s => (s, o))).ToDictionary(p => p.s, p => p.o);

    public static OperationDefinition ById(string id) => byId[id];

    public static OperationDefinition? TryById(string id) => byId.TryGetValue(id, out var operation) ? operation : null;

    /// <summary>
    /// Writes of an element of an array built in the method (<c>hs[t] = h</c>): a statement of their own in
    /// generated code, and in reverse the element's gradient goes to the stored value and starts over.
    /// </summary>
    public static bool IsStore(string id) => id is "StoreVectorElement" or "StoreScalarElement";

    /// <summary>The operation a resolved call maps to, or null when it has no derivative rule.</summary>
    public static OperationDefinition? Find(string owner, string member, IReadOnlyList<ValueKind> argumentKinds)
    {
        var kinds = string.Join(",", argumentKinds);
        if (bySignature.TryGetValue($"{owner}.{member}({kinds})", out var exact))
        {
            return exact;
        }

        if (argumentKinds.Count > 0 && argumentKinds.All(k => k == argumentKinds[0])
            && bySignature.TryGetValue($"{owner}.{member}({argumentKinds[0]}...)", out var variadic))
        {
            return variadic;
        }

        return null;
    }

    /// <summary>The user-facing list of what an owner supports, for diagnostics.</summary>
    public static string DescribeSupported(string owner)
    {
        var members = All.SelectMany(o => o.Signatures)
            .Where(s => s.StartsWith(owner + ".", System.StringComparison.Ordinal))
            .Select(s => Describe(s.Substring(owner.Length + 1)))
            .Distinct()
            .OrderBy(s => s, System.StringComparer.Ordinal);
        return string.Join(", ", members);
    }

    private static string Describe(string signature)
    {
        var open = signature.IndexOf('(');
        var member = signature.Substring(0, open);
        return member switch
        {
            "op_Addition" => "+",
            "op_Subtraction" => "-",
            "op_Multiply" => "*",
            "op_Division" => "/",
            "op_UnaryNegation" => "unary -",
            "op_UnaryPlus" => "unary +",
            "get_Item" => "indexer",
            _ => member,
        };
    }
}
