namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// The scalar functions forward forms and adjoint rules call: <c>System.Math</c>'s and the runtime's
/// <c>Functions</c> (<see cref="ScalarFunctions.IsRuntimeFunction"/>).
/// </summary>
internal enum ScalarFunction
{
    Pow,
    Log,
    Exp,
    Sqrt,
    Tanh,
    Sin,
    Cos,
    Abs,
    Max,
    Min,
    Sign,
    Sigmoid,
    Relu,
    LogSigmoid,
    LeakyRelu,
    HardTanh,
    Softplus,
}

internal static class ScalarFunctions
{
    /// <summary>Whether the function is the runtime's (<c>NlpSymbolic.Functions</c>) rather than <c>System.Math</c>'s.</summary>
    public static bool IsRuntimeFunction(this ScalarFunction function) =>
        function is ScalarFunction.Sigmoid or ScalarFunction.Relu or ScalarFunction.LogSigmoid or ScalarFunction.LeakyRelu
            or ScalarFunction.HardTanh or ScalarFunction.Softplus;
}
