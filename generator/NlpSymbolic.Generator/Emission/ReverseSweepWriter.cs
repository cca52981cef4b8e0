using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes the reverse sweep. Accumulation is decided here: scalars use <c>+=</c>, buffers the in-place
/// <c>ws.Accumulate*</c> kernels. An adjoint is declared where its value's block is reversed: from its
/// first contribution when that comes first (no zeroing; a lone <c>dv += dy</c> makes dv another name for
/// dy), or zeroed before a branch or loop that adds to it from inside.
/// </summary>
internal sealed class ReverseSweepWriter
{
    private static readonly Regex Token = new(@"\{(v|d):(\d+)\}|\{ws\}|\{seed\}|\{seed:(\d+)\}", RegexOptions.Compiled);

    private readonly AdjointProgram program;
    private readonly IrMethod method;
    private readonly EmittedNames names;
    private readonly TapePlan tape;
    private readonly SourceWriter writer;
    /// <summary>
    /// The kernel that starts an adjoint from its first contribution (a new buffer), for each accumulating
    /// kernel that has one; the others zero the adjoint first.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> StartingKernels = new Dictionary<string, string>
    {
        ["Scale"] = "Scale",
        ["Outer"] = "Outer",
        ["Multiply"] = "Multiply",
        ["TransposeThisAndMultiply"] = "TransposeThisAndMultiply",
        ["TransposeAndMultiply"] = "TransposeAndMultiply",
        ["Transpose"] = "Transpose",
        ["PointwiseMultiply"] = "PointwiseMultiply",
        ["PointwiseDivide"] = "PointwiseDivide",
        ["TanhGradient"] = "TanhGradient",
        ["SigmoidGradient"] = "SigmoidGradient",
        ["ReluGradient"] = "ReluGradient",
        ["LeakyReluGradient"] = "LeakyReluGradient",
        ["HardTanhGradient"] = "HardTanhGradient",
        ["SoftmaxGradient"] = "SoftmaxGradient",
        ["LogSoftmaxGradient"] = "LogSoftmaxGradient",
        ["LogSumExpGradient"] = "LogSumExpGradient",
        ["CrossEntropyGradient"] = "CrossEntropyGradient",
        ["DivisorGradient"] = "DivisorGradient",
        ["Column"] = "Column",
        ["Row"] = "Row",
        ["RowSums"] = "RowSums",
        ["RowSumsGradient"] = "RowSumsGradient",
        ["ColumnSumsGradient"] = "ColumnSumsGradient",
    };

    private static readonly Regex SingleAdjoint = new(@"^\{d:(\d+)\}$", RegexOptions.Compiled);

    private readonly Dictionary<int, int> contributions = new();
    private readonly HashSet<int> declared = new();
    private readonly Dictionary<int, int> sameAs = new();

    /// <summary>The adjoint whose storage (scalar local or buffer) an adjoint took or shares.</summary>
    private readonly Dictionary<int, int> storage = new();

    /// <summary>Storage held by more than one live adjoint: nobody may add into it in place.</summary>
    private readonly HashSet<int> shared = new();
    private readonly HashSet<int> loopPhis;

    private readonly bool checkSeed;

    /// <summary>Forward values this reverse sweep reads (pops excluded): what the tape must really carry.</summary>
    public HashSet<int> UsedValues { get; } = new();

    private string Value(int id)
    {
        UsedValues.Add(id);
        return names.Value(id);
    }

    public ReverseSweepWriter(AdjointProgram program, EmittedNames names, TapePlan tape, SourceWriter writer, bool checkSeed = true)
    {
        this.checkSeed = checkSeed;
        this.program = program;
        method = program.Method;
        this.names = names;
        this.tape = tape;
        this.writer = writer;
        loopPhis = new HashSet<int>(IrWalker.LoopPhis(method.Body));
        CountContributions(program.Body);
    }

