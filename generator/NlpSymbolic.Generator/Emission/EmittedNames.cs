using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Every identifier of one generated method, chosen in a fixed order (parameters, the seed, gradient
/// arguments, the workspace, forward values, adjoints) so that output is deterministic.
/// </summary>
/// <remarks>
/// How a reader tells the names apart (README, "Reading the generated code"):
/// <list type="bullet">
/// <item>the user's parameters and locals keep their names; <c>d</c> + a name is that value's adjoint (its
/// gradient), and <c>dResult</c> is the seed. The generated parameters (<c>dResult</c>, <c>d</c> + parameter,
/// <c>ws</c>) never change because of a local of the body: the local is renamed (<c>da_1</c>) instead;</item>
/// <item><c>z_a</c> is only ever the pre-activation z of a = f(z), the lecture's z, so <c>dz_a</c> is the
/// lecture's δ;</item>
/// <item>a product of one-letter variables is their juxtaposition, as the lecture writes it (<c>Wx</c> for
/// W·x, adjoint <c>dWx</c>; <c>Hh_1</c> for H·h_1); a product with a longer factor joins the factors with <c>Times</c>
/// (<c>UTimesHPrev</c>, <c>zTimesHPrev</c>), so that its adjoint <c>dUTimesHPrev</c> cannot be read as
/// <c>dU</c> of something, nor the product as a pre-activation;</item>
/// <item><c>xs_t</c> is the element <c>xs[t]</c>; <c>result</c> (<c>result_h</c> for a tuple's
/// component) is what the method returns;</item>
/// <item>everything else is <c>tmp1</c>, <c>tmp2</c>, … numbered in the order each generated method first
/// writes them, without gaps; a name already taken gets <c>_1</c>, <c>_2</c>, ….</item>
/// </list>
/// </remarks>
internal sealed class EmittedNames
{
    private readonly Dictionary<int, string> values = new();
    private readonly Dictionary<int, string> adjoints = new();

    public EmittedNames(AdjointProgram program)
    {
        var method = program.Method;
        Types = new TypeNames(program.Spec.ShadowedAliases);
        allocator = new NameAllocator(method.UserIdentifiers);
        foreach (var alias in Types.ReservedInBody)
        {
            // Written among the statements, where a local of the same name would hide it: the local is renamed.
            allocator.Reserve(alias);
        }

        foreach (var parameter in method.Parameters)
        {
            values[parameter.ValueId] = allocator.Claim(parameter.Name);
        }

        // The generated parameters are the public contract: their names depend on the parameters only, and a
        // local of the body named like one of them is the one renamed (Claim below).
        Seed = allocator.Reserve("dResult");
        if (program.Spec.Model is not null)
        {
            // The instance wrapper's Gradients argument (only model methods have one, so other output is unchanged).
            GradientsArgument = allocator.Reserve("gradients");
        }

        foreach (var parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            adjoints[parameter.ValueId] = allocator.Reserve("d" + parameter.Name);
        }

        Workspace = allocator.Reserve("ws");

        NameValues(method);

        Value_ = allocator.Fresh("value");
        var phis = new HashSet<int>(IrWalker.Phis(method.Body).Select(p => p.Target));
        for (var i = 0; i < method.Components.Count; i++)
        {
            if (!method.Components[i].Value.IsConstant && phis.Contains(method.Components[i].Value.ValueId))
            {
                valueCopies[i] = allocator.Fresh("value_" + method.Components[i].Accessor(i));
            }
        }

        NameAdjoints(program);
    }

    /// <summary>
    /// The forward values' names: user variables keep theirs, results are <c>result</c>, pre-activations <c>z_a</c>,
    /// elements and products are named for what they read, anything else is numbered when first written.
    /// </summary>
    private void NameValues(IrMethod method)
    {
        var statements = IrWalker.Statements(method.Body).ToList();
        var definitions = statements.ToDictionary(s => s.Target);
        var variables = new HashSet<int>(method.Values.Where(v => v.IsVariable).Select(v => v.Id));
        var activated = ActivationInputs(statements, method);
        var results = ResultHints(method);
        // A counted loop counts its own iterations and writes its step as i++: neither is a local of generated code.
        var unwritten = new HashSet<int>(IrWalker.Loops(method.Body)
            .Select(loop => (loop, counted: CountedLoops.Of(loop, method)))
            .Where(p => p.counted is not null)
            .SelectMany(p => new[] { p.loop.Count, p.counted!.Increment }));
        foreach (var value in method.Values.Where(v => !values.ContainsKey(v.Id)))
        {
            if (unwritten.Contains(value.Id))
            {
                values[value.Id] = string.Empty;
                continue;
            }

            if (definitions.TryGetValue(value.Id, out var store) && Operations.IsStore(store.Operation))
            {
                // A write `hs[t] = h;` is a statement of its own: its value has no name in generated code.
                values[value.Id] = string.Empty;
                continue;
            }

            if (value.Kind == ValueKind.Tuple)
            {
                // A call's tuple result has no local: the call deconstructs it into its components' locals.
                values[value.Id] = "(tuple " + value.Id + ")";
                continue;
            }

            var name = value.IsVariable
                ? allocator.Claim(value.NameHint)
                : results.TryGetValue(value.Id, out var resultHint)
                    ? allocator.Fresh(resultHint)
                    : activated.TryGetValue(value.Id, out var output)
                        ? allocator.Fresh("z_" + output)
                        : definitions.TryGetValue(value.Id, out var definition)
                            ? TemporaryName(definition, variables)
                            : allocator.Fresh(value.NameHint);
            if (name is null)
            {
                numbered.Add(value.Id);
            }
            else
            {
                values[value.Id] = name;
            }
        }
    }

    /// <summary><c>d</c> + the value's name for each active value (the seed for the result's, when it is the seed).</summary>
    private void NameAdjoints(AdjointProgram program)
    {
        var method = program.Method;
        foreach (var id in program.ActiveValues.Where(id => !adjoints.ContainsKey(id)))
        {
            if (numbered.Contains(id))
            {
                // Named with its value, when a method first writes it (see StartMethod).
                numberedAdjoints.Add(id);
                continue;
            }

            adjoints[id] = AdjointProgram.IsSeeded(id, method) ? Seed : allocator.Fresh("d" + values[id]);
        }
    }

    private readonly NameAllocator allocator;

    /// <summary>Temporaries named <c>tmp1</c>, <c>tmp2</c>, … in the order a method first writes them.</summary>
    private readonly HashSet<int> numbered = new();

    /// <summary>Numbered temporaries that have an adjoint (<c>dtmp1</c> for <c>tmp1</c>).</summary>
    private readonly HashSet<int> numberedAdjoints = new();

    /// <summary>The numbers given out in the method being written, and the names to give back when the next one starts.</summary>
    private readonly Dictionary<int, string> numberedValues = new();
    private readonly Dictionary<int, string> numberedAdjointNames = new();

    /// <summary>
    /// Starts the numbering of temporaries again, before each generated method (Backward, Forward, Pullback):
    /// numbers are given in the order the method first names a temporary, so every method counts
    /// <c>tmp1</c>, <c>tmp2</c>, … without gaps, whatever the other methods inline or leave out.
    /// </summary>
    public void StartMethod()
    {
        foreach (var name in numberedValues.Values.Concat(numberedAdjointNames.Values))
        {
            allocator.Release(name);
        }

        numberedValues.Clear();
        numberedAdjointNames.Clear();
    }

    /// <summary>The spelling of the types the file names (short aliases where nothing else has their name).</summary>
    public TypeNames Types { get; }

    public string Seed { get; }

    /// <summary>The Gradients argument of a model method's instance <c>NameBackward</c>; null for static methods.</summary>
    public string? GradientsArgument { get; }

    public string Workspace { get; }

    /// <summary>Holds the result across the reverse sweep when the reverse sweep reuses the result's local (a loop phi).</summary>
    public string ValueCopy => Value_;

    private string Value_ { get; }

    private readonly Dictionary<int, string> valueCopies = new();

    /// <summary>
    /// <see cref="ValueCopy"/> for component <paramref name="index"/> of a tuple result, when that component is a
    /// loop or branch merge; null when the component's local can be returned as it is.
    /// </summary>
    public string? ComponentCopy(int index) => valueCopies.TryGetValue(index, out var name) ? name : null;

    /// <summary>
    /// The names of temporaries that are returned: <c>result</c>, or for a tuple <c>result_h</c> (<c>result1</c> for
    /// an unnamed component).
    /// </summary>
    private static Dictionary<int, string> ResultHints(IrMethod method)
    {
        var hints = new Dictionary<int, string>();
        if (!method.IsTuple && !method.Result.IsConstant)
        {
            hints[method.Result.ValueId] = "result";
        }

        for (var i = 0; i < method.Components.Count; i++)
        {
            var component = method.Components[i];
            if (!component.Value.IsConstant && !hints.ContainsKey(component.Value.ValueId))
            {
                hints[component.Value.ValueId] = component.Name is null ? "result" + (i + 1) : "result_" + component.Name;
            }
        }

        return hints;
    }

    public string Value(int id) => NameAllocator.Escape(RawValue(id));

    public string Adjoint(int id)
    {
        if (adjoints.TryGetValue(id, out var name))
        {
            return NameAllocator.Escape(name);
        }

        if (!numberedAdjoints.Contains(id))
        {
            throw new KeyNotFoundException("Value " + id + " has no adjoint.");
        }

        if (!numberedAdjointNames.TryGetValue(id, out name))
        {
            numberedAdjointNames[id] = name = allocator.Fresh("d" + RawValue(id));
        }

        return NameAllocator.Escape(name);
    }

    public bool HasAdjoint(int id) => adjoints.ContainsKey(id) || numberedAdjoints.Contains(id);

    private string RawValue(int id)
    {
        if (values.TryGetValue(id, out var name))
        {
            return name;
        }

        if (!numbered.Contains(id))
        {
            throw new KeyNotFoundException("Value " + id + " has no name.");
        }

        if (!numberedValues.TryGetValue(id, out name))
        {
            numberedValues[id] = name = allocator.Numbered("tmp");
        }

        return name;
    }

    /// <summary>Whether the catalogue flags the operation (activation, product, element read), which decides how its values are named.</summary>
    private static bool Is(OperationId operation, OperationFlags flag) => Operations.TryById(operation)?.Has(flag) == true;

    /// <summary>
    /// Temporaries that only feed an activation whose result is a user variable: the lecture's pre-activation
    /// z of a = f(z), named <c>z_a</c> so that its adjoint <c>dz_a</c> is the lecture's δ.
    /// </summary>
    private static Dictionary<int, string> ActivationInputs(List<IrStatement> statements, IrMethod method)
    {
        var uses = new Dictionary<int, int>();
        foreach (var argument in statements.SelectMany(s => s.Arguments).Where(a => !a.IsConstant))
        {
            uses[argument.ValueId] = uses.TryGetValue(argument.ValueId, out var n) ? n + 1 : 1;
        }

        foreach (var phi in IrWalker.Phis(method.Body))
        {
            foreach (var operand in new[] { phi.First, phi.Second }.Where(o => !o.IsConstant))
            {
                uses[operand.ValueId] = uses.TryGetValue(operand.ValueId, out var n) ? n + 1 : 1;
            }
        }

        var inputs = new Dictionary<int, string>();
        foreach (var statement in statements.Where(s => Is(s.Operation, OperationFlags.Activation) && method.Values[s.Target].IsVariable))
        {
            var input = statement.Arguments[0];
            if (!input.IsConstant && !method.Values[input.ValueId].IsVariable && uses[input.ValueId] == 1)
            {
                inputs[input.ValueId] = method.Values[statement.Target].NameHint;
            }
        }

        return inputs;
    }

    /// <summary>
    /// The name of a temporary that is neither a result nor a pre-activation: an element <c>xs[t]</c> is
    /// <c>xs_t</c>, a product of user variables is named for its factors (see the class comment), anything else
    /// is null: a numbered temporary, numbered when a method first writes it.
    /// </summary>
    private string? TemporaryName(IrStatement definition, HashSet<int> variables)
    {
        if (Is(definition.Operation, OperationFlags.ElementRead)
            && definition.Arguments.Count == 2
            && !definition.Arguments[0].IsConstant && variables.Contains(definition.Arguments[0].ValueId)
            && (definition.Arguments[1].IsConstant ? definition.Arguments[1].Constant is IrInt { Value: >= 0 } : variables.Contains(definition.Arguments[1].ValueId)))
        {
            // xs[t] reads as xs_t, tokens[0] as tokens_0.
            var index = definition.Arguments[1].Constant is IrInt index0 ? index0.Value.ToString(System.Globalization.CultureInfo.InvariantCulture) : values[definition.Arguments[1].ValueId];
            return allocator.Fresh(values[definition.Arguments[0].ValueId] + "_" + index);
        }

        if (Is(definition.Operation, OperationFlags.Product)
            && definition.Arguments.All(a => !a.IsConstant && variables.Contains(a.ValueId)))
        {
            var factors = definition.Arguments.Select(a => values[a.ValueId]).ToList();
            var name = factors.Take(factors.Count - 1).All(f => f.Length == 1) && IsOneLetter(factors[factors.Count - 1])
                ? string.Concat(factors)
                : factors[0] + string.Concat(factors.Skip(1).Select(f => "Times" + char.ToUpperInvariant(f[0]) + f.Substring(1)));
            if (name.Length <= MaxProductName && (char.IsLetter(name[0]) || name[0] == '_'))
            {
                return allocator.Fresh(name);
            }
        }

        return null;
    }

    /// <summary>A one-letter name, or one with a suffix (<c>h_1</c>, a later h; <c>x_t</c>, the element x[t]): juxtaposed last, <c>Hh_1</c> still reads H·h_1.</summary>
    private static bool IsOneLetter(string name) => name.Length == 1 || (name.Length > 2 && name[1] == '_');

    /// <summary>Longer products are numbered: a name should be read at a glance, not parsed.</summary>
    private const int MaxProductName = 24;
}
