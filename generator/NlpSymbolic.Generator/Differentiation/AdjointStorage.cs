using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Decides where every adjoint lives, turning the reverse sweep's contributions into the statements a person
/// would write: an adjoint is declared where its value's block is reversed, from its first contribution when that
/// comes first (<c>var dh = ws.TanhGradient(…)</c>, no zeroing), or as zero before a branch or loop that adds to it
/// from inside; a lone <c>dv += dy</c> makes dv another name for dy (copy propagation) when nothing could tell them
/// apart. The output references adjoints by the id whose storage they use, so Emission only renders it, and the
/// tape is read off it (<see cref="Planning.TapePlan"/>) instead of off a dry run of the writer.
/// </summary>
internal sealed class AdjointStorage
{
    private readonly IrMethod method;
    private readonly HashSet<int> active;
    private readonly HashSet<int> loopPhis;
    /// <summary>How many statements add into each adjoint.</summary>
    private readonly Dictionary<int, int> contributions;
    private readonly HashSet<int> declared = new();
    private readonly Dictionary<int, int> sameAs = new();

    /// <summary>The adjoint whose storage (scalar local or buffer) an adjoint took or shares.</summary>
    private readonly Dictionary<int, int> storage = new();

    /// <summary>Storage held by more than one live adjoint: nobody may add into it in place.</summary>
    private readonly HashSet<int> shared = new();

    private AdjointStorage(AdjointProgram program)
    {
        method = program.Method;
        active = new HashSet<int>(program.ActiveValues);
        loopPhis = new HashSet<int>(IrWalker.LoopPhis(method.Body));
        contributions = AdjointTouches.Contributions(program.Body);
    }

    /// <summary>The program with its storage decided: declarations, copy propagation and adjoint ids resolved.</summary>
    public static AdjointProgram Plan(AdjointProgram program) =>
        program with { Body = new AdjointStorage(program).PlanMethod(program.Body) };

    private AdjointBlock PlanMethod(AdjointBlock body)
    {
        declared.UnionWith(method.Parameters.Where(p => p.IsDifferentiable).Select(p => p.ValueId));

        // Each non-null seed component must have its output's shape, known only once the forward sweep ran.
        var prelude = (method.IsTuple ? method.Components : EquatableArray<IrResultComponent>.Empty)
            .Select((component, i) => (component, i))
            .Where(p => p.component.Kind != ValueKind.Scalar && !p.component.Value.IsConstant)
            .Select(p => (AdjointNode)new AdjointSeedCheck(p.i, p.component.Value.ValueId))
            .ToList();

        var result = method.Result;
        if (!result.IsConstant && active.Contains(result.ValueId) && method.Parameters.All(p => p.ValueId != result.ValueId))
        {
            declared.Add(result.ValueId);
            if (method.ReturnKind != ValueKind.Scalar)
            {
                prelude.Add(new AdjointSeedCheck(null, result.ValueId));
            }

            if (AdjointProgram.IsSeeded(result.ValueId, method))
            {
                if (method.ReturnKind != ValueKind.Scalar)
                {
                    // The caller's dResult buffer is read, never written.
                    shared.Add(result.ValueId);
                }
            }
            else
            {
                // A merged result may be added to inside loops; the caller's dResult must stay untouched.
                var seed = new SeedOf(null);
                prelude.Add(new AdjointDeclaration(result.ValueId, method.ReturnKind == ValueKind.Scalar ? seed : Expressions.Call(Kernel.Copy, seed), -1));
            }
        }

        var planned = PlanBlock(body, isLoopBody: false);
        return new AdjointBlock(prelude.Concat(planned.Nodes).ToEquatableArray());
    }

