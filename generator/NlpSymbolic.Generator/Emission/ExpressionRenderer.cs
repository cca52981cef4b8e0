using System;
using System.Globalization;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// The printer: writes an <see cref="Expression"/> as C# (forward forms and reverse sweeps alike): values and
/// adjoints by their emitted names, kernels as workspace calls, constants in invariant, round-trippable form, with
/// the parentheses that precedence needs and no others. The only code that knows how C# spells an expression.
/// </summary>
internal sealed class ExpressionRenderer
{
    // C#'s precedence levels, lowest first.
    private const int Assignment = 0;
    private const int Conditional = 1;
    private const int ConditionalOr = 2;
    private const int ConditionalAnd = 3;
    private const int Equality = 4;
    private const int Relational = 5;
    private const int Additive = 6;
    private const int Multiplicative = 7;
    private const int Unary = 8;
    private const int Primary = 9;

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

    /// <summary>The expression as a whole: a statement, an argument, an index, a condition.</summary>
    public string Render(Expression expression) => Render(expression, Assignment);

    /// <summary><c>ws.AccumulateK(destination, arguments)</c>.</summary>
    public string Accumulate(string destination, KernelCall call) =>
        $"{names.Workspace}.Accumulate{call.Kernel}({destination}, {Arguments(call.Arguments)})";

    private string Render(Expression expression, int context)
    {
        var text = Text(expression);
        // A negative constant as an operator's operand is parenthesised: `x * (-1.0)`, never `x - -1.0`.
        var parenthesize = Precedence(expression) < context || (context > Assignment && IsNegativeConstant(expression));
        return parenthesize ? "(" + text + ")" : text;
    }

    private string Text(Expression expression) => expression switch
    {
        Number number => FormatNumber(number.Value),
        Constant constant => Spell(constant.Value),
        ValueOf reference => value(reference.Id),
        AdjointOf adjoint => names.Adjoint(adjoint.Id),
        SeedOf { Component: null } => NameAllocator.Escape(names.Seed),
        SeedOf seed => ResultTypes.Component(method, NameAllocator.Escape(names.Seed), seed.Component!.Value),
        Scratch => names.Workspace + ".Scratch",
        Differentiation.Unary { Operator: UnaryOperator.Not } not => "!" + Render(not.Operand, Unary),
        Differentiation.Unary unary => "-" + Negated(unary.Operand),
        Binary binary => Render(binary.Left, Precedence(binary)) + " " + Symbol(binary.Operator) + " " + Render(binary.Right, Precedence(binary) + 1),
        Differentiation.Conditional conditional =>
            Render(conditional.Condition, Conditional + 1) + " ? " + Render(conditional.WhenTrue, Conditional) + " : " + Render(conditional.WhenFalse, Conditional),
        FunctionCall call => FunctionName(call.Function) + "(" + Arguments(call.Arguments) + ")",
        KernelCall call => $"{names.Workspace}.{call.Kernel}({Arguments(call.Arguments)})",
        ForwardKernelCall call => $"{names.Workspace}.{call.Kernel}({Arguments(call.Arguments)})",
        PullbackCall call => call.Pullback + "(" + Arguments(call.Arguments) + ")",
        MethodCall call => call.Method + "(" + Arguments(call.Arguments) + ")",
        TheWorkspace => names.Workspace,
        SizeOf size => Render(size.Operand, Primary) + (size.IsArray ? ".Length" : ".Count"),
        MemberOf member => Render(member.Operand, Primary) + "." + member.Member
            + (member.Member is Member.MaximumIndex or Member.MinimumIndex ? "()" : string.Empty),
        ElementOf element => Render(element.Array, Primary) + "[" + Render(element.Index) + "]",
        MatrixElementOf element => Render(element.Matrix, Primary) + "[" + Render(element.Row) + ", " + Render(element.Column) + "]",
        ToDouble cast => "(double)" + Render(cast.Operand, Unary),
        Differentiation.Assignment assignment => Render(assignment.Target, Primary) + " = " + Render(assignment.Value),
        WrittenElement element =>
            $"{Render(element.Array, Primary)}[{Render(element.Index)}] ?? throw global::NlpSymbolic.Workspace.ReadBeforeWrite(\"{Render(element.Array).TrimStart('@')}\", {Render(element.Index)})",
        ByRef byRef => "ref " + Render(byRef.Operand),
        TupleOf tuple => "(" + Arguments(tuple.Items) + ")",
        IsNotNull test => Render(test.Operand, Primary) + " is not null",
        OrElse orElse => Render(orElse.Operand, Primary) + " ?? " + Render(orElse.Fallback, Primary),
        _ => throw new InvalidOperationException($"'{expression}' is a placeholder of the catalogue, not part of generated code"),
    };

