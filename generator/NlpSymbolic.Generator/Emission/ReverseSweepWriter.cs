using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;
using NlpSymbolic.Generator.Planning;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes the reverse sweep of a planned adjoint program (<see cref="AdjointStorage"/> decided every declaration
/// and name): scalars accumulate with <c>+=</c>, buffers with the in-place <c>ws.Accumulate*</c> kernels, each
/// group under a comment naming the forward statement it comes from.
/// </summary>
internal sealed class ReverseSweepWriter
{
    private readonly AdjointProgram program;
    private readonly IrMethod method;
    private readonly EmittedNames names;
    private readonly Tape tape;
    private readonly SourceWriter writer;
    private readonly ExpressionRenderer expressions;
    private readonly bool checkSeed;

    public ReverseSweepWriter(AdjointProgram program, EmittedNames names, Tape tape, SourceWriter writer, bool checkSeed = true)
    {
        this.program = program;
        method = program.Method;
        this.names = names;
        this.tape = tape;
        this.writer = writer;
        this.checkSeed = checkSeed;
        expressions = new ExpressionRenderer(method, names, names.Value);
    }

    public void Write() => WriteBlock(program.Body, null, new int[0], -1, carriedComment: false);

    private void WriteBlock(AdjointBlock block, IrBlock? forward, IReadOnlyList<int> loopPhis, int enclosingSource, bool carriedComment)
    {
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

        if (carriedComment)
        {
            writer.Line("// gradients arriving from the next iteration");
        }

        var lastSource = enclosingSource;
        WriteNodes(block.Nodes, ref lastSource);
    }

    private void WriteNodes(IEnumerable<AdjointNode> nodes, ref int lastSource)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case AdjointSeedCheck check:
                    WriteSeedCheck(check);
                    continue;
                case AdjointIf branch:
                    if (branch.Forward.SourceIndex != lastSource)
                    {
                        writer.Line("// " + method.SourceTexts[branch.Forward.SourceIndex]);
                        lastSource = branch.Forward.SourceIndex;
                    }

                    WriteZeroed(node);
                    writer.Open($"if ({Operand(branch.Forward.Condition)})");
                    WriteBlock(branch.Then, branch.Forward.Then, new int[0], branch.Forward.SourceIndex, carriedComment: false);
                    writer.Close();
                    if (branch.Else.Nodes.Count > 0 || tape.Pushed(branch.Forward.Else, new int[0]).Count > 0)
                    {
                        writer.Open("else");
                        WriteBlock(branch.Else, branch.Forward.Else, new int[0], branch.Forward.SourceIndex, carriedComment: false);
                        writer.Close();
                    }

                    continue;
                case AdjointLoop loop:
                    writer.Line("// " + method.SourceTexts[loop.Forward.SourceIndex] + "  (iterations in reverse)");
                    lastSource = loop.Forward.SourceIndex;
                    WriteZeroed(node);
                    writer.Open(loop.Counted is { } counted ? CountedHead(counted) : $"while ({names.Value(loop.Forward.Count)}-- > 0)");
                    var loopPhis = loop.Forward.Carried.Select(p => p.Target).Where(id => id != loop.Counted?.Counter).ToList();
                    WriteBlock(loop.Body, loop.Forward.Body, loopPhis, loop.Forward.SourceIndex, loop.StartsWithCarried);
                    writer.Close();
                    continue;
                case AdjointGuarded guarded:
                    WriteGuarded(guarded, ref lastSource);
                    continue;
            }

            var source = SourceOf(node);
            if (source != lastSource && source >= 0)
            {
                writer.Line("// " + method.SourceTexts[source]);
                lastSource = source;
            }

            WriteZeroed(node);
            switch (node)
            {
                case AdjointDeclaration declaration:
                    WriteDeclaration(declaration);
                    break;
                case AdjointSwap swap:
                    var incoming = names.Adjoint(swap.Incoming);
                    var carried = names.Adjoint(swap.Carried);
                    writer.Line($"({incoming}, {carried}) = ({carried}, {incoming});");
                    writer.Line($"{carried} = {names.Workspace}.ZerosLike({names.Value(swap.CarriedValue)}, {carried});");
                    break;
                case AdjointStatement statement:
                    WriteStatement(statement, null);
                    break;
            }
        }
    }

    /// <summary><c>for (var i = last; i &gt;= start; i--)</c>: a counted loop's iterations, counted back down.</summary>
    private string CountedHead(CountedLoop counted)
    {
        var counter = names.Value(counted.Counter);
        var test = new Binary(BinaryOperator.GreaterOrEqual, new ValueOf(counted.Counter), ForwardForms.Operand(counted.Start));
        return $"for (var {counter} = {expressions.Render(counted.Last)}; {expressions.Render(test)}; {counter}--)";
    }

    private static int SourceOf(AdjointNode node) => node switch
    {
        AdjointStatement statement => statement.SourceIndex,
        AdjointDeclaration declaration => declaration.SourceIndex,
        AdjointAlias alias => alias.SourceIndex,
        _ => -1,
    };

    /// <summary>
    /// <c>if (dp is not null) …</c>: work only p's gradient needs, under the comment of the statement it starts with;
    /// one statement stays one line.
    /// </summary>
    private void WriteGuarded(AdjointGuarded guarded, ref int lastSource)
    {
        var source = guarded.Body.Nodes.Select(SourceOf).Where(s => s >= 0).DefaultIfEmpty(-1).First();
        if (source != lastSource && source >= 0)
        {
            writer.Line("// " + method.SourceTexts[source]);
            lastSource = source;
        }

        WriteZeroed(guarded);
        var wanted = new IsNotNull(new AdjointOf(guarded.Parameter));
        var code = guarded.Body.Nodes.Where(n => n is not AdjointAlias).ToList();
        if (code.Count == 1 && code[0] is AdjointStatement only && guarded.Body.Nodes.All(n => SourceOf(n) == source))
        {
            WriteStatement(only, wanted);
            return;
        }

        writer.Open($"if ({expressions.Render(wanted)})");
        WriteNodes(guarded.Body.Nodes, ref lastSource);
        writer.Close();
    }

    private void WriteSeedCheck(AdjointSeedCheck check)
    {
        if (!checkSeed)
        {
            return;
        }

        var seed = NameAllocator.Escape(names.Seed);
        if (check.Component is { } i)
        {
            var accessor = method.Components[i].Accessor(i);
            writer.Line($"{names.Workspace}.CheckOptionalGradient({ResultTypes.Component(method, seed, i)}, {names.Value(check.Value)}, \"{names.Seed}.{accessor}\", \"the result's {accessor}\");");
        }
        else
        {
            // dResult's shape is the result's, known only now that the forward sweep has computed it.
            writer.Line($"{names.Workspace}.CheckGradient({seed}, {names.Value(check.Value)}, \"{names.Seed}\", \"the result\");");
        }
    }

    private void WriteZeroed(AdjointNode node)
    {
        foreach (var zero in node.Zeroed)
        {
            WriteDeclaration(zero);
        }
    }

    private void WriteDeclaration(AdjointDeclaration declaration) =>
        writer.Line($"var {names.Adjoint(declaration.Adjoint)} = {expressions.Render(declaration.Initial)};");

    /// <param name="wanted">The guard of a one-line <see cref="AdjointGuarded"/>, joined to the statement's own.</param>
    private void WriteStatement(AdjointStatement statement, Expression? wanted)
    {
        var ws = names.Workspace;
        var destination = statement.Destination >= 0 ? names.Adjoint(statement.Destination) : string.Empty;
        var code = statement.Form switch
        {
            AccumulationForm.Reset => $"{destination} = {expressions.Render(statement.Addend!)};",
            AccumulationForm.ClearElement => method.Values[statement.Destination].Kind == ValueKind.ScalarArray
                ? $"{destination}[{expressions.Render(statement.Addend!)}] = 0.0;"
                : $"{destination}[{expressions.Render(statement.Addend!)}].Clear();",
            AccumulationForm.ScalarExpression => $"{destination} += {expressions.Render(statement.Addend!)};",
            AccumulationForm.Add => $"{ws}.Accumulate({destination}, {expressions.Render(statement.Addend!)});",
            AccumulationForm.Subtract => $"{ws}.AccumulateNegate({destination}, {expressions.Render(statement.Addend!)});",
            AccumulationForm.Pullback => expressions.Render(statement.Addend!) + ";",
            _ => expressions.Accumulate(destination, (KernelCall)statement.Addend!) + ";",
        };
        var guard = (wanted, statement.Guard) switch
        {
            (null, var own) => own,
            (var test, null) => test,
            (var test, var own) => test & own,
        };
        writer.Line(guard is null ? code : $"if ({expressions.Render(guard)}) {code}");
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

    private string Operand(IrOperand operand) => expressions.Render(operand.Constant is { } constant ? new Constant(constant) : new ValueOf(operand.ValueId));
}
