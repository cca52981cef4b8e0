using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// An expression of the reverse sweep, as a tree: what an adjoint rule adds, a guard, an argument of a kernel or a
/// pullback. Rules are written with the placeholders (<see cref="Argument"/>, <see cref="Result"/>,
/// <see cref="ResultAdjoint"/>, …); <see cref="ReverseMode"/> replaces them with references to this method's values
/// and adjoints by id (<see cref="ValueOf"/>, <see cref="AdjointOf"/>). Only Emission turns a tree into C#, so
/// what the tape must carry is read off the tree, never parsed out of text.
/// The operators build trees, so a rule reads like its formula: <c>dy * b</c>, <c>Cond(a &gt; 0, dy, 0)</c>.
/// </summary>
internal abstract record AdjointExpression
{
    public static implicit operator AdjointExpression(double value) => new Number(value);

    public static AdjointExpression operator -(AdjointExpression operand) => new Unary(UnaryOperator.Negate, operand);

    public static AdjointExpression operator +(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Add, left, right);

    public static AdjointExpression operator -(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Subtract, left, right);

    public static AdjointExpression operator *(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Multiply, left, right);

    public static AdjointExpression operator /(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Divide, left, right);

    public static AdjointExpression operator >(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Greater, left, right);

    public static AdjointExpression operator <(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Less, left, right);

    public static AdjointExpression operator >=(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.GreaterOrEqual, left, right);

    public static AdjointExpression operator <=(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.LessOrEqual, left, right);

    /// <summary>Both conditions (rendered <c>&amp;&amp;</c>).</summary>
    public static AdjointExpression operator &(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.And, left, right);
}

internal enum UnaryOperator
{
    Negate,
}

internal enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Greater,
    Less,
    GreaterOrEqual,
    LessOrEqual,
    Equal,
    And,
}

/// <summary>A constant of a rule (<c>2</c>, <c>0.5</c>, <c>-1</c>).</summary>
internal sealed record Number(double Value) : AdjointExpression;

/// <summary>A literal operand of the forward code, already C# text in invariant form (<c>1.0</c>, <c>3</c>), or <c>null</c>.</summary>
internal sealed record Literal(string Text) : AdjointExpression;

internal sealed record Unary(UnaryOperator Operator, AdjointExpression Operand) : AdjointExpression;

internal sealed record Binary(BinaryOperator Operator, AdjointExpression Left, AdjointExpression Right) : AdjointExpression;

internal sealed record Conditional(AdjointExpression Condition, AdjointExpression WhenTrue, AdjointExpression WhenFalse) : AdjointExpression;

/// <summary>A scalar function of the BCL or the runtime (<c>Math.Pow</c>, <c>Functions.Sigmoid</c>).</summary>
internal sealed record FunctionCall(ScalarFunction Function, EquatableArray<AdjointExpression> Arguments) : AdjointExpression;

/// <summary>
/// A workspace kernel. As a value it is <c>ws.K(arguments)</c>; as what a rule adds to a buffer it is the
/// in-place <c>ws.AccumulateK(d, arguments)</c>, which adds exactly what <c>ws.K(arguments)</c> returns.
/// </summary>
internal sealed record KernelCall(Kernel Kernel, EquatableArray<AdjointExpression> Arguments) : AdjointExpression;

/// <summary>The size of a vector (<c>.Count</c>) or an array (<c>.Length</c>).</summary>
internal sealed record SizeOf(AdjointExpression Operand, bool IsArray) : AdjointExpression;

/// <summary><c>array[index]</c>: an element of an array's adjoint.</summary>
internal sealed record ElementOf(AdjointExpression Array, AdjointExpression Index) : AdjointExpression;

/// <summary>A scalar gradient argument passed to a pullback by reference.</summary>
internal sealed record ByRef(AdjointExpression Operand) : AdjointExpression;

/// <summary>A tuple literal: the seed a call returning a tuple hands its callee's pullback.</summary>
internal sealed record TupleOf(EquatableArray<AdjointExpression> Items) : AdjointExpression;

/// <summary><c>operand is not null</c>.</summary>
internal sealed record IsNotNull(AdjointExpression Operand) : AdjointExpression;

/// <summary>The workspace's scalar that a pullback writes a gradient nobody reads into.</summary>
internal sealed record Scratch : AdjointExpression;

// Placeholders of a rule, replaced by ReverseMode.

/// <summary>Forward argument <paramref name="Index"/> of the operation.</summary>
internal sealed record Argument(int Index) : AdjointExpression;

/// <summary>The adjoint of forward argument <paramref name="Index"/> (an array's adjoint, which a write reads).</summary>
internal sealed record ArgumentAdjoint(int Index) : AdjointExpression;

/// <summary>The operation's result y.</summary>
internal sealed record Result : AdjointExpression;

/// <summary>The adjoint dy of the operation's result.</summary>
internal sealed record ResultAdjoint : AdjointExpression;

/// <summary>Where the argument receiving the gradient starts inside the concatenation of all arguments.</summary>
internal sealed record Offset : AdjointExpression;

/// <summary>The position of the argument receiving the gradient among all arguments.</summary>
internal sealed record Position : AdjointExpression;

// References of an adjoint statement.

/// <summary>Forward value <paramref name="Id"/>.</summary>
internal sealed record ValueOf(int Id) : AdjointExpression;

/// <summary>The adjoint of value <paramref name="Id"/>.</summary>
internal sealed record AdjointOf(int Id) : AdjointExpression;

/// <summary>The seed <c>dResult</c>, or its component <paramref name="Component"/> for a tuple result.</summary>
internal sealed record SeedOf(int? Component) : AdjointExpression;

/// <summary><c>operand ?? fallback</c>: a gradient buffer the caller may have left null, where a callee needs one.</summary>
internal sealed record OrElse(AdjointExpression Operand, AdjointExpression Fallback) : AdjointExpression;

/// <summary>Builders that read like the formulas they write.</summary>
internal static class Expressions
{
    public static AdjointExpression Call(Kernel kernel, params AdjointExpression[] arguments) => new KernelCall(kernel, arguments.ToEquatableArray());

    public static AdjointExpression Call(ScalarFunction function, params AdjointExpression[] arguments) => new FunctionCall(function, arguments.ToEquatableArray());

    public static AdjointExpression Cond(AdjointExpression condition, AdjointExpression whenTrue, AdjointExpression whenFalse) => new Conditional(condition, whenTrue, whenFalse);

    public static AdjointExpression Equal(AdjointExpression left, AdjointExpression right) => new Binary(BinaryOperator.Equal, left, right);

    public static AdjointExpression Length(AdjointExpression array) => new SizeOf(array, IsArray: true);
}

/// <summary>
/// <c>Pullback(arguments)</c>: a callee's pullback, which adds into the gradients it is handed, the arguments from
/// <paramref name="FirstGradient"/> on. A generated pullback (<paramref name="TakesNull"/>) skips a null gradient
/// buffer; a hand-written one is handed a buffer for every gradient.
/// </summary>
internal sealed record PullbackCall(string Pullback, EquatableArray<AdjointExpression> Arguments, int FirstGradient, bool TakesNull) : AdjointExpression;
