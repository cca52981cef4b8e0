using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// A null gradient argument means "not wanted": this pass makes the planned reverse sweep skip the work that only
/// such a gradient needs. Every step adds into some adjoints; <see cref="GradientReach"/> says which parameters'
/// gradients those adjoints can reach. A run of consecutive steps in one block that all reach the gradient of the
/// same parameter p, and only it, becomes one <see cref="AdjointGuarded"/>: <c>if (dp is not null)</c> around it
/// (one line for one statement, so a direct accumulation <c>if (db is not null) ws.Accumulate(db, dz);</c> stays a
/// line). A step that adds into a gradient argument itself is always guarded (it would write through null). Steps
/// that reach several gradients run unguarded; where such a step hands a buffer to something that skips a null one
/// (the fused <c>ws.AccumulateMultiplyAdjoints</c> and its deferred form, a generated pullback), an adjoint that reaches only p is handed
/// as <c>dp is not null ? dx : null</c>, and a gradient argument as itself. Hand-written pullbacks get a scratch
/// buffer in place of a null gradient (<c>dx ?? ws.ZerosLike(x)</c>).
/// <para>
/// Guards never change what a block declares for later steps: the zero buffers of guarded steps are declared
/// before the guard, and a declaration read after its run stays out of the guard (C# scoping; the work it does is
/// then done unconditionally, which is safe: nothing reads it unless p is wanted). Branches and loops are guarded
/// inside, never as a whole: their reverse pops the tape, which must happen whatever is wanted. When the method has
/// one active gradient argument, only the steps writing into it are guarded (the caller asked for nothing else).
/// </para>
/// </summary>
internal sealed class GradientPruning
{
    private readonly GradientReach reach;
    private readonly HashSet<int> buffers;
    private readonly HashSet<int> parameters;
    private readonly bool prunesInternal;

    private GradientPruning(AdjointProgram program, GradientReach reach)
    {
        var method = program.Method;
        this.reach = reach;
        var differentiable = method.Parameters.Where(p => p.IsDifferentiable).ToList();
        parameters = new HashSet<int>(differentiable.Select(p => p.ValueId));
        buffers = new HashSet<int>(differentiable.Where(p => p.Kind != ValueKind.Scalar).Select(p => p.ValueId));
        var active = new HashSet<int>(program.ActiveValues);
        prunesInternal = differentiable.Count(p => active.Contains(p.ValueId)) >= 2;
    }

    public static AdjointProgram Prune(AdjointProgram program, GradientReach reach) =>
        program with { Body = new GradientPruning(program, reach).Block(program.Body) };

    private AdjointBlock Block(AdjointBlock block)
    {
        var nodes = block.Nodes.Select(n => n switch
        {
            AdjointIf branch => branch with { Then = Block(branch.Then), Else = Block(branch.Else) },
            AdjointLoop loop => loop with { Body = Block(loop.Body) },
            var other => other,
        }).ToList();
        var guards = nodes.Select(Guard).ToArray();
        KeepDeclarationsInScope(nodes, guards);

        var output = new List<AdjointNode>();
        for (var i = 0; i < nodes.Count;)
        {
            if (guards[i] is not { } parameter)
            {
                output.Add(HandOn(nodes[i], null));
                i++;
                continue;
            }

            var end = i;
            while (end + 1 < nodes.Count && guards[end + 1] == parameter)
            {
                end++;
            }

            var run = nodes.Skip(i).Take(end - i + 1).ToList();
            if (run.All(n => n is AdjointAlias))
            {
                // Another name for an adjoint is no code: nothing to skip.
                output.AddRange(run);
            }
            else
            {
                var zeroed = run.SelectMany(n => n.Zeroed).ToEquatableArray();
                var body = run.Select(n => HandOn(n, parameter) with { Zeroed = default }).ToEquatableArray();
                output.Add(new AdjointGuarded(parameter, new AdjointBlock(body)) { Zeroed = zeroed });
            }

            i = end + 1;
        }

        return new AdjointBlock(output.ToEquatableArray());
    }

