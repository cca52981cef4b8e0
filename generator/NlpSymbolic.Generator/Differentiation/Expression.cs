using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// An expression of generated code, as a tree: how an operation computes its value (the catalogue's forward form),
/// what an adjoint rule adds, a guard, an argument of a kernel or a pullback. Forward forms and rules are written with the placeholders (<see cref="Argument"/>, <see cref="Result"/>,
/// <see cref="ResultAdjoint"/>, …); <see cref="ReverseMode"/> replaces them with references to this method's values
/// and adjoints by id (<see cref="ValueOf"/>, <see cref="AdjointOf"/>), and the forward sweep with this statement's
/// operands. Only Emission's <c>ExpressionRenderer</c> turns a tree into C#, so what the tape must carry or whether
/// a method uses the workspace is read off the tree, never parsed out of text.
/// The operators build trees, so a rule reads like its formula: <c>dy * b</c>, <c>Cond(a &gt; 0, dy, 0)</c>.
/// </summary>
internal abstract record Expression
{
    public static implicit operator Expression(double value) => new Number(value);

    public static Expression operator -(Expression operand) => new Unary(UnaryOperator.Negate, operand);

    public static Expression operator +(Expression left, Expression right) => new Binary(BinaryOperator.Add, left, right);

    public static Expression operator -(Expression left, Expression right) => new Binary(BinaryOperator.Subtract, left, right);

    public static Expression operator *(Expression left, Expression right) => new Binary(BinaryOperator.Multiply, left, right);

    public static Expression operator /(Expression left, Expression right) => new Binary(BinaryOperator.Divide, left, right);

    public static Expression operator >(Expression left, Expression right) => new Binary(BinaryOperator.Greater, left, right);

    public static Expression operator <(Expression left, Expression right) => new Binary(BinaryOperator.Less, left, right);

    public static Expression operator >=(Expression left, Expression right) => new Binary(BinaryOperator.GreaterOrEqual, left, right);

    public static Expression operator <=(Expression left, Expression right) => new Binary(BinaryOperator.LessOrEqual, left, right);

    public static Expression operator %(Expression left, Expression right) => new Binary(BinaryOperator.Remainder, left, right);

    /// <summary>Both conditions (rendered <c>&amp;&amp;</c>).</summary>
    public static Expression operator &(Expression left, Expression right) => new Binary(BinaryOperator.And, left, right);

    /// <summary>Either condition (rendered <c>||</c>).</summary>
    public static Expression operator |(Expression left, Expression right) => new Binary(BinaryOperator.Or, left, right);

    public static Expression operator !(Expression operand) => new Unary(UnaryOperator.Not, operand);
}

internal enum UnaryOperator
{
    Negate,
    Not,
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
    Remainder,
    Equal,
    NotEqual,
    And,
    Or,
}

/// <summary>A constant of a rule (<c>2</c>, <c>0.5</c>, <c>-1</c>).</summary>
internal sealed record Number(double Value) : Expression;

/// <summary>A constant of the forward program (<c>1.0</c>, <c>3</c>, <c>false</c>) or <c>null</c>, typed: the printer spells it.</summary>
internal sealed record Constant(IrConstant Value) : Expression;

internal sealed record Unary(UnaryOperator Operator, Expression Operand) : Expression;

internal sealed record Binary(BinaryOperator Operator, Expression Left, Expression Right) : Expression;

internal sealed record Conditional(Expression Condition, Expression WhenTrue, Expression WhenFalse) : Expression;

/// <summary>A scalar function of the BCL or the runtime (<c>Math.Pow</c>, <c>Functions.Sigmoid</c>).</summary>
internal sealed record FunctionCall(ScalarFunction Function, EquatableArray<Expression> Arguments) : Expression;

/// <summary>
/// A workspace kernel. As a value it is <c>ws.K(arguments)</c>; as what a rule adds to a buffer it is the
/// in-place <c>ws.AccumulateK(d, arguments)</c>, which adds exactly what <c>ws.K(arguments)</c> returns.
/// </summary>
internal sealed record KernelCall(Kernel Kernel, EquatableArray<Expression> Arguments) : Expression;

/// <summary>The size of a vector (<c>.Count</c>) or an array (<c>.Length</c>).</summary>
internal sealed record SizeOf(Expression Operand, bool IsArray) : Expression;

/// <summary><c>operand.Member</c> (or <c>operand.Member()</c> for the methods among them).</summary>
internal sealed record MemberOf(Expression Operand, Member Member) : Expression;

/// <summary>The members of vectors and matrices that forward forms read.</summary>
internal enum Member
{
    RowCount,
    ColumnCount,
    MaximumIndex,
    MinimumIndex,
}

