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
internal sealed class EmittedNames
{
    private static readonly HashSet<string> ProductOperations = new()
    {
        "Multiply", "MatrixTimesVector", "MatrixTimesMatrix", "ScalarTimesVector", "VectorTimesScalar",
        "ScalarTimesMatrix", "MatrixTimesScalar", "PointwiseMultiply", "Dot", "OuterProduct",
    };

    private static readonly HashSet<string> ElementOperations = new()
    {
        "VectorElement", "ScalarElement", "IntElement", "VectorAt", "WrittenVectorElement",
    };

    private readonly Dictionary<int, string> values = new();
    private readonly Dictionary<int, string> adjoints = new();

    public EmittedNames(AdjointProgram program)
    {
        var method = program.Method;
        var allocator = new NameAllocator(method.UserIdentifiers);
        foreach (var parameter in method.Parameters)
        {
            values[parameter.ValueId] = allocator.Claim(parameter.Name);
        }

        Seed = allocator.Fresh("dResult");
        if (program.Spec.Model is not null)
        {
            // The instance wrapper's Gradients argument (only model methods have one, so other output is unchanged).
            GradientsArgument = allocator.Fresh("gradients");
        }

        foreach (var parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            adjoints[parameter.ValueId] = allocator.Fresh("d" + parameter.Name);
        }

        Workspace = allocator.Fresh("ws");

        var statements = IrWalker.Statements(method.Body).ToList();
        var definitions = statements.ToDictionary(s => s.Target);
        var variables = new HashSet<int>(method.Values.Where(v => v.IsVariable).Select(v => v.Id));
        var activated = ActivationInputs(statements, method);
        var results = ResultHints(method);
        foreach (var value in method.Values.Where(v => !values.ContainsKey(v.Id)))
        {
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

            values[value.Id] = value.IsVariable
                ? allocator.Claim(value.NameHint)
                : results.TryGetValue(value.Id, out var resultHint)
                    ? allocator.Fresh(resultHint)
                    : activated.TryGetValue(value.Id, out var output)
                        ? allocator.Fresh("z_" + output)
                        : definitions.TryGetValue(value.Id, out var definition)
                            ? TemporaryName(definition, variables, allocator)
                            : allocator.Fresh(value.NameHint);
        }

        Value_ = allocator.Fresh("value");
        var phis = new HashSet<int>(IrWalker.Phis(method.Body).Select(p => p.Target));
        for (var i = 0; i < method.Components.Count; i++)
        {
            if (!method.Components[i].Value.IsLiteral && phis.Contains(method.Components[i].Value.ValueId))
            {
                valueCopies[i] = allocator.Fresh("value_" + method.Components[i].Accessor(i));
            }
        }

        foreach (var id in program.ActiveValues.Where(id => !adjoints.ContainsKey(id)))
        {
            adjoints[id] = AdjointStorage.IsSeeded(id, method) ? Seed : allocator.Fresh("d" + values[id]);
        }
    }

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
        if (!method.IsTuple && !method.Result.IsLiteral)
        {
            hints[method.Result.ValueId] = "result";
        }

        for (var i = 0; i < method.Components.Count; i++)
        {
            var component = method.Components[i];
            if (!component.Value.IsLiteral && !hints.ContainsKey(component.Value.ValueId))
            {
                hints[component.Value.ValueId] = component.Name is null ? "result" + (i + 1) : "result_" + component.Name;
            }
        }

        return hints;
    }

    public string Value(int id) => NameAllocator.Escape(values[id]);

    public string Adjoint(int id) => NameAllocator.Escape(adjoints[id]);

    public bool HasAdjoint(int id) => adjoints.ContainsKey(id);

    private static readonly HashSet<string> Activations = new()
    {
        "VectorTanh", "VectorSigmoid", "VectorRelu", "VectorLeakyRelu", "VectorHardTanh", "Softmax", "LogSoftmax",
        "Tanh", "Sigmoid", "Relu", "LeakyRelu", "HardTanh",
        "MatrixTanh", "MatrixSigmoid", "MatrixRelu", "MatrixLeakyRelu", "MatrixHardTanh", "MatrixSoftmax", "MatrixLogSoftmax",
    };

    /// <summary>
    /// Temporaries that only feed an activation whose result is a user variable: the lecture's pre-activation
    /// z of a = f(z), named <c>z_a</c> so that its adjoint <c>dz_a</c> is the lecture's δ.
    /// </summary>
    private static Dictionary<int, string> ActivationInputs(List<IrStatement> statements, IrMethod method)
    {
        var uses = new Dictionary<int, int>();
        foreach (var argument in statements.SelectMany(s => s.Arguments).Where(a => !a.IsLiteral))
        {
            uses[argument.ValueId] = uses.TryGetValue(argument.ValueId, out var n) ? n + 1 : 1;
        }

        foreach (var phi in IrWalker.Phis(method.Body))
        {
            foreach (var operand in new[] { phi.First, phi.Second }.Where(o => !o.IsLiteral))
            {
                uses[operand.ValueId] = uses.TryGetValue(operand.ValueId, out var n) ? n + 1 : 1;
            }
        }

        var inputs = new Dictionary<int, string>();
        foreach (var statement in statements.Where(s => Activations.Contains(s.Operation) && method.Values[s.Target].IsVariable))
        {
            var input = statement.Arguments[0];
            if (!input.IsLiteral && !method.Values[input.ValueId].IsVariable && uses[input.ValueId] == 1)
            {
                inputs[input.ValueId] = method.Values[statement.Target].NameHint;
            }
        }

        return inputs;
    }

    /// <summary>
    /// Products of short names read best as the juxtaposition the lecture writes (<c>Wx</c> for W·x);
    /// other temporaries are numbered.
    /// </summary>
    private string TemporaryName(IrStatement definition, HashSet<int> variables, NameAllocator allocator)
    {
        if (ElementOperations.Contains(definition.Operation)
            && definition.Arguments.Count == 2
            && !definition.Arguments[0].IsLiteral && variables.Contains(definition.Arguments[0].ValueId)
            && (definition.Arguments[1].IsLiteral ? char.IsDigit(definition.Arguments[1].Literal![0]) : variables.Contains(definition.Arguments[1].ValueId)))
        {
            // xs[t] reads as xs_t, tokens[0] as tokens_0.
            var index = definition.Arguments[1].IsLiteral ? definition.Arguments[1].Literal! : values[definition.Arguments[1].ValueId];
            return allocator.Fresh(values[definition.Arguments[0].ValueId] + "_" + index);
        }

        if (ProductOperations.Contains(definition.Operation)
            && definition.Arguments.All(a => !a.IsLiteral && variables.Contains(a.ValueId)))
        {
            // W·x reads as Wx; H·hPrev as H_hPrev (juxtaposition only works for one-letter names).
            var parts = definition.Arguments.Select(a => values[a.ValueId]).ToList();
            var joined = parts.All(p => p.Length == 1) ? string.Concat(parts) : string.Join("_", parts);
            if (joined.Length <= 20 && (char.IsLetter(joined[0]) || joined[0] == '_'))
            {
                return allocator.Fresh(joined);
            }
        }

        return allocator.Numbered("tmp");
    }
}
