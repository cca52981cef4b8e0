using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of structured SSA code: walk each block backwards and, for each active
/// statement, instantiate its adjoint rule for every active argument (or call the callee's pullback). An
/// if is reversed as the same if over the reversed branches, each first handing its merged adjoints to
/// the branch's values; a loop is reversed as its iterations backwards, each first handing the carried
/// adjoint to the value that the iteration carried out.
/// </summary>
internal static class ReverseMode
{
    public static AdjointProgram Differentiate(DifferentiableMethodSpec spec, Activity activity)
    {
        var method = spec.Method;
        var context = new Context(spec, activity.Active);
        var nodes = new List<AdjointNode>();

        var result = method.Result;
        if (method.IsTuple)
        {
            nodes.AddRange(TupleSeeds(method, context));
        }
        else if (!result.IsConstant && context.IsActive(result.ValueId) && method.Parameters.Any(p => p.ValueId == result.ValueId))
        {
            // `return x;` for a parameter x: the seed goes straight into x's gradient.
            nodes.Add(context.Accumulate(result.ValueId, new SeedOf(null), null, method.ResultSourceIndex));
        }

        nodes.AddRange(Reverse(method.Body, context).Nodes);
        return new AdjointProgram(spec, context.Active.OrderBy(a => a).ToEquatableArray(), new AdjointBlock(nodes.ToEquatableArray()));
    }

    /// <summary>
    /// <c>dv += dResult.component</c> for each returned component: its seed, which the caller may leave null (a
    /// vector or matrix component) when no gradient flows from that output.
    /// </summary>
    private static IEnumerable<AdjointStatement> TupleSeeds(IrMethod method, Context context)
    {
        for (var i = 0; i < method.Components.Count; i++)
        {
            var component = method.Components[i];
            if (component.Value.IsConstant || !context.IsActive(component.Value.ValueId))
            {
                continue;
            }

            var seed = new SeedOf(i);
            var guard = component.Kind == ValueKind.Scalar ? null : new IsNotNull(seed);
            yield return context.Accumulate(component.Value.ValueId, seed, guard, method.ResultSourceIndex);
        }
    }

    private static AdjointBlock Reverse(IrBlock block, Context context)
    {
        var nodes = new List<AdjointNode>();
        for (var i = block.Nodes.Count - 1; i >= 0; i--)
        {
            switch (block.Nodes[i])
            {
                case IrStatement store when Operations.IsStore(store.Operation):
                    nodes.AddRange(StoreTerms(store, context));
                    break;

                case IrStatement { Operation: IrStatement.TupleItemOperation }:
                    // The call's pullback reads the component's adjoint.
                    break;

                case IrStatement statement when context.IsActive(statement.Target):
                    nodes.AddRange(statement.Callee is null ? RuleTerms(statement, context) : new[] { Pullback(statement, context) });
                    break;

                case IrIf branch:
                {
                    var then = PhiHandOff(branch.Phis, p => p.First, branch.SourceIndex, context).Concat(Reverse(branch.Then, context).Nodes).ToList();
                    var otherwise = PhiHandOff(branch.Phis, p => p.Second, branch.SourceIndex, context).Concat(Reverse(branch.Else, context).Nodes).ToList();
                    if (then.Count + otherwise.Count > 0)
                    {
                        nodes.Add(new AdjointIf(branch, new AdjointBlock(then.ToEquatableArray()), new AdjointBlock(otherwise.ToEquatableArray())));
                    }

                    break;
                }

                case IrLoop loop:
                {
                    var carried = new List<AdjointNode>();
                    foreach (var phi in loop.Carried.Where(p => context.IsActive(p.Target)))
                    {
                        if (phi.Second.IsConstant || phi.Second.ValueId == phi.Target)
                        {
                            continue;
                        }

                        if (context.IsActive(phi.Second.ValueId))
                        {
                            carried.Add(context.Accumulate(phi.Second.ValueId, new AdjointOf(phi.Target), null, loop.SourceIndex) with { TakesOver = true });
                        }

                        carried.Add(new AdjointStatement(phi.Target, AccumulationForm.Reset, null, null, loop.SourceIndex));
                    }

                    var body = carried.Concat(Reverse(loop.Body, context).Nodes).ToList();
                    if (body.Count > 0)
                    {
                        nodes.Add(new AdjointLoop(loop, new AdjointBlock(body.ToEquatableArray()), StartsWithCarried: carried.Count > 0, CountedLoops.Of(loop, context.Spec.Method)));
                    }

                    nodes.AddRange(PhiHandOff(loop.Carried, p => p.First, loop.SourceIndex, context));
                    break;
                }
            }
        }

        return new AdjointBlock(nodes.ToEquatableArray());
    }

