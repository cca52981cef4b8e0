namespace NlpSymbolic.Generator.Differentiation;

/// <summary>The scalar functions adjoint rules call: <c>System.Math</c>'s and the runtime's <c>Functions</c>.</summary>
internal enum ScalarFunction
{
    Pow,
    Log,
    Sin,
    Cos,
    Sign,
    Sigmoid,
}