    public void Write()
    {
        declared.UnionWith(method.Parameters.Where(p => p.IsDifferentiable).Select(p => p.ValueId));
        if (method.IsTuple && checkSeed)
        {
            // Each non-null seed component must have its output's shape, known only now.
            for (var i = 0; i < method.Components.Count; i++)
            {
                var component = method.Components[i];
                if (component.Kind != ValueKind.Scalar && !component.Value.IsLiteral)
                {
                    var seed = ResultTypes.Component(method, NameAllocator.Escape(names.Seed), i);
                    var accessor = component.Accessor(i);
                    writer.Line($"{names.Workspace}.CheckOptionalGradient({seed}, {Value(component.Value.ValueId)}, \"{names.Seed}.{accessor}\", \"the result's {accessor}\");");
                }
            }
        }

        var result = method.Result;
        if (!result.IsLiteral && names.HasAdjoint(result.ValueId) && method.Parameters.All(p => p.ValueId != result.ValueId))
        {
            declared.Add(result.ValueId);
            var seed = NameAllocator.Escape(names.Seed);
            if (method.ReturnKind != ValueKind.Scalar && checkSeed)
            {
                // dResult's shape is the result's, known only now that the forward sweep has computed it.
                writer.Line($"{names.Workspace}.CheckGradient({seed}, {Value(result.ValueId)}, \"{names.Seed}\", \"the result\");");
            }

            if (EmittedNames.IsSeeded(result.ValueId, method) && method.ReturnKind != ValueKind.Scalar)
            {
                // The caller's dResult buffer is read, never written.
                shared.Add(result.ValueId);
            }

            if (!EmittedNames.IsSeeded(result.ValueId, method))
            {
                // A merged result may be added to inside loops; the caller's dResult must stay untouched.
                writer.Line(method.ReturnKind == ValueKind.Scalar
                    ? $"var {Adjoint(result.ValueId)} = {seed};"
                    : $"var {Adjoint(result.ValueId)} = {names.Workspace}.Copy({seed});");
            }
        }

        WriteBlock(program.Body, null, new int[0], -1);
    }

