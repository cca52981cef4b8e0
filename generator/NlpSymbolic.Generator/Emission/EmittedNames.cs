using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
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
        "VectorElement", "ScalarElement", "IntElement", "VectorAt",
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
        foreach (var parameter in method.Parameters.Where(p => p.IsDifferentiable))
        {
            adjoints[parameter.ValueId] = allocator.Fresh("d" + parameter.Name);
        }

        Workspace = allocator.Fresh("ws");

        var definitions = IrWalker.Statements(method.Body).ToDictionary(s => s.Target);
        var variables = new HashSet<int>(method.Values.Where(v => v.IsVariable).Select(v => v.Id));
        foreach (var value in method.Values.Where(v => !values.ContainsKey(v.Id)))
        {
            values[value.Id] = value.IsVariable
                ? allocator.Claim(value.NameHint)
                : definitions.TryGetValue(value.Id, out var definition)
                    ? TemporaryName(definition, variables, allocator)
                    : allocator.Fresh(value.NameHint);
        }

        Value_ = allocator.Fresh("value");

        foreach (var id in program.ActiveValues.Where(id => !adjoints.ContainsKey(id)))
        {
            adjoints[id] = IsSeeded(id, method) ? Seed : allocator.Fresh("d" + values[id]);
        }
    }

    public string Seed { get; }

    public string Workspace { get; }

    /// <summary>Holds the result across the reverse sweep when the reverse sweep reuses the result's local (a loop phi).</summary>
    public string ValueCopy => Value_;

    private string Value_ { get; }

    public string Value(int id) => NameAllocator.Escape(values[id]);

    public string Adjoint(int id) => NameAllocator.Escape(adjoints[id]);

    public bool HasAdjoint(int id) => adjoints.ContainsKey(id);

    /// <summary>
    /// The result, when a statement computes it, takes the seed itself as its adjoint: nothing runs after
    /// it, so nothing adds to it. A result merged by control flow (a phi) gets its own adjoint.
    /// </summary>
    public static bool IsSeeded(int id, IrMethod method) =>
        !method.Result.IsLiteral && method.Result.ValueId == id
        && method.Parameters.All(p => p.ValueId != id)
        && IrWalker.Statements(method.Body).Any(s => s.Target == id);

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
            && definition.Arguments.All(a => !a.IsLiteral && variables.Contains(a.ValueId) && values[a.ValueId].Length <= 3))
        {
            var joined = string.Concat(definition.Arguments.Select(a => values[a.ValueId]));
            if (char.IsLetter(joined[0]) || joined[0] == '_')
            {
                return allocator.Fresh(joined);
            }
        }

        return allocator.Numbered("tmp");
    }
}
