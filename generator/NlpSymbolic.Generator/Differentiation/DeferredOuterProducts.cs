using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Inside a loop, the rule for y = W x adds dW += dy xᵀ once per step: added one at a time, every step streams
/// all of dW through the cache, which makes an RNN's reverse sweep bound by memory traffic (a W used twice, as
/// the window model's W x and W x_c, pays the same to a lesser degree). Where dW is a parameter's gradient that
/// nothing in the method reads, the update is queued instead (<c>ws.AccumulateMultiplyAdjointsDeferred</c>,
/// <c>ws.AccumulateOuterDeferred</c>) and the runtime adds the queued updates as one matrix product, at the latest
/// when the workspace frame exits, before Backward returns. dx += Wᵀ dy is still added at once: the reverse sweep
/// reads it at the next step.
/// </summary>
internal static class DeferredOuterProducts
{
    public static AdjointProgram Defer(AdjointProgram program)
    {
        var candidates = program.Method.Parameters
            .Where(p => p.IsDifferentiable && p.Kind == ValueKind.Matrix)
            .Select(p => p.ValueId)
            .ToList();
        if (candidates.Count == 0)
        {
            return program;
        }

        var deferrable = new HashSet<int>(candidates);
        deferrable.ExceptWith(Read(program.Body));

        // One update alone gains nothing from the queue (the fused sweep is faster): defer a gradient's updates
        // when a loop makes them or there are two or more (the window's W x and W x_c).
        var updates = Updates(program.Body, inLoop: false).ToLookup(u => u.Destination);
        deferrable.RemoveWhere(id => !updates[id].Any(u => u.InLoop) && updates[id].Count() < 2);
        return deferrable.Count == 0 ? program : program with { Body = Defer(program.Body, deferrable) };
    }

    private static AdjointBlock Defer(AdjointBlock block, HashSet<int> deferrable) =>
        new(block.Nodes.Select(node => node switch
        {
            AdjointIf branch => branch with { Then = Defer(branch.Then, deferrable), Else = Defer(branch.Else, deferrable) },
            AdjointLoop loop => loop with { Body = Defer(loop.Body, deferrable) },
            AdjointStatement { Form: AccumulationForm.Kernel, Addend: KernelCall call } statement
                when deferrable.Contains(statement.Destination) && Deferred(call.Kernel) is { } kernel
                => statement with { Addend = call with { Kernel = kernel } },
            _ => node,
        }).ToEquatableArray());

    /// <summary>The rank-one updates a deferred kernel could queue, with whether a loop repeats them.</summary>
    private static IEnumerable<(int Destination, bool InLoop)> Updates(AdjointBlock block, bool inLoop) =>
        block.Nodes.SelectMany(node => node switch
        {
            AdjointIf branch => Updates(branch.Then, inLoop).Concat(Updates(branch.Else, inLoop)),
            AdjointLoop loop => Updates(loop.Body, inLoop: true),
            AdjointStatement { Form: AccumulationForm.Kernel, Addend: KernelCall call } statement when Deferred(call.Kernel) is not null
                => new[] { (statement.Destination, inLoop) },
            _ => Enumerable.Empty<(int, bool)>(),
        });

    private static Kernel? Deferred(Kernel kernel) => kernel switch
    {
        Kernel.MultiplyAdjoints => Kernel.MultiplyAdjointsDeferred,
        Kernel.Outer => Kernel.OuterDeferred,
        _ => null,
    };

    /// <summary>
    /// Every adjoint the program reads, or that lives anywhere but as the destination of a plain accumulation
    /// (an alias, a swapped buffer, a declaration, a pullback's output): such a gradient keeps its updates
    /// immediate, so nothing can observe one that is still queued.
    /// </summary>
    private static IEnumerable<int> Read(AdjointBlock block) =>
        block.Nodes.SelectMany(node => AdjointNodes.Adjoints(node, plainDestinations: false));
}
