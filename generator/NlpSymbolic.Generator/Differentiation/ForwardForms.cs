using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>How a statement computes its value, as an expression over its operands: the forward sweep prints it, and the reverse sweep recomputes a loop bound with it.</summary>
internal static class ForwardForms
{
    /// <param name="arguments">The statement's operands as expressions, in order.</param>
    public static Expression Of(IrStatement statement, EquatableArray<Expression> arguments)
    {
        if (statement.Callee is { CustomTargetId: not null } custom)
        {
            // A function with a hand-written derivative runs as the user wrote it.
            return new MethodCall(custom.QualifiedName, arguments);
        }

        if (statement.Callee is { } callee)
        {
            return new MethodCall(callee.QualifiedName + "Forward", new Expression[] { new TheWorkspace() }.Concat(arguments).ToEquatableArray());
        }

        return ExpressionTrees.Rewrite(Operations.ById(statement.Operation).Forward, e => e switch
        {
            Argument argument => arguments[argument.Index],
            ForwardKernelCall call when call.Arguments.Count == 1 && call.Arguments[0] is AllArguments => call with { Arguments = arguments },
            _ => null,
        });
    }

    /// <summary>An operand as an expression: its constant, or a reference to its value.</summary>
    public static Expression Operand(IrOperand operand) =>
        operand.Constant is { } constant ? new Constant(constant) : new ValueOf(operand.ValueId);
}
