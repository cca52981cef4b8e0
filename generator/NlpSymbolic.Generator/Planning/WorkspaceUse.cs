using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Planning;

/// <summary>
/// Whether a method's forward and reverse sweeps call its workspace, read off the program (the forward forms, the
/// tape plan and the adjoint nodes), not off the text written: a method that never does is generated without one.
/// </summary>
internal static class WorkspaceUse
{
    public static bool InForwardAndReverse(AdjointProgram program, Tape tape) =>
        IrWalker.Statements(program.Method.Body).Any(InForward)
        || Tapes(program.Method.Body, tape)
        || InReverse(program.Body);

    /// <summary>Whether the Backward wrapper itself needs one: it checks the shape of every vector and matrix gradient.</summary>
    public static bool InBackwardChecks(IrMethod method) =>
        method.Parameters.Any(p => p.IsDifferentiable && p.Kind != ValueKind.Scalar);

    private static bool InForward(IrStatement statement) => statement.Callee switch
    {
        { CustomTargetId: null } => true,
        not null => false,
        _ => Operations.TryById(statement.Operation) is { } operation && Uses(operation.Forward),
    };

    /// <summary>Whether a reversed branch or loop body pushes anything (the reverse then pops it).</summary>
    private static bool Tapes(IrBlock block, Tape tape) => block.Nodes.Any(node => node switch
    {
        IrIf branch => (tape.IsReversed(branch) && (tape.Pushed(branch.Then, new int[0]).Count > 0 || tape.Pushed(branch.Else, new int[0]).Count > 0))
            || Tapes(branch.Then, tape) || Tapes(branch.Else, tape),
        IrLoop loop => (tape.IsReversed(loop) && tape.Pushed(loop.Body, loop.Carried.Select(p => p.Target)).Count > 0)
            || Tapes(loop.Header, tape) || Tapes(loop.Body, tape),
        _ => false,
    });

    private static bool InReverse(AdjointBlock block) => block.Nodes.Any(node =>
        node.Zeroed.Any(z => Uses(z.Initial)) || node switch
        {
            AdjointSeedCheck or AdjointSwap => true,
            AdjointDeclaration declaration => Uses(declaration.Initial),
            AdjointStatement { Form: AccumulationForm.Add or AccumulationForm.Subtract or AccumulationForm.Kernel } => true,
            AdjointStatement statement => Uses(statement.Addend) || Uses(statement.Guard),
            AdjointIf branch => InReverse(branch.Then) || InReverse(branch.Else),
            AdjointLoop loop => InReverse(loop.Body),
            AdjointGuarded guarded => InReverse(guarded.Body),
            _ => false,
        });

    private static bool Uses(Expression? expression) =>
        ExpressionTrees.Nodes(expression).Any(n => n is KernelCall or ForwardKernelCall or Scratch or TheWorkspace);
}
