using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// The catalogue of operations, each declared once with everything about it: what user code resolves to
/// (signatures) → operation id → how generated code computes the value (its forward form, a typed expression
/// over the arguments a, b, c, usually a workspace kernel) → its derivative,
/// a rule in matrix-calculus form (y is the result, dy its adjoint, a, b, … the arguments in order) → flags
/// that naming reads. Adding an operation is one entry in a family file (Operations.Scalars.cs, …), its runtime
/// kernels and their tests; OperationCatalogueTests and KernelCatalogueTests check the entry against the rest.
/// Accumulation (<c>+=</c> for scalars, in-place kernels for buffers) is the emitter's job, so a rule only says
/// what is added.
/// </summary>
internal static partial class Operations
{
    private const ValueKind S = ValueKind.Scalar;
    private const ValueKind V = ValueKind.Vector;
    private const ValueKind M = ValueKind.Matrix;
    private const ValueKind I = ValueKind.Int;
    private const ValueKind B = ValueKind.Bool;

    // The placeholders of a rule: the arguments, the result, its adjoint and the adjoint of the first argument.
    // Declared before All, which reads them while the family lists are built.
    private static readonly Expression a = new Argument(0);
    private static readonly Expression b = new Argument(1);
    private static readonly Expression c = new Argument(2);
    private static readonly Expression y = new Result();
    private static readonly Expression dy = new ResultAdjoint();
    private static readonly Expression da = new ArgumentAdjoint(0);

    // Every argument of a variadic operation, in a forward form.
    private static readonly Expression args = new AllArguments();

    public static IReadOnlyList<OperationDefinition> All { get; } =
        Scalars().Concat(Reductions()).Concat(Vectors()).Concat(Matrices()).Concat(Minibatches()).Concat(Indices()).Concat(BuiltValues()).ToList();

    /// <summary>An operation: its id, result kind, forward form and signatures; <c>.Rule(…)</c> and <c>.Is(…)</c> add the rest.</summary>
    private static OperationDefinition Op(OperationId id, ValueKind resultKind, Expression forward, params string[] signatures) =>
        new(id, resultKind, forward, signatures);

    /// <summary>A forward form that calls a workspace kernel: <c>ws.K(arguments)</c>.</summary>
    private static Expression W(ForwardKernel kernel, params Expression[] arguments) => new ForwardKernelCall(kernel, arguments.ToEquatableArray());

    /// <summary>A term of a rule: <c>d[argument] += addend</c> (-1: every argument of a variadic operation).</summary>
    private static AdjointTerm D(int argument, Expression addend) => new(argument, addend);

    private static readonly Dictionary<OperationId, OperationDefinition> byId = All.ToDictionary(o => o.Id);

    private static readonly Dictionary<string, OperationDefinition> bySignature =
        All.SelectMany(o => o.Signatures.Select(s => (s, o))).ToDictionary(p => p.s, p => p.o);

    public static OperationDefinition ById(OperationId id) => byId[id];

    public static OperationDefinition? TryById(OperationId id) => byId.TryGetValue(id, out var operation) ? operation : null;

    /// <summary>The derivative of an operation, or null for operations that never carry gradients (ints, bools).</summary>
    public static AdjointRule? RuleOf(OperationId id) => TryById(id)?.Derivative;

    /// <summary>
    /// Writes of an element of an array built in the method (<c>hs[t] = h</c>): a statement of their own in
    /// generated code, and in reverse the element's gradient goes to the stored value and starts over.
    /// </summary>
    public static bool IsStore(OperationId id) => TryById(id) is { } operation && operation.Has(OperationFlags.Store);

    /// <summary>The operation a resolved call maps to, or null when it has no derivative rule.</summary>
    public static OperationDefinition? Find(string owner, string member, IReadOnlyList<ValueKind> argumentKinds)
    {
        var kinds = string.Join(",", argumentKinds);
        if (bySignature.TryGetValue($"{owner}.{member}({kinds})", out var exact))
        {
            return exact;
        }

        if (argumentKinds.Count > 0 && argumentKinds.All(k => k == argumentKinds[0])
            && bySignature.TryGetValue($"{owner}.{member}({argumentKinds[0]}...)", out var variadic))
        {
            return variadic;
        }

        return null;
    }

    /// <summary>The user-facing list of what an owner supports, for diagnostics.</summary>
    public static string DescribeSupported(string owner)
    {
        var members = All.SelectMany(o => o.Signatures)
            .Where(s => s.StartsWith(owner + ".", System.StringComparison.Ordinal))
            .Select(s => Describe(s.Substring(owner.Length + 1)))
            .Distinct()
            .OrderBy(s => s, System.StringComparer.Ordinal);
        return string.Join(", ", members);
    }

    private static string Describe(string signature)
    {
        var open = signature.IndexOf('(');
        var member = signature.Substring(0, open);
        return member switch
        {
            "op_Addition" => "+",
            "op_Subtraction" => "-",
            "op_Multiply" => "*",
            "op_Division" => "/",
            "op_UnaryNegation" => "unary -",
            "op_UnaryPlus" => "unary +",
            "get_Item" => "indexer",
            _ => member,
        };
    }
}