    private void WriteBlock(AdjointBlock block, IrBlock? forward, IReadOnlyList<int> loopPhis, int enclosingSource)
    {
        var scope = new List<int>();
        if (forward is not null)
        {
            var phis = new HashSet<int>(loopPhis);
            foreach (var id in tape.Pushed(forward, loopPhis).Reverse())
            {
                var kind = method.Values[id].Kind;
                writer.Line(phis.Contains(id)
                    ? $"{names.Value(id)} = {names.Workspace}.{Pop(kind)}();"
                    : $"var {names.Value(id)} = {names.Workspace}.{Pop(kind)}();");
            }
        }

        var lastSource = enclosingSource;
        if (loopPhis.Count > 0 && block.Nodes.Count > 0 && block.Nodes[0] is AdjointStatement { Form: AccumulationForm.Add or AccumulationForm.ScalarExpression or AccumulationForm.Reset } first
            && !ReverseMode.ElementOfAdjoint.IsMatch(first.Body))
        {
            writer.Line("// gradients arriving from the next iteration");
        }

        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case AdjointStatement statement:
                    if (statement.SourceIndex != lastSource && statement.SourceIndex >= 0)
                    {
                        writer.Line("// " + method.SourceTexts[statement.SourceIndex]);
                        lastSource = statement.SourceIndex;
                    }

                    WriteStatement(statement, scope);
                    break;

                case AdjointIf branch:
                    if (branch.Forward.SourceIndex != lastSource)
                    {
                        writer.Line("// " + method.SourceTexts[branch.Forward.SourceIndex]);
                        lastSource = branch.Forward.SourceIndex;
                    }

                    Predeclare(node, scope);
                    writer.Open($"if ({Operand(branch.Forward.Condition)})");
                    // Adjoints sharing storage inside a branch are the branch's own values, dead once it is
                    // reversed; the other branch runs instead of it, not after it.
                    var sharedBefore = new HashSet<int>(shared);
                    WriteBlock(branch.Then, branch.Forward.Then, new int[0], branch.Forward.SourceIndex);
                    shared.IntersectWith(sharedBefore);
                    writer.Close();
                    if (branch.Else.Nodes.Count > 0 || tape.Pushed(branch.Forward.Else, new int[0]).Count > 0)
                    {
                        writer.Open("else");
                        WriteBlock(branch.Else, branch.Forward.Else, new int[0], branch.Forward.SourceIndex);
                        shared.IntersectWith(sharedBefore);
                        writer.Close();
                    }

                    break;

                case AdjointLoop loop:
                    writer.Line("// " + method.SourceTexts[loop.Forward.SourceIndex] + "  (iterations in reverse)");
                    lastSource = loop.Forward.SourceIndex;
                    Predeclare(node, scope);
                    writer.Open($"while ({Value(loop.Forward.Count)}-- > 0)");
                    var sharedOutside = new HashSet<int>(shared);
                    WriteBlock(loop.Body, loop.Forward.Body, loop.Forward.Carried.Select(p => p.Target).ToList(), loop.Forward.SourceIndex);
                    shared.IntersectWith(sharedOutside);
                    writer.Close();
                    break;
            }
        }

        foreach (var id in scope)
        {
            declared.Remove(id);
        }
    }

    private void WriteStatement(AdjointStatement statement, List<int> scope)
    {
        var ws = names.Workspace;
        if (statement.Form == AccumulationForm.Reset)
        {
            writer.Line(method.Values[statement.Destination].Kind == ValueKind.Scalar
                ? $"{Adjoint(statement.Destination)} = 0.0;"
                : $"{Adjoint(statement.Destination)} = {ws}.ZerosLike({Value(statement.Destination)});");
            return;
        }

        if (statement.Form == AccumulationForm.ClearElement)
        {
            // The reverse of a write: the overwritten element's gradient starts over.
            DeclareReferenced(statement, scope);
            writer.Line(method.Values[statement.Destination].Kind == ValueKind.ScalarArray
                ? $"{Adjoint(statement.Destination)}[{Render(statement.Body)}] = 0.0;"
                : $"{Adjoint(statement.Destination)}[{Render(statement.Body)}].Clear();");
            return;
        }

        var body = Render(statement.Body);
        if (statement.Form != AccumulationForm.Pullback && statement.Guard is null && Declare(statement.Destination, scope))
        {
            DeclareReferenced(statement, scope);
            var source = SingleAdjoint.Match(statement.Body);
            if (statement.Form is AccumulationForm.Add or AccumulationForm.ScalarExpression && source.Success && MayRename(statement, int.Parse(source.Groups[1].Value)))
            {
                // `var dWx = dz;` would only give the lecture's δ a second name: use dz itself from here on.
                var from = int.Parse(source.Groups[1].Value);
                sameAs[statement.Destination] = Resolve(from);
                Share(statement.Destination, from, transfer: contributions[statement.Destination] > 1);
                return;
            }

            var initial = Initialiser(statement, body);
            if (initial is not null)
            {
                writer.Line($"var {Adjoint(statement.Destination)} = {initial};");
                return;
            }

            Undeclare(statement.Destination, scope);
        }

        DeclareReferenced(statement, scope);
        var destination = statement.Destination >= 0 ? Adjoint(statement.Destination) : string.Empty;
        var code = statement.Form switch
        {
            AccumulationForm.ScalarExpression => $"{destination} += {body};",
            AccumulationForm.Add => $"{ws}.Accumulate({destination}, {body});",
            AccumulationForm.Subtract => $"{ws}.AccumulateNegate({destination}, {body});",
            AccumulationForm.Pullback => $"{statement.Kernel}({body});",
            _ => $"{ws}.Accumulate{statement.Kernel}({destination}, {body});",
        };
        writer.Line(statement.Guard is null ? code : $"if ({Render(statement.Guard)}) {code}");
    }

    /// <summary>The expression an adjoint can start from instead of zero, or null if it must be zeroed first.</summary>
    private string? Initialiser(AdjointStatement statement, string body)
    {
        switch (statement.Form)
        {
            case AccumulationForm.ScalarExpression:
                return body;
            case AccumulationForm.Add when ReverseMode.ElementOfAdjoint.IsMatch(statement.Body):
                // dh from dA[i]: a copy, since dA[i] is zeroed right after (and later reads add into it again).
                return $"{names.Workspace}.Copy({body})";
            case AccumulationForm.Add when contributions[statement.Destination] == 1 || statement.TakesOver:
            {
                var source = SingleAdjoint.Match(statement.Body);
                var from = source.Success ? int.Parse(source.Groups[1].Value) : -1;
                var readOnly = contributions[statement.Destination] == 1;
                if (from < 0 || readOnly || Exclusive(from))
                {
                    // `var dh_2 = dh_1;` adopts the buffer: nothing writes through it again (read only), or the
                    // hand-off's source is dead from here and no other adjoint holds the buffer (transfer).
                    if (from >= 0)
                    {
                        Share(statement.Destination, from, transfer: !readOnly);
                    }

                    return body;
                }

                // The buffer is also another live adjoint's (two merged values were both handed the result's
                // adjoint): the destination, which is added to later, needs its own.
                var kind = method.Values[statement.Destination].Kind;
                return kind is ValueKind.Vector or ValueKind.Matrix ? $"{names.Workspace}.Copy({body})" : null;
            }

            case AccumulationForm.Subtract:
                return $"{names.Workspace}.Negate({body})";
            case AccumulationForm.Kernel when StartingKernels.TryGetValue(statement.Kernel, out var start):
                return $"{names.Workspace}.{start}({body})";
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

    private string Adjoint(int id) => names.Adjoint(Resolve(id));

    /// <summary>Zero-declares the adjoints a branch or loop adds to from inside but whose values live outside it.</summary>
    private void Predeclare(AdjointNode node, List<int> scope)
    {
        var inside = new HashSet<int>(node switch
        {
            AdjointIf branch => IrWalker.ValuesInside(branch.Forward),
            AdjointLoop loop => IrWalker.ValuesInside(loop.Forward),
            _ => Enumerable.Empty<int>(),
        });
        foreach (var id in Touched(node).Distinct().Where(id => !inside.Contains(id)).OrderBy(id => id))
        {
            if (Declare(id, scope))
            {
                WriteZero(id);
            }
        }
    }

    private IEnumerable<int> Touched(AdjointNode node)
    {
        switch (node)
        {
            case AdjointStatement statement:
                if (statement.Destination >= 0)
                {
                    yield return statement.Destination;
                }

                foreach (var id in TapePlan.Tokens(statement.Body + " " + statement.Guard, "d"))
                {
                    yield return id;
                }

                break;
            case AdjointIf branch:
                foreach (var inner in branch.Then.Nodes.Concat(branch.Else.Nodes))
                {
                    foreach (var id in Touched(inner))
                    {
                        yield return id;
                    }
                }

                break;
            case AdjointLoop loop:
                foreach (var inner in loop.Body.Nodes)
                {
                    foreach (var id in Touched(inner))
                    {
                        yield return id;
                    }
                }

                break;
        }
    }

    private void DeclareReferenced(AdjointStatement statement, List<int> scope)
    {
        foreach (var id in Touched(statement))
        {
            if (Declare(id, scope))
            {
                WriteZero(id);
            }
        }
    }

    private void WriteZero(int id) =>
        writer.Line(method.Values[id].Kind == ValueKind.Scalar
            ? $"var {Adjoint(id)} = 0.0;"
            : $"var {Adjoint(id)} = {names.Workspace}.ZerosLike({Value(id)});");

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

    private void CountContributions(AdjointBlock block)
    {
        foreach (var node in block.Nodes)
        {
            switch (node)
            {
                case AdjointStatement { Form: AccumulationForm.Pullback } pullback:
                    foreach (var id in pullback.Writes)
                    {
                        contributions[id] = contributions.TryGetValue(id, out var n) ? n + 1 : 1;
                    }

                    break;
                case AdjointStatement { Form: not AccumulationForm.Reset } statement:
                    contributions[statement.Destination] = contributions.TryGetValue(statement.Destination, out var c) ? c + 1 : 1;
                    break;
                case AdjointIf branch:
                    CountContributions(branch.Then);
                    CountContributions(branch.Else);
                    break;
                case AdjointLoop loop:
                    CountContributions(loop.Body);
                    break;
            }
        }
    }

    private static string Pop(ValueKind kind) => kind switch
    {
        ValueKind.Scalar => "PopScalar",
        ValueKind.Vector => "PopVector",
        ValueKind.Matrix => "PopMatrix",
        ValueKind.ScalarArray => "PopScalarArray",
        ValueKind.VectorArray => "PopVectorArray",
        ValueKind.Int => "PopInt",
        ValueKind.IntArray => "PopIntArray",
        _ => "PopBool",
    };

    private string Operand(IrOperand operand) => operand.IsLiteral ? operand.Literal! : Value(operand.ValueId);

    private string Render(string template) =>
        Token.Replace(template, m => m.Value switch
        {
            "{ws}" => names.Workspace,
            "{seed}" => NameAllocator.Escape(names.Seed),
            _ when m.Groups[3].Success => ResultTypes.Component(method, NameAllocator.Escape(names.Seed), int.Parse(m.Groups[3].Value)),
            _ => m.Groups[1].Value == "v"
                ? Value(int.Parse(m.Groups[2].Value))
                : Adjoint(int.Parse(m.Groups[2].Value)),
        });
}
