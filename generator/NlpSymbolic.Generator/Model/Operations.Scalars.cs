using NlpSymbolic.Generator.Differentiation;
using static NlpSymbolic.Generator.Differentiation.Expressions;
using static NlpSymbolic.Generator.Differentiation.Kernel;
using static NlpSymbolic.Generator.Differentiation.ScalarFunction;
using static NlpSymbolic.Generator.Model.OperationFlags;

namespace NlpSymbolic.Generator.Model;

internal static partial class Operations
{
    /// <summary>Scalars: built-in operators, System.Math and the runtime's scalar functions.</summary>
    private static OperationDefinition[] Scalars() => new[]
    {
        Op(OperationId.Identity, S, a)
            .Rule("y = a ⇒ da += dy", D(0, dy)),
        Op(OperationId.Negate, S, -a, "builtin.op_UnaryNegation(Scalar)")
            .Rule("y = −a ⇒ da −= dy", D(0, -dy)),
        Op(OperationId.Add, S, a + b, "builtin.op_Addition(Scalar,Scalar)")
            .Rule("y = a + b ⇒ da += dy; db += dy", D(0, dy), D(1, dy)),
        Op(OperationId.Subtract, S, a - b, "builtin.op_Subtraction(Scalar,Scalar)")
            .Rule("y = a − b ⇒ da += dy; db −= dy", D(0, dy), D(1, -dy)),
        Op(OperationId.Multiply, S, a * b, "builtin.op_Multiply(Scalar,Scalar)").SquaredIs(OperationId.Square)
            .Rule("y = a·b ⇒ da += dy·b; db += dy·a", D(0, dy * b), D(1, dy * a))
            .Is(Product),
        Op(OperationId.Divide, S, a / b, "builtin.op_Division(Scalar,Scalar)")
            .Rule("y = a/b ⇒ da += dy/b; db −= dy·y/b", D(0, dy / b), D(1, -dy * y / b)),
        Op(OperationId.Square, S, a * a)
            .Rule("y = a·a ⇒ da += 2·dy·a", D(0, 2 * dy * a)),
        Op(OperationId.Exp, S, Call(Exp, a), "Math.Exp(Scalar)")
            .Rule("y = exp a ⇒ da += dy·y", D(0, dy * y)),
        Op(OperationId.Log, S, Call(Log, a), "Math.Log(Scalar)")
            .Rule("y = log a ⇒ da += dy/a", D(0, dy / a)),
        Op(OperationId.Sqrt, S, Call(Sqrt, a), "Math.Sqrt(Scalar)")
            .Rule("y = √a ⇒ da += dy/(2y)", D(0, dy * 0.5 / y)),
        Op(OperationId.Pow, S, Call(Pow, a, b), "Math.Pow(Scalar,Scalar)")
            .Rule("y = aᵇ ⇒ da += dy·b·aᵇ⁻¹; db += dy·y·log a", D(0, dy * b * Call(Pow, a, b - 1)), D(1, dy * y * Call(Log, a))),
        Op(OperationId.Tanh, S, Call(Tanh, a), "Math.Tanh(Scalar)", "Functions.Tanh(Scalar)")
            .Rule("y = tanh a ⇒ da += dy·(1 − y²)", D(0, dy * (1 - y * y)))
            .Is(Activation),
        Op(OperationId.Sin, S, Call(Sin, a), "Math.Sin(Scalar)")
            .Rule("y = sin a ⇒ da += dy·cos a", D(0, dy * Call(Cos, a))),
        Op(OperationId.Cos, S, Call(Cos, a), "Math.Cos(Scalar)")
            .Rule("y = cos a ⇒ da −= dy·sin a", D(0, -dy * Call(Sin, a))),
        Op(OperationId.Abs, S, Call(Abs, a), "Math.Abs(Scalar)")
            .Rule("y = |a| ⇒ da += dy·sign a", D(0, dy * Call(Sign, a))),
        Op(OperationId.Max, S, Call(Max, a, b), "Math.Max(Scalar,Scalar)")
            .Rule("y = max(a, b) ⇒ the larger argument (a on ties) gets dy", D(0, Cond(a >= b, dy, 0)), D(1, Cond(b > a, dy, 0))),
        Op(OperationId.Min, S, Call(Min, a, b), "Math.Min(Scalar,Scalar)")
            .Rule("y = min(a, b) ⇒ the smaller argument (a on ties) gets dy", D(0, Cond(a <= b, dy, 0)), D(1, Cond(b < a, dy, 0))),
        Op(OperationId.Sigmoid, S, Call(Sigmoid, a), "Functions.Sigmoid(Scalar)")
            .Rule("y = σ(a) ⇒ da += dy·y(1 − y)", D(0, dy * y * (1 - y)))
            .Is(Activation),
        Op(OperationId.Relu, S, Call(Relu, a), "Functions.Relu(Scalar)")
            .Rule("y = max(0, a) ⇒ da += dy·[a > 0]", D(0, Cond(a > 0, dy, 0)))
            .Is(Activation),
        Op(OperationId.LogSigmoid, S, Call(LogSigmoid, a), "Functions.LogSigmoid(Scalar)")
            .Rule("y = log σ(a) ⇒ da += dy·(1 − σ(a)) = dy·σ(−a)", D(0, dy * Call(Sigmoid, -a))),
        Op(OperationId.LeakyRelu, S, Call(LeakyRelu, a, b), "Functions.LeakyRelu(Scalar,Scalar)")
            .Rule("y = a > 0 ? a : s·a ⇒ da += dy·(a > 0 ? 1 : s); ds += dy·min(a, 0)", D(0, Cond(a > 0, dy, dy * b)), D(1, Cond(a > 0, 0, dy * a)))
            .Is(Activation),
        Op(OperationId.HardTanh, S, Call(HardTanh, a), "Functions.HardTanh(Scalar)")
            .Rule("y = clamp(a, −1, 1) ⇒ da += dy·[−1 < a < 1]", D(0, Cond((a > -1) & (a < 1), dy, 0)))
            .Is(Activation),
        Op(OperationId.Softplus, S, Call(Softplus, a), "Functions.Softplus(Scalar)")
            .Rule("y = log(1 + eᵃ) ⇒ da += dy·σ(a)", D(0, dy * Call(Sigmoid, a)))
            .Is(Activation),
        Op(OperationId.IntToDouble, S, new ToDouble(a), "builtin.convert(Int)"),
    };
}
