using System;
using System.Globalization;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes an <see cref="AdjointExpression"/> as C#: values and adjoints by their emitted names, kernels as
/// workspace calls, with the parentheses that precedence needs and no others.
/// </summary>
internal sealed class ExpressionRenderer
{
    private const int Conditional = 1;
    private const int Unary = 7;
    private const int Primary = 8;

    private readonly IrMethod method;
    private readonly EmittedNames names;
    private readonly Func<int, string> value;

    /// <param name="value">Names a forward value (the caller records which values the reverse sweep reads).</param>
    public ExpressionRenderer(IrMethod method, EmittedNames names, Func<int, string> value)
    {
        this.method = method;
        this.names = names;
        this.value = value;
    }

    public string Render(AdjointExpression expression) => Render(expression, 0);

    /// <summary><c>ws.AccumulateK(destination, arguments)</c>.</summary>
    public string Accumulate(string destination, KernelCall call) =>
        $"{names.Workspace}.Accumulate{call.Kernel}({destination}, {Arguments(call.Arguments)})";

    private string Render(AdjointExpression expression, int context)
    {
        var precedence = Precedence(expression);
        var text = Text(expression);
        return precedence < context ? "(" + text + ")" : text;
    }

    private string Text(AdjointExpression expression) => expression switch
    {
        Number number => FormatNumber(number.Value),
        Literal literal => literal.Text,
        ValueOf reference => value(reference.Id),
        AdjointOf adjoint => names.Adjoint(adjoint.Id),
        SeedOf { Component: null } => NameAllocator.Escape(names.Seed),
        SeedOf seed => ResultTypes.Component(method, NameAllocator.Escape(names.Seed), seed.Component!.Value),
        Scratch => names.Workspace + ".Scratch",
        Differentiation.Unary unary => "-" + Negated(unary.Operand),
        Binary binary => Render(binary.Left, Precedence(binary)) + " " + Symbol(binary.Operator) + " " + Render(binary.Right, Precedence(binary) + 1),
        Differentiation.Conditional conditional =>
            Render(conditional.Condition, Conditional + 1) + " ? " + Render(conditional.WhenTrue, Conditional) + " : " + Render(conditional.WhenFalse, Conditional),
        FunctionCall call => FunctionName(call.Function) + "(" + Arguments(call.Arguments) + ")",
        KernelCall call => $"{names.Workspace}.{call.Kernel}({Arguments(call.Arguments)})",
        PullbackCall call => call.Pullback + "(" + Arguments(call.Arguments) + ")",
        SizeOf size => Render(size.Operand, Primary) + (size.IsArray ? ".Length" : ".Count"),
        ElementOf element => Render(element.Array, Primary) + "[" + Render(element.Index) + "]",
        ByRef byRef => "ref " + Render(byRef.Operand),
        TupleOf tuple => "(" + Arguments(tuple.Items) + ")",
        IsNotNull test => Render(test.Operand, Primary) + " is not null",
        OrElse orElse => Render(orElse.Operand, Primary) + " ?? " + Render(orElse.Fallback, Primary),
        _ => throw new InvalidOperationException($"'{expression}' is a rule's placeholder, not part of a reverse sweep"),
    };

    /// <summary>The operand of a minus: a negative literal gets parentheses, so <c>-</c> never meets <c>-</c>.</summary>
    private string Negated(AdjointExpression operand)
    {
        var text = Render(operand, Unary);
        return text.StartsWith("-", StringComparison.Ordinal) ? "(" + text + ")" : text;
    }

    private string Arguments(Model.EquatableArray<AdjointExpression> arguments) => string.Join(", ", arguments.Select(a => Render(a)));

    private static int Precedence(AdjointExpression expression) => expression switch
    {
        Differentiation.Conditional or OrElse => Conditional,
        Binary binary => Precedence(binary),
        Differentiation.Unary => Unary,
        IsNotNull => 4,
        Number { Value: < 0 } => Unary,
        _ => Primary,
    };

    private static int Precedence(Binary binary) => binary.Operator switch
    {
        BinaryOperator.And => 2,
        BinaryOperator.Equal => 3,
        BinaryOperator.Greater or BinaryOperator.Less or BinaryOperator.GreaterOrEqual or BinaryOperator.LessOrEqual => 4,
        BinaryOperator.Add or BinaryOperator.Subtract => 5,
        _ => 6,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Greater => ">",
        BinaryOperator.Less => "<",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Equal => "==",
        _ => "&&",
    };

    private static string FunctionName(ScalarFunction function) => function switch
    {
        ScalarFunction.Sigmoid => "global::NlpSymbolic.Functions.Sigmoid",
        _ => "global::System.Math." + function,
    };

    private static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);
}
