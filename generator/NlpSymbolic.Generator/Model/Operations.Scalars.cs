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
        Op("Identity", S, "{0}")
            .Rule("y = a ⇒ da += dy", D(0, dy)),
        Op("Negate", S, "-{0}", "builtin.op_UnaryNegation(Scalar)")
            .Rule("y = −a ⇒ da −= dy", D(0, -dy)),
        Op("Add", S, "{0} + {1}", "builtin.op_Addition(Scalar,Scalar)")
            .Rule("y = a + b ⇒ da += dy; db += dy", D(0, dy), D(1, dy)),
        Op("Subtract", S, "{0} - {1}", "builtin.op_Subtraction(Scalar,Scalar)")
            .Rule("y = a − b ⇒ da += dy; db −= dy", D(0, dy), D(1, -dy)),
        Op("Multiply", S, "{0} * {1}", "builtin.op_Multiply(Scalar,Scalar)")
            .Rule("y = a·b ⇒ da += dy·b; db += dy·a", D(0, dy * b), D(1, dy * a))
            .Is(Product),
        Op("Divide", S, "{0} / {1}", "builtin.op_Division(Scalar,Scalar)")
            .Rule("y = a/b ⇒ da += dy/b; db −= dy·y/b", D(0, dy / b), D(1, -dy * y / b)),
        Op("Square", S, "{0} * {0}")
            .Rule("y = a·a ⇒ da += 2·dy·a", D(0, 2 * dy * a)),
        Op("Exp", S, "global::System.Math.Exp({0})", "Math.Exp(Scalar)")
            .Rule("y = exp a ⇒ da += dy·y", D(0, dy * y)),
        Op("Log", S, "global::System.Math.Log({0})", "Math.Log(Scalar)")
            .Rule("y = log a ⇒ da += dy/a", D(0, dy / a)),
        Op("Sqrt", S, "global::System.Math.Sqrt({0})", "Math.Sqrt(Scalar)")
            .Rule("y = √a ⇒ da += dy/(2y)", D(0, dy * 0.5 / y)),
        Op("Pow", S, "global::System.Math.Pow({0}, {1})", "Math.Pow(Scalar,Scalar)")
            .Rule("y = aᵇ ⇒ da += dy·b·aᵇ⁻¹; db += dy·y·log a", D(0, dy * b * Call(Pow, a, b - 1)), D(1, dy * y * Call(Log, a))),
        Op("Tanh", S, "global::System.Math.Tanh({0})", "Math.Tanh(Scalar)", "Functions.Tanh(Scalar)")
            .Rule("y = tanh a ⇒ da += dy·(1 − y²)", D(0, dy * (1 - y * y)))
            .Is(Activation),
        Op("Sin", S, "global::System.Math.Sin({0})", "Math.Sin(Scalar)")
            .Rule("y = sin a ⇒ da += dy·cos a", D(0, dy * Call(Cos, a))),
        Op("Cos", S, "global::System.Math.Cos({0})", "Math.Cos(Scalar)")
            .Rule("y = cos a ⇒ da −= dy·sin a", D(0, -dy * Call(Sin, a))),
        Op("Abs", S, "global::System.Math.Abs({0})", "Math.Abs(Scalar)")
            .Rule("y = |a| ⇒ da += dy·sign a", D(0, dy * Call(Sign, a))),
        Op("Max", S, "global::System.Math.Max({0}, {1})", "Math.Max(Scalar,Scalar)")
            .Rule("y = max(a, b) ⇒ the larger argument (a on ties) gets dy", D(0, Cond(a >= b, dy, 0)), D(1, Cond(b > a, dy, 0))),
        Op("Min", S, "global::System.Math.Min({0}, {1})", "Math.Min(Scalar,Scalar)")
            .Rule("y = min(a, b) ⇒ the smaller argument (a on ties) gets dy", D(0, Cond(a <= b, dy, 0)), D(1, Cond(b < a, dy, 0))),
        Op("Sigmoid", S, "global::NlpSymbolic.Functions.Sigmoid({0})", "Functions.Sigmoid(Scalar)")
            .Rule("y = σ(a) ⇒ da += dy·y(1 − y)", D(0, dy * y * (1 - y)))
            .Is(Activation),
        Op("Relu", S, "global::NlpSymbolic.Functions.Relu({0})", "Functions.Relu(Scalar)")
            .Rule("y = max(0, a) ⇒ da += dy·[a > 0]", D(0, Cond(a > 0, dy, 0)))
            .Is(Activation),
        Op("LogSigmoid", S, "global::NlpSymbolic.Functions.LogSigmoid({0})", "Functions.LogSigmoid(Scalar)")
            .Rule("y = log σ(a) ⇒ da += dy·(1 − σ(a)) = dy·σ(−a)", D(0, dy * Call(Sigmoid, -a))),
        Op("LeakyRelu", S, "global::NlpSymbolic.Functions.LeakyRelu({0}, {1})", "Functions.LeakyRelu(Scalar,Scalar)")
            .Rule("y = a > 0 ? a : s·a ⇒ da += dy·(a > 0 ? 1 : s); ds += dy·min(a, 0)", D(0, Cond(a > 0, dy, dy * b)), D(1, Cond(a > 0, 0, dy * a)))
            .Is(Activation),
        Op("HardTanh", S, "global::NlpSymbolic.Functions.HardTanh({0})", "Functions.HardTanh(Scalar)")
            .Rule("y = clamp(a, −1, 1) ⇒ da += dy·[−1 < a < 1]", D(0, Cond((a > -1) & (a < 1), dy, 0)))
            .Is(Activation),
        Op("Softplus", S, "global::NlpSymbolic.Functions.Softplus({0})", "Functions.Softplus(Scalar)")
            .Rule("y = log(1 + eᵃ) ⇒ da += dy·σ(a)", D(0, dy * Call(Sigmoid, a)))
            .Is(Activation),
        Op("IntToDouble", S, "(double){0}", "builtin.convert(Int)"),
    };
}
