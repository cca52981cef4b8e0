namespace NlpSymbolic.Generator.Model;

/// <summary>What a value is, as far as differentiation cares. Int and Bool values never carry gradients.</summary>
internal enum ValueKind
{
    Scalar,
    Vector,
    Matrix,
    ScalarArray,
    VectorArray,
    Int,
    IntArray,
    Bool,

    /// <summary>
    /// The result of a call to a [Differentiable] method that returns a tuple: never a variable, only the
    /// argument of the <see cref="Ir.IrStatement.TupleItemOperation"/> statements that take its components out.
    /// </summary>
    Tuple,
}

internal static class ValueKindFacts
{
    /// <summary>Kinds whose values can carry a gradient.</summary>
    public static bool IsDifferentiable(this ValueKind kind) =>
        kind is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix or ValueKind.ScalarArray or ValueKind.VectorArray;

    /// <summary>Kinds whose adjoint lives in a buffer updated in place by runtime kernels (everything but a scalar).</summary>
    public static bool HasBufferAdjoint(this ValueKind kind) => kind.IsDifferentiable() && kind != ValueKind.Scalar;

    /// <summary>The short name used in operation signatures and diagnostics.</summary>
    public static string ShortName(this ValueKind kind) => kind switch
    {
        ValueKind.Scalar => "double",
        ValueKind.Vector => "Vector<double>",
        ValueKind.Matrix => "Matrix<double>",
        ValueKind.ScalarArray => "double[]",
        ValueKind.VectorArray => "Vector<double>[]",
        ValueKind.Int => "int",
        ValueKind.IntArray => "int[]",
        ValueKind.Tuple => "tuple",
        _ => "bool",
    };
}