    /// <summary>dOperand += dPhi for every active phi whose chosen operand is active.</summary>
    private static IEnumerable<AdjointStatement> PhiHandOff(EquatableArray<IrPhi> phis, System.Func<IrPhi, IrOperand> operand, int source, Context context) =>
        phis.Where(p => context.IsActive(p.Target) && !operand(p).IsConstant && context.IsActive(operand(p).ValueId))
            .Select(p => context.Accumulate(operand(p).ValueId, new AdjointOf(p.Target), null, source) with { TakesOver = true });

    private static IEnumerable<AdjointStatement> RuleTerms(IrStatement statement, Context context)
    {
        var rule = Operations.RuleOf(statement.Operation)!;
        for (var argumentIndex = 0; argumentIndex < statement.Arguments.Count; argumentIndex++)
        {
            var argument = statement.Arguments[argumentIndex];
            if (argument.IsConstant || !context.IsActive(argument.ValueId))
            {
                continue;
            }

            foreach (var term in rule.TermsFor(argumentIndex))
            {
                yield return context.Accumulate(argument.ValueId, Instantiate(term.Addend, statement, argumentIndex), null, statement.SourceIndex);
            }
        }
    }

    /// <summary>
    /// The reverse of <c>A[i] = h</c> on an array built in the method, whose adjoint is one buffer updated in
    /// place: h gets dA[i] (its rule), then dA[i] starts over, even when h needs no gradient, so that an
    /// earlier write of the same element gets none of the gradient that reached the overwriting value.
    /// </summary>
    private static IEnumerable<AdjointStatement> StoreTerms(IrStatement store, Context context)
    {
        var array = store.Arguments[0];
        if (array.IsConstant || !context.IsActive(array.ValueId))
        {
            yield break;
        }

        foreach (var term in RuleTerms(store, context))
        {
            yield return term;
        }

        yield return new AdjointStatement(array.ValueId, AccumulationForm.ClearElement, Operand(store.Arguments[1]), null, store.SourceIndex);
    }

    /// <summary>
    /// <c>Callee.NamePullback(arguments, dy, gradients)</c> (or a hand-written pullback of the same shape):
    /// active arguments get their adjoints; the callee's other gradient arguments get null, "not wanted", from a
    /// generated pullback, and scratch space nobody reads from a hand-written one (and a scalar's, always).
    /// </summary>
    private static AdjointStatement Pullback(IrStatement statement, Context context)
    {
        var callee = statement.Callee!;
        var arguments = statement.Arguments.Select(Operand).ToList();
        arguments.Add(callee.ResultKind == ValueKind.Tuple ? TupleSeed(statement.Target, context) : new AdjointOf(statement.Target));
        var writes = new List<int>();
        for (var i = 0; i < statement.Arguments.Count; i++)
        {
            if (!callee.Differentiable[i])
            {
                continue;
            }

            var argument = statement.Arguments[i];
            var scalar = argument.Kind == ValueKind.Scalar;
            if (!argument.IsConstant && context.IsActive(argument.ValueId))
            {
                arguments.Add(scalar ? new ByRef(new AdjointOf(argument.ValueId)) : new AdjointOf(argument.ValueId));
                writes.Add(argument.ValueId);
            }
            else
            {
                arguments.Add(scalar ? new ByRef(new Scratch())
                    : callee.CustomTargetId is null ? new Constant(new IrNull())
                    : Expressions.Call(Kernel.ZerosLike, Operand(argument)));
            }
        }

        return new AdjointStatement(
            writes.Count > 0 ? writes[0] : -1,
            AccumulationForm.Pullback,
            new PullbackCall(context.Spec.PullbackOf(callee), arguments.ToEquatableArray(), statement.Arguments.Count + 1, TakesNull: callee.CustomTargetId is null),
            null,
            statement.SourceIndex,
            writes.ToEquatableArray());
    }