    /// <summary>The operand of a minus: one that itself starts with a minus gets parentheses, so <c>-</c> never meets <c>-</c>.</summary>
    private string Negated(Expression operand)
    {
        var text = Render(operand, Unary);
        return StartsWithMinus(operand) ? "(" + text + ")" : text;
    }

    /// <summary>
    /// Whether <see cref="Render(Expression, int)"/> at unary precedence writes a leading minus: a negation or a
    /// negative number. Anything looser is parenthesised there, and a negative constant is parenthesised already.
    /// </summary>
    private static bool StartsWithMinus(Expression operand) =>
        operand is Differentiation.Unary { Operator: UnaryOperator.Negate } or Number { Value: < 0 };

    private string Arguments(EquatableArray<Expression> arguments) => string.Join(", ", arguments.Select(a => Render(a)));

    private static int Precedence(Expression expression) => expression switch
    {
        Differentiation.Assignment => Assignment,
        Differentiation.Conditional or OrElse or WrittenElement => Conditional,
        Binary binary => Precedence(binary),
        Differentiation.Unary or ToDouble => Unary,
        IsNotNull => Relational,
        Number { Value: < 0 } => Unary,
        _ when IsNegativeConstant(expression) => Unary,
        _ => Primary,
    };

    private static int Precedence(Binary binary) => binary.Operator switch
    {
        BinaryOperator.Or => ConditionalOr,
        BinaryOperator.And => ConditionalAnd,
        BinaryOperator.Equal or BinaryOperator.NotEqual => Equality,
        BinaryOperator.Greater or BinaryOperator.Less or BinaryOperator.GreaterOrEqual or BinaryOperator.LessOrEqual => Relational,
        BinaryOperator.Add or BinaryOperator.Subtract => Additive,
        _ => Multiplicative,
    };

    private static string Symbol(BinaryOperator op) => op switch
    {
        BinaryOperator.Add => "+",
        BinaryOperator.Subtract => "-",
        BinaryOperator.Multiply => "*",
        BinaryOperator.Divide => "/",
        BinaryOperator.Remainder => "%",
        BinaryOperator.Greater => ">",
        BinaryOperator.Less => "<",
        BinaryOperator.GreaterOrEqual => ">=",
        BinaryOperator.LessOrEqual => "<=",
        BinaryOperator.Equal => "==",
        BinaryOperator.NotEqual => "!=",
        BinaryOperator.Or => "||",
        _ => "&&",
    };

    private static string FunctionName(ScalarFunction function) =>
        (function.IsRuntimeFunction() ? "global::NlpSymbolic.Functions." : "global::System.Math.") + function;

    private static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? ((long)number).ToString(CultureInfo.InvariantCulture)
            : number.ToString("R", CultureInfo.InvariantCulture);

    private static bool IsNegativeConstant(Expression expression) => expression is Constant
    {
        Value: IrNumber { IsNegative: true } or IrInt { Value: < 0 },
    };

    /// <summary>A constant of the forward program as C#.</summary>
    public static string Spell(IrConstant constant) => constant switch
    {
        IrNumber number => SpellDouble(number.Value),
        IrInt integer => integer.Value.ToString(CultureInfo.InvariantCulture),
        IrBool boolean => boolean.Value ? "true" : "false",
        IrUndefined { Kind: ValueKind.Scalar } => "default(double)",
        IrUndefined { Kind: ValueKind.Int } => "default(int)",
        IrUndefined { Kind: ValueKind.Bool } => "default(bool)",
        IrUndefined { Kind: ValueKind.Tuple } => "default",
        IrUndefined => "null!",
        IrUnassigned { Kind: ValueKind.Matrix } => "global::NlpSymbolic.Workspace.UnassignedMatrix",
        IrUnassigned => "global::NlpSymbolic.Workspace.UnassignedVector",
        _ => "null",
    };

    /// <summary>Invariant culture, round-trippable, always with a decimal point or exponent (a double, never an int).</summary>
    private static string SpellDouble(double d)
    {
        if (double.IsNaN(d))
        {
            return "double.NaN";
        }

        if (double.IsInfinity(d))
        {
            return d > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
        }

        var text = d.ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(new[] { '.', 'E', 'e' }) < 0)
        {
            text += ".0";
        }

        // -0.0 keeps its sign ("R" drops it on some frameworks).
        return d == 0 ? (new IrNumber(d).IsNegative ? "-0.0" : "0.0") : text;
    }
}