/// <summary>A workspace kernel of the forward sweep, <c>ws.K(arguments)</c>: a value in a rented buffer, or a scalar.</summary>
internal sealed record ForwardKernelCall(ForwardKernel Kernel, EquatableArray<Expression> Arguments) : Expression;

/// <summary><c>matrix[row, column]</c>.</summary>
internal sealed record MatrixElementOf(Expression Matrix, Expression Row, Expression Column) : Expression;

/// <summary><c>(double)operand</c>.</summary>
internal sealed record ToDouble(Expression Operand) : Expression;

/// <summary><c>target = value</c>: the write of an array element, a statement of its own.</summary>
internal sealed record Assignment(Expression Target, Expression Value) : Expression;

/// <summary>
/// <c>array[index] ?? throw Workspace.ReadBeforeWrite("array", index)</c>: an element of an array built in the
/// method, which must have been written before it is read.
/// </summary>
internal sealed record WrittenElement(Expression Array, Expression Index) : Expression;

/// <summary>
/// <c>Method(arguments)</c>: a call by qualified name in the forward sweep, to a [Differentiable] method's
/// <c>…Forward</c> or to a function with a hand-written derivative.
/// </summary>
internal sealed record MethodCall(string Method, EquatableArray<Expression> Arguments) : Expression;

/// <summary>This method's workspace, as an argument (<c>ws</c>).</summary>
internal sealed record TheWorkspace : Expression;

/// <summary>Every argument of a variadic operation, in order (<c>Concat(a, b, …)</c>).</summary>
internal sealed record AllArguments : Expression;

/// <summary><c>array[index]</c>: an element of an array's adjoint.</summary>
internal sealed record ElementOf(Expression Array, Expression Index) : Expression;

/// <summary>A scalar gradient argument passed to a pullback by reference.</summary>
internal sealed record ByRef(Expression Operand) : Expression;

/// <summary>A tuple literal: the seed a call returning a tuple hands its callee's pullback.</summary>
internal sealed record TupleOf(EquatableArray<Expression> Items) : Expression;

/// <summary><c>operand is not null</c>.</summary>
internal sealed record IsNotNull(Expression Operand) : Expression;

/// <summary>The workspace's scalar that a pullback writes a gradient nobody reads into.</summary>
internal sealed record Scratch : Expression;

// Placeholders of a rule, replaced by ReverseMode.

/// <summary>Forward argument <paramref name="Index"/> of the operation.</summary>
internal sealed record Argument(int Index) : Expression;

/// <summary>The adjoint of forward argument <paramref name="Index"/> (an array's adjoint, which a write reads).</summary>
internal sealed record ArgumentAdjoint(int Index) : Expression;

/// <summary>The operation's result y.</summary>
internal sealed record Result : Expression;

/// <summary>The adjoint dy of the operation's result.</summary>
internal sealed record ResultAdjoint : Expression;

/// <summary>Where the argument receiving the gradient starts inside the concatenation of all arguments.</summary>
internal sealed record Offset : Expression;

/// <summary>The position of the argument receiving the gradient among all arguments.</summary>
internal sealed record Position : Expression;

// References of an adjoint statement.

/// <summary>Forward value <paramref name="Id"/>.</summary>
internal sealed record ValueOf(int Id) : Expression;

/// <summary>The adjoint of value <paramref name="Id"/>.</summary>
internal sealed record AdjointOf(int Id) : Expression;

/// <summary>The seed <c>dResult</c>, or its component <paramref name="Component"/> for a tuple result.</summary>
internal sealed record SeedOf(int? Component) : Expression;

/// <summary><c>operand ?? fallback</c>: a gradient buffer the caller may have left null, where a callee needs one.</summary>
internal sealed record OrElse(Expression Operand, Expression Fallback) : Expression;

/// <summary>Builders that read like the formulas they write.</summary>
internal static class Expressions
{
    public static Expression Call(Kernel kernel, params Expression[] arguments) => new KernelCall(kernel, arguments.ToEquatableArray());

    public static Expression Call(ScalarFunction function, params Expression[] arguments) => new FunctionCall(function, arguments.ToEquatableArray());

    public static Expression Cond(Expression condition, Expression whenTrue, Expression whenFalse) => new Conditional(condition, whenTrue, whenFalse);

    public static Expression Equal(Expression left, Expression right) => new Binary(BinaryOperator.Equal, left, right);

    public static Expression Length(Expression array) => new SizeOf(array, IsArray: true);
}

/// <summary>
/// <c>Pullback(arguments)</c>: a callee's pullback, which adds into the gradients it is handed, the arguments from
/// <paramref name="FirstGradient"/> on. A generated pullback (<paramref name="TakesNull"/>) skips a null gradient
/// buffer; a hand-written one is handed a buffer for every gradient.
/// </summary>
internal sealed record PullbackCall(string Pullback, EquatableArray<Expression> Arguments, int FirstGradient, bool TakesNull) : Expression;