    private AdjointBlock PlanBlock(AdjointBlock block, bool isLoopBody)
    {
        var scope = new List<int>();
        var nodes = new List<AdjointNode>();
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case AdjointStatement statement:
                    nodes.Add(PlanStatement(statement, scope));
                    break;

                case AdjointIf branch:
                {
                    var zeroed = Predeclare(node, scope);

                    // Adjoints sharing storage inside a branch are the branch's own values, dead once it is
                    // reversed; the other branch runs instead of it, not after it.
                    var sharedBefore = new HashSet<int>(shared);
                    var then = PlanBlock(branch.Then, isLoopBody: false);
                    shared.IntersectWith(sharedBefore);
                    var otherwise = PlanBlock(branch.Else, isLoopBody: false);
                    shared.IntersectWith(sharedBefore);
                    nodes.Add(new AdjointIf(branch.Forward, then, otherwise) { Zeroed = zeroed });
                    break;
                }

                case AdjointLoop loop:
                {
                    var zeroed = Predeclare(node, scope).ToList();
                    var raw = HandOffCarried(loop, scope, zeroed);
                    var sharedOutside = new HashSet<int>(shared);
                    var first = raw.Nodes.Count > 0 ? raw.Nodes[0] : null;
                    var carried = loop.Forward.Carried.Count > 0
                        && (first is AdjointSwap
                            || (first is AdjointStatement { Form: AccumulationForm.Add or AccumulationForm.ScalarExpression or AccumulationForm.Reset } opening
                                && opening.Addend is not ElementOf));
                    var body = PlanBlock(raw, isLoopBody: true);
                    shared.IntersectWith(sharedOutside);
                    nodes.Add(loop with { Body = body, StartsWithCarried = carried, Zeroed = zeroed.ToEquatableArray() });
                    break;
                }

                case AdjointSwap swap:
                    nodes.Add(swap);
                    break;
            }
        }

        foreach (var id in scope)
        {
            declared.Remove(id);
        }

        return new AdjointBlock(nodes.ToEquatableArray());
    }

    private AdjointNode PlanStatement(AdjointStatement statement, List<int> scope)
    {
        var zeroed = new List<AdjointDeclaration>();
        if (statement.Form == AccumulationForm.Reset)
        {
            var kind = method.Values[statement.Destination].Kind;
            return statement with
            {
                Destination = Resolve(statement.Destination),
                Addend = kind == ValueKind.Scalar ? new Constant(new IrNumber(0.0)) : Expressions.Call(Kernel.ZerosLike, new ValueOf(statement.Destination)),
            };
        }

        // Names are fixed before this statement may make its destination another name for its source.
        var addend = statement.Addend is null ? null : Resolved(statement.Addend);
        var guard = statement.Guard is null ? null : Resolved(statement.Guard);
        if (statement.Form == AccumulationForm.ClearElement)
        {
            // The reverse of a write: the overwritten element's gradient starts over.
            DeclareReferenced(statement, scope, zeroed);
            return statement with { Destination = Resolve(statement.Destination), Addend = addend, Zeroed = zeroed.ToEquatableArray() };
        }

        if (statement.Form != AccumulationForm.Pullback && statement.Guard is null && Declare(statement.Destination, scope))
        {
            DeclareReferenced(statement, scope, zeroed);
            if (statement.Form is AccumulationForm.Add or AccumulationForm.ScalarExpression
                && statement.Addend is AdjointOf source && MayRename(statement, source.Id))
            {
                // `var dWx = dz;` would only give the lecture's δ a second name: use dz itself from here on.
                sameAs[statement.Destination] = Resolve(source.Id);
                Share(statement.Destination, source.Id, transfer: contributions[statement.Destination] > 1);
                return new AdjointAlias(statement.Destination, Resolve(source.Id), statement.SourceIndex) { Zeroed = zeroed.ToEquatableArray() };
            }

            var initial = Initialiser(statement, addend!);
            if (initial is not null)
            {
                return new AdjointDeclaration(Resolve(statement.Destination), initial, statement.SourceIndex) { Zeroed = zeroed.ToEquatableArray() };
            }

            Undeclare(statement.Destination, scope);
        }

        DeclareReferenced(statement, scope, zeroed);
        return statement with
        {
            Destination = statement.Destination >= 0 ? Resolve(statement.Destination) : statement.Destination,
            Addend = addend,
            Guard = guard,
            Zeroed = zeroed.ToEquatableArray(),
        };
    }

    /// <summary>
    /// How each iteration of a reversed loop takes over the gradient of a carried value v (v₁ at the loop's head,
    /// v₂ what the iteration carries out). ReverseMode writes the general hand-off: dv₂ += dv₁, then dv₁ starts
    /// over at zero for the previous iteration. Two common shapes need less:
    /// <list type="bullet">
    /// <item>an accumulator (<c>J += …</c>, <c>s = s + v</c>): the only thing dv₁ receives in the iteration is dv₂
    /// itself, so dv₁ and dv₂ are one adjoint, and the hand-off, the reset and that addition all disappear;</item>
    /// <item>a vector or matrix state (an RNN's h): two buffers declared before the loop trade places each
    /// iteration, <c>(dh₂, dh₁) = (dh₁, dh₂)</c>, and dh₁ is cleared, instead of renting a new zero buffer per
    /// iteration.</item>
    /// </list>
    /// Returns the loop body with those hand-offs rewritten; buffers declared for it join <paramref name="zeroed"/>.
    /// </summary>
    private AdjointBlock HandOffCarried(AdjointLoop loop, List<int> scope, List<AdjointDeclaration> zeroed)
    {
        var nodes = loop.Body.Nodes.ToList();
        var inside = new HashSet<int>(IrWalker.ValuesInside(loop.Forward));
        var opening = new List<AdjointNode>();
        foreach (var phi in loop.Forward.Carried)
        {
            if (phi.Second.IsConstant || !inside.Contains(phi.Second.ValueId) || declared.Contains(phi.Second.ValueId))
            {
                continue;
            }

            var carried = phi.Target;
            var incoming = phi.Second.ValueId;
            var handOff = nodes.OfType<AdjointStatement>().FirstOrDefault(n => n.TakesOver && n.Destination == incoming && n.Addend == new AdjointOf(carried));
            var reset = nodes.OfType<AdjointStatement>().FirstOrDefault(n => n.Form == AccumulationForm.Reset && n.Destination == carried);
            if (handOff is null || reset is null)
            {
                continue;
            }

            var into = loop.Body.Nodes.SelectMany(AdjointTouches.AllStatements).Where(n => n != handOff && n != reset && AdjointTouches.Touches(n, carried)).ToList();
            var identity = into.Count == 1 && nodes.Contains(into[0]) && into[0] is AdjointStatement
            {
                Form: AccumulationForm.Add or AccumulationForm.ScalarExpression, Guard: null,
            } add && add.Destination == carried && add.Addend == new AdjointOf(incoming);
            if (identity)
            {
                nodes.Remove(handOff);
                nodes.Remove(reset);
                nodes.Remove(into[0]);
                sameAs[incoming] = Resolve(carried);
                Declare(incoming, scope);

                // Never reset now, so other adjoints may become names for it.
                loopPhis.Remove(carried);
                continue;
            }

            if (method.Values[carried].Kind is ValueKind.Vector or ValueKind.Matrix && Exclusive(carried))
            {
                nodes.Remove(handOff);
                nodes.Remove(reset);
                Declare(incoming, scope);
                zeroed.Add(new AdjointDeclaration(incoming, Expressions.Call(Kernel.ZerosLike, new ValueOf(carried)), -1));
                opening.Add(new AdjointSwap(incoming, Resolve(carried), carried, loop.Forward.SourceIndex));
            }
        }

        return new AdjointBlock(opening.Concat(nodes).ToEquatableArray());
    }

    /// <summary>The expression an adjoint can start from instead of zero, or null if it must be zeroed first.</summary>
    private Expression? Initialiser(AdjointStatement statement, Expression addend)
    {
        switch (statement.Form)
        {
            case AccumulationForm.ScalarExpression:
                return addend;
            case AccumulationForm.Add when statement.Addend is ElementOf:
                // dh from dA[i]: a copy, since dA[i] is zeroed right after (and later reads add into it again).
                return Expressions.Call(Kernel.Copy, addend);
            case AccumulationForm.Add when contributions[statement.Destination] == 1 || statement.TakesOver:
            {
                var from = statement.Addend is AdjointOf source ? source.Id : -1;
                var readOnly = contributions[statement.Destination] == 1;
                if (from < 0 || readOnly || Exclusive(from))
                {
                    // `var dh_2 = dh_1;` adopts the buffer: nothing writes through it again (read only), or the
                    // hand-off's source is dead from here and no other adjoint holds the buffer (transfer).
                    if (from >= 0)
                    {
                        Share(statement.Destination, from, transfer: !readOnly);
                    }

                    return addend;
                }

                // The buffer is also another live adjoint's (two merged values were both handed the result's
                // adjoint): the destination, which is added to later, needs its own.
                var kind = method.Values[statement.Destination].Kind;
                return kind is ValueKind.Vector or ValueKind.Matrix ? Expressions.Call(Kernel.Copy, addend) : null;
            }

            case AccumulationForm.Subtract:
                return Expressions.Call(Kernel.Negate, addend);
            case AccumulationForm.Kernel when addend is KernelCall call && Kernels.Starts(call.Kernel):
                return call;
            default:
                return null;
        }
    }

    /// <summary>
    /// Whether the hand-off <c>d[destination] += d[source]</c> may make the destination another name for the
    /// source's adjoint. Not when the name would be reset by a reverse loop iteration (a loop phi's adjoint, as
    /// the destination or anywhere in the source's alias chain), and not when the destination is added to later
    /// while its storage is still another live adjoint's.
    /// </summary>
    private bool MayRename(AdjointStatement statement, int source)
    {
        var destination = statement.Destination;
        var readOnly = contributions[destination] == 1;
        if (!readOnly && !statement.TakesOver)
        {
            return false;
        }

        return !ReachesLoopPhi(source) && !loopPhis.Contains(destination) && (readOnly || Exclusive(source));
    }

    /// <summary>
    /// Whether no adjoint other than <paramref name="id"/> (and the names it was merged into) holds its storage:
    /// a read-only alias of it shares it for good, a hand-off from a dead adjoint moves it.
    /// </summary>
    private bool Exclusive(int id) => !shared.Contains(StorageOf(id));

    private int StorageOf(int id) => storage.TryGetValue(id, out var root) ? StorageOf(root) : id;

    private void Share(int destination, int source, bool transfer)
    {
        var root = StorageOf(source);
        storage[destination] = root;
        if (!transfer)
        {
            shared.Add(root);
        }
    }

    /// <summary>Whether <paramref name="id"/> or any adjoint it was merged into is a loop phi's.</summary>
    private bool ReachesLoopPhi(int id) =>
        loopPhis.Contains(id) || (sameAs.TryGetValue(id, out var other) && ReachesLoopPhi(other));

    /// <summary>The adjoint an adjoint was merged into by copy propagation (itself if none).</summary>
    private int Resolve(int id) => sameAs.TryGetValue(id, out var other) ? Resolve(other) : id;

    /// <summary>The expression with every adjoint replaced by the one whose storage it uses now.</summary>
    private Expression Resolved(Expression expression) => ExpressionTrees.Rewrite(expression, e =>
        e is AdjointOf adjoint ? new AdjointOf(Resolve(adjoint.Id)) : null);

    /// <summary>Zero-declares the adjoints a branch or loop adds to from inside but whose values live outside it.</summary>
    private EquatableArray<AdjointDeclaration> Predeclare(AdjointNode node, List<int> scope)
    {
        var inside = new HashSet<int>(node switch
        {
            AdjointIf branch => IrWalker.ValuesInside(branch.Forward),
            AdjointLoop loop => IrWalker.ValuesInside(loop.Forward),
            _ => Enumerable.Empty<int>(),
        });
        var zeroed = new List<AdjointDeclaration>();
        foreach (var id in AdjointTouches.Touched(node).Distinct().Where(id => !inside.Contains(id)).OrderBy(id => id))
        {
            if (Declare(id, scope))
            {
                zeroed.Add(Zero(id));
            }
        }

        return zeroed.ToEquatableArray();
    }

    private void DeclareReferenced(AdjointStatement statement, List<int> scope, List<AdjointDeclaration> zeroed)
    {
        foreach (var id in AdjointTouches.Touched(statement))
        {
            if (Declare(id, scope))
            {
                zeroed.Add(Zero(id));
            }
        }
    }

    private AdjointDeclaration Zero(int id) =>
        new(Resolve(id), method.Values[id].Kind == ValueKind.Scalar ? new Constant(new IrNumber(0.0)) : Expressions.Call(Kernel.ZerosLike, new ValueOf(id)), -1);

    private bool Declare(int id, List<int> scope)
    {
        if (!declared.Add(id))
        {
            return false;
        }

        scope.Add(id);
        return true;
    }

    private void Undeclare(int id, List<int> scope)
    {
        declared.Remove(id);
        scope.Remove(id);
    }
}