    /// <summary>
    /// The dResult a call returning a tuple hands its callee's pullback: each component's adjoint, or null (0 for a
    /// scalar) for a component nothing here needs the gradient of: the callee then skips that output.
    /// </summary>
    private static Expression TupleSeed(int call, Context context) =>
        new TupleOf(context.Components(call).Select(c =>
            context.IsActive(c.Target) ? new AdjointOf(c.Target) : (Expression)new Constant(c.Kind == ValueKind.Scalar ? new IrNumber(0.0) : (IrConstant)new IrNull())).ToEquatableArray());

    /// <summary>Replaces a rule's placeholders with references to this statement's values and adjoints.</summary>
    private static Expression Instantiate(Expression expression, IrStatement statement, int argumentIndex) =>
        ExpressionTrees.Rewrite(expression, e => e switch
        {
            Argument argument => Operand(statement.Arguments[argument.Index]),
            ArgumentAdjoint adjoint => new AdjointOf(statement.Arguments[adjoint.Index].ValueId),
            Result => new ValueOf(statement.Target),
            ResultAdjoint => new AdjointOf(statement.Target),
            Offset => OffsetOf(statement, argumentIndex),
            Position => new Number(argumentIndex),
            _ => null,
        });

    private static Expression Operand(IrOperand operand) => operand.Constant is { } constant ? new Constant(constant) : new ValueOf(operand.ValueId);

    /// <summary>Where argument <paramref name="index"/> starts inside a concatenation of all arguments: the sum of the sizes before it.</summary>
    private static Expression OffsetOf(IrStatement statement, int index)
    {
        if (index == 0)
        {
            return new Number(0);
        }

        var offset = (Expression)new SizeOf(Operand(statement.Arguments[0]), IsArray: false);
        for (var i = 1; i < index; i++)
        {
            offset = offset + new SizeOf(Operand(statement.Arguments[i]), IsArray: false);
        }

        return offset;
    }

    private sealed class Context
    {
        private readonly Dictionary<int, ValueKind> kinds;

        private readonly ILookup<int, IrStatement> components;

        public Context(DifferentiableMethodSpec spec, HashSet<int> active)
        {
            Spec = spec;
            Active = active;
            kinds = spec.Method.Values.ToDictionary(v => v.Id, v => v.Kind);
            components = IrWalker.Statements(spec.Method.Body)
                .Where(s => s.Operation == IrStatement.TupleItemOperation)
                .ToLookup(s => s.Arguments[0].ValueId);
        }

        public DifferentiableMethodSpec Spec { get; }

        /// <summary>The components taken out of a call's tuple result, in order, with their kinds.</summary>
        public IEnumerable<(int Target, ValueKind Kind)> Components(int call) =>
            components[call].OrderBy(s => ((IrInt)s.Arguments[1].Constant!).Value).Select(s => (s.Target, kinds[s.Target]));

        public HashSet<int> Active { get; }

        public bool IsActive(int id) => Active.Contains(id);

        public AdjointStatement Accumulate(int destination, Expression addend, Expression? guard, int source)
        {
            if (kinds[destination] == ValueKind.Scalar)
            {
                return new AdjointStatement(destination, AccumulationForm.ScalarExpression, addend, guard, source);
            }

            return addend switch
            {
                Unary { Operator: UnaryOperator.Negate, Operand: var negated } when IsReference(negated) =>
                    new AdjointStatement(destination, AccumulationForm.Subtract, negated, guard, source),
                _ when IsReference(addend) || addend is ElementOf { Array: AdjointOf } =>
                    new AdjointStatement(destination, AccumulationForm.Add, addend, guard, source),
                KernelCall call when Kernels.Accumulates(call.Kernel) =>
                    new AdjointStatement(destination, AccumulationForm.Kernel, call, guard, source),
                _ => throw new System.InvalidOperationException($"a rule adds {addend} to a buffer: only a reference, its negation, an element of an array's adjoint or an accumulating kernel can be"),
            };
        }

        private static bool IsReference(Expression expression) => expression is ValueOf or AdjointOf or SeedOf;
    }
}