    /// <summary>The parameter whose gradient alone a step's work serves (it runs only when that one is wanted), or null.</summary>
    private int? Guard(AdjointNode node)
    {
        var destinations = node switch
        {
            AdjointStatement { Form: AccumulationForm.Reset or AccumulationForm.ClearElement } => null,
            AdjointStatement { Form: AccumulationForm.Pullback } pullback => pullback.Writes.ToList(),
            AdjointStatement { Addend: KernelCall { Kernel: Kernel.MultiplyAdjoints or Kernel.MultiplyAdjointsDeferred, Arguments: var arguments } } fused =>
                new List<int> { fused.Destination }.Concat(ExpressionTrees.Adjoints(arguments[0])).ToList(),
            AdjointStatement statement when statement.Destination >= 0 => new List<int> { statement.Destination },
            // Another name for a buffer, a scalar's zero: nothing to skip.
            AdjointDeclaration { Initial: AdjointOf or SeedOf or Constant or Number } => null,
            AdjointDeclaration declaration => new List<int> { declaration.Adjoint },
            AdjointAlias alias => new List<int> { alias.SameAs },
            _ => null,
        };
        if (destinations is null || destinations.Count == 0 || reach.Single(destinations) is not { } parameter || !buffers.Contains(parameter)
            || (IsArithmetic(node) && !destinations.Any(parameters.Contains)))
        {
            return null;
        }

        // With one gradient argument there is nothing else the caller could want: guard only what writes into it.
        return prunesInternal || destinations.All(parameters.Contains) ? parameter : null;
    }

    /// <summary>A scalar adjoint computed with a few operations on scalars: cheaper to compute than to guard.</summary>
    private static bool IsArithmetic(AdjointNode node)
    {
        var expression = node switch
        {
            AdjointDeclaration declaration => declaration.Initial,
            AdjointStatement { Form: AccumulationForm.ScalarExpression } statement => statement.Addend,
            _ => null,
        };
        return expression is not null && !ExpressionTrees.Nodes(expression).Any(e => e is KernelCall or PullbackCall);
    }

    /// <summary>
    /// A run's declarations that steps after the run read cannot be inside its guard (they would be out of scope):
    /// those steps lose the guard, which may split a run and expose another declaration, until nothing changes.
    /// </summary>
    private static void KeepDeclarationsInScope(List<AdjointNode> nodes, int?[] guards)
    {
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < nodes.Count; i++)
            {
                if (guards[i] is not { } parameter || nodes[i] is not AdjointDeclaration declaration)
                {
                    continue;
                }

                var end = i;
                while (end + 1 < nodes.Count && guards[end + 1] == parameter)
                {
                    end++;
                }

                if (nodes.Skip(end + 1).SelectMany(n => AdjointNodes.Adjoints(n)).Contains(declaration.Adjoint))
                {
                    guards[i] = null;
                    changed = true;
                }
            }
        }
        while (changed);
    }

    /// <summary>
    /// The buffers a step hands to a callee that skips null ones (the fused product, a generated pullback) and the
    /// gradient arguments it hands to a hand-written pullback, for a step under the guard of <paramref name="guard"/>
    /// (null: unguarded).
    /// </summary>
    private AdjointNode HandOn(AdjointNode node, int? guard)
    {
        switch (node)
        {
            case AdjointStatement { Addend: KernelCall { Kernel: Kernel.MultiplyAdjoints or Kernel.MultiplyAdjointsDeferred } call } fused:
            {
                var arguments = call.Arguments.ToArray();
                arguments[0] = Optional(arguments[0], guard);
                return fused with { Addend = call with { Arguments = arguments.ToEquatableArray() } };
            }

            case AdjointStatement { Addend: PullbackCall call } pullback:
            {
                var arguments = call.Arguments.ToArray();
                for (var i = call.FirstGradient; i < arguments.Length; i++)
                {
                    arguments[i] = call.TakesNull ? Optional(arguments[i], guard) : Required(arguments[i], guard);
                }

                return pullback with { Addend = call with { Arguments = arguments.ToEquatableArray() } };
            }

            default:
                return node;
        }
    }

    /// <summary>An adjoint that reaches only another parameter's gradient, handed on only when that gradient is wanted.</summary>
    private Expression Optional(Expression argument, int? guard)
    {
        if (!prunesInternal || argument is not AdjointOf { Id: var id } || parameters.Contains(id)
            || reach.Single(new[] { id }) is not { } parameter || !buffers.Contains(parameter) || parameter == guard)
        {
            return argument;
        }

        return Expressions.Cond(new IsNotNull(new AdjointOf(parameter)), argument, new Constant(new IrNull()));
    }

    /// <summary>A gradient argument the caller may have left null, where a hand-written pullback needs a buffer.</summary>
    private Expression Required(Expression argument, int? guard) =>
        argument is AdjointOf { Id: var id } && buffers.Contains(id) && id != guard
            ? new OrElse(argument, Expressions.Call(Kernel.ZerosLike, new ValueOf(id)))
            : argument;
}
