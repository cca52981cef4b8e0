using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;
using NlpSymbolic.Generator.Planning;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes the generated file of one [Differentiable] method <c>Name</c>:
/// <list type="bullet">
/// <item><c>NameBackward</c>, the public contract: the forward sweep (one operation per line, grouped under
/// the user's statement), then the adjoint statements in reverse order under the same comments;</item>
/// <item><c>NameForward</c> and <c>NamePullback</c>, hidden, which other [Differentiable] methods call
/// when they call <c>Name</c>: the value into the caller's workspace, and the gradient without a
/// returned copy.</item>
/// </list>
/// </summary>
internal static class BackwardEmitter
{
    internal const string Hidden =
        "[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]";

    public static string Emit(EmissionPlan plan)
    {
        var context = new EmissionContext(plan);
        var spec = context.Spec;
        var writer = context.Writer;
        if (spec.Namespace is not null)
        {
            writer.Open("namespace " + spec.Namespace);
        }

        foreach (var type in spec.ContainingTypes)
        {
            writer.Open("partial " + type.Keyword + " " + type.NameWithTypeParameters);
        }

        if (spec.Model is not null)
        {
            ModelBackwardWriter.Write(context);
            writer.Line();
        }

        var core = CoreBody(context);
        // The math right after the public method, where a reader who opened the file looks.
        WriteBackward(context, isPullback: false);
        writer.Line();
        WriteCore(context, core);
        writer.Line();
        WriteForward(context);
        writer.Line();
        WriteValue(context);
        writer.Line();
        WriteBackward(context, isPullback: true);

        foreach (var _ in spec.ContainingTypes)
        {
            writer.Close();
        }

        if (spec.Namespace is not null)
        {
            writer.Close();
        }

        return GeneratedFile.Text(context.Names.Types, writer);
    }

    private static string[] ForwardParameters(AdjointProgram program, EmittedNames names) =>
        program.Method.Parameters.Select(p => names.Types.Of(p.Kind) + " " + names.Value(p.ValueId)).ToArray();

    private static IEnumerable<string> GradientParameters(IrMethod method, EmittedNames names) =>
        new[] { ResultTypes.Seed(method, names.Types) + " " + NameAllocator.Escape(names.Seed) }
            .Concat(method.Parameters.Where(p => p.IsDifferentiable).Select(p => GradientType(p, names) + " " + names.Adjoint(p.ValueId)));

    /// <summary>A gradient buffer may be null (not wanted); a scalar's gradient is a ref, always there.</summary>
    internal static string GradientType(IrParameter parameter, EmittedNames names) =>
        parameter.Kind == ValueKind.Scalar ? "ref double" : names.Types.Of(parameter.Kind) + "?";

    /// <summary>The contract's sentence on null gradient arguments, in every generated gradient method's summary.</summary>
    internal const string NullMeansNotWanted =
        "/// A null gradient buffer means that gradient is not wanted: nothing is written to it and the work only it needs is skipped.";

    /// <summary>
    /// <c>NameBackward</c> (or a model's static <c>NameBackwardCore</c>) and <c>NamePullback</c>: both run
    /// <c>NameForwardAndReverse</c>; Backward first checks the gradient buffers' shapes and returns a copy of the value
    /// the caller owns, Pullback (called by generated code) only adds the gradient.
    /// </summary>
    private static void WriteBackward(EmissionContext context, bool isPullback)
    {
        var (writer, program, names, method) = (context.Writer, context.Program, context.Names, context.Method);
        var usesWorkspace = context.Plan.UsesWorkspace;
        var returnType = ResultTypes.Return(method, names.Types);
        var parameters = ForwardParameters(program, names).Concat(GradientParameters(method, names));

        if (isPullback)
        {
            writer.Line($"/// <summary>The gradient of <c>{method.Name}</c> as <c>{method.Name}Backward</c> computes it (null gradient buffers: not wanted), without returning the value; generated code calls it where another [Differentiable] method calls {method.Name}.</summary>");
            writer.Line(Hidden);
            OpenMethod(writer, $"{Keyword(method.Accessibility)} static void {method.Name}Pullback", parameters);
        }
        else if (program.Spec.Model is not null)
        {
            writer.Line($"/// <summary>The static form of <c>{method.Name}Backward</c>: the model's fields are its leading arguments and their gradients follow the seed.</summary>");
            writer.Line(Hidden);
            OpenMethod(writer, $"private static {returnType} {method.Name}BackwardCore", parameters);
        }
        else
        {
            writer.Line("/// <summary>");
            writer.Line($"/// Reverse-mode gradient of <c>{method.Name}</c>: returns its value and ADDS");
            writer.Line(method.IsTuple
                ? $"/// the gradient of Σₖ ⟨<paramref name=\"{names.Seed}\"/>.k, result.k⟩ into each gradient argument (a null or 0 seed component: no gradient from that output)."
                : $"/// <paramref name=\"{names.Seed}\"/> times the gradient of the result into each gradient argument.");
            writer.Line(NullMeansNotWanted);
            writer.Line("/// </summary>");
            OpenMethod(writer, $"{Keyword(method.Accessibility)} static {returnType} {method.Name}Backward", parameters);
        }

        var body = new SourceWriter();
        if (!isPullback)
        {
            foreach (var parameter in method.Parameters.Where(p => p.IsDifferentiable && p.Kind != ValueKind.Scalar))
            {
                var value = names.Value(parameter.ValueId);
                var gradient = names.Adjoint(parameter.ValueId);
                body.Line($"{names.Workspace}.CheckGradient({gradient}, {value}, \"{gradient.TrimStart('@')}\", \"{value.TrimStart('@')}\");");
            }
        }

        var arguments = (usesWorkspace ? new[] { names.Workspace } : new string[0])
            .Concat(method.Parameters.Select(p => names.Value(p.ValueId)))
            .Concat(new[] { NameAllocator.Escape(names.Seed) })
            .Concat(method.Parameters.Where(p => p.IsDifferentiable).Select(p => (p.Kind == ValueKind.Scalar ? "ref " : string.Empty) + names.Adjoint(p.ValueId)));
        var call = $"{method.Name}ForwardAndReverse({string.Join(", ", arguments)})";
        if (isPullback)
        {
            body.Line(call + ";");
        }
        else
        {
            ReturnCopy(body, method, names, call);
        }

        WriteWithWorkspace(writer, body, names, enter: usesWorkspace || !isPullback && context.Plan.ChecksGradientShapes);
        writer.Close();
    }

    /// <summary>
    /// <c>NameForwardAndReverse</c>, the one body behind Backward and Pullback: the forward sweep (one operation per
    /// line, grouped under the user's statement), then the adjoint statements in reverse order under the same
    /// comments. It returns the value in the workspace's buffers.
    /// </summary>
    private static void WriteCore(EmissionContext context, SourceWriter body)
    {
        var (writer, program, names, method) = (context.Writer, context.Program, context.Names, context.Method);
        var usesWorkspace = context.Plan.UsesWorkspace;
        var parameters = (usesWorkspace ? new[] { names.Types.Workspace + " " + names.Workspace } : new string[0])
            .Concat(ForwardParameters(program, names))
            .Concat(GradientParameters(method, names));
        writer.Line($"/// <summary>The forward and reverse sweeps of <c>{method.Name}</c>, shared by <c>{method.Name}Backward</c> and <c>{method.Name}Pullback</c>: adds the gradient and returns the value{(usesWorkspace ? $" in <paramref name=\"{names.Workspace}\"/>'s buffers" : string.Empty)}.</summary>");
        OpenMethod(writer, $"private static {ResultTypes.Return(method, names.Types)} {method.Name}ForwardAndReverse", parameters);
        writer.Append(body);
        writer.Close();
    }

    private static SourceWriter CoreBody(EmissionContext context)
    {
        var (program, names, method) = (context.Program, context.Names, context.Method);
        var body = new SourceWriter();
        names.StartMethod();
        new ForwardSweepWriter(method, names, context.Tape, context.Plan.InlinedWithTape, body).Write();
        var returned = new List<string>();
        var phis = new HashSet<int>(IrWalker.Phis(method.Body).Select(p => p.Target));
        var results = method.ResultValues().ToList();
        for (var i = 0; i < results.Count; i++)
        {
            var value = Spell(results[i], names);
            if (!results[i].IsConstant && phis.Contains(results[i].ValueId))
            {
                // Loop phis are mutable locals that the reverse sweep reloads; keep the value to return.
                var copy = method.IsTuple ? names.ComponentCopy(i)! : names.ValueCopy;
                body.Line($"var {copy} = {value};");
                value = copy;
            }

            returned.Add(value);
        }

        body.Line();
        body.Line("// Reverse sweep: adjoints in reverse order of the statements above.");
        new ReverseSweepWriter(program, names, context.Tape, body).Write();
        body.Line();
        body.Line($"return {(method.IsTuple ? "(" + string.Join(", ", returned) + ")" : returned[0])};");
        return body;
    }

    /// <summary>
    /// <c>NameValue</c>: the value alone, on the same allocation-free kernels as the gradient (MathNet's operators in
    /// the user's method allocate every intermediate): what evaluation and inference call. A model method's is an
    /// instance method like the user's.
    /// </summary>
    private static void WriteValue(EmissionContext context)
    {
        var (writer, program, names, method) = (context.Writer, context.Program, context.Names, context.Method);
        var model = program.Spec.Model;
        var fields = model is null ? new List<IrParameter>() : method.Parameters.Take(model.Fields.Count).ToList();
        var own = method.Parameters.Skip(fields.Count).ToList();
        writer.Line($"/// <summary>The value of <c>{method.Name}</c> without its gradient, computed with the same allocation-free kernels as <c>{method.Name}Backward</c>{(method.ReturnKind == ValueKind.Scalar ? string.Empty : "; vector and matrix results are copies the caller owns")}.</summary>");
        OpenMethod(writer, $"{Keyword(method.Accessibility)} {(model is null ? "static " : string.Empty)}{ResultTypes.Return(method, names.Types)} {method.Name}Value",
            own.Select(p => names.Types.Of(p.Kind) + " " + names.Value(p.ValueId)));
        var arguments = new[] { names.Workspace }
            .Concat(fields.Select(f => "this." + NameAllocator.Escape(f.Name)))
            .Concat(own.Select(p => names.Value(p.ValueId)));
        var call = $"{method.Name}Forward({string.Join(", ", arguments)})";
        var body = new SourceWriter();
        ReturnCopy(body, method, names, call);

        WriteWithWorkspace(writer, body, names, enter: true);
        writer.Close();
    }

    /// <summary>
    /// <c>return call;</c> where the value leaves the workspace: its vector and matrix parts live in the workspace's
    /// buffers, so the caller gets copies it owns (each component of a tuple).
    /// </summary>
    private static void ReturnCopy(SourceWriter body, IrMethod method, EmittedNames names, string call)
    {
        if (method.IsTuple)
        {
            body.Line($"var {names.ValueCopy} = {call};");
            var returned = method.Components.Select((c, i) =>
                $"{names.ValueCopy}.Item{i + 1}" + (c.Kind == ValueKind.Scalar || c.Value.IsConstant ? string.Empty : ".Clone()"));
            body.Line($"return ({string.Join(", ", returned)});");
        }
        else
        {
            body.Line($"return {call}{(method.ReturnKind == ValueKind.Scalar || method.Result.IsConstant ? string.Empty : ".Clone()")};");
        }
    }

    private static void WriteForward(EmissionContext context)
    {
        var (writer, program, names, method) = (context.Writer, context.Program, context.Names, context.Method);
        var returnType = ResultTypes.Return(method, names.Types);
        var parameters = new[] { names.Types.Workspace + " " + names.Workspace }.Concat(ForwardParameters(program, names));
        writer.Line($"/// <summary>The value of <c>{method.Name}</c>, computed in <paramref name=\"{names.Workspace}\"/>'s buffers (valid until its Exit); generated code calls it where another [Differentiable] method calls {method.Name}.</summary>");
        writer.Line(Hidden);
        OpenMethod(writer, $"{Keyword(method.Accessibility)} static {returnType} {method.Name}Forward", parameters);
        names.StartMethod();
        new ForwardSweepWriter(method, names, null, context.Plan.InlinedWithoutTape, writer).Write();
        var results = method.ResultValues().Select(r => Spell(r, names)).ToList();
        writer.Line($"return {(method.IsTuple ? "(" + string.Join(", ", results) + ")" : results[0])};");
        writer.Close();
    }

    internal static string Keyword(MethodAccessibility accessibility) => accessibility switch
    {
        MethodAccessibility.Public => "public",
        MethodAccessibility.Internal => "internal",
        MethodAccessibility.Protected => "protected",
        MethodAccessibility.ProtectedInternal => "protected internal",
        MethodAccessibility.PrivateProtected => "private protected",
        _ => "private",
    };

    /// <summary>A returned operand: its value's name, or the constant.</summary>
    private static string Spell(IrOperand operand, EmittedNames names) =>
        operand.Constant is { } constant ? ExpressionRenderer.Spell(constant) : names.Value(operand.ValueId);

    /// <summary>A signature with one parameter per line: the lines of a gradient signature are long.</summary>
    internal static void OpenMethod(SourceWriter writer, string head, System.Collections.Generic.IEnumerable<string> parameters)
    {
        var list = parameters.ToList();
        if (list.Count <= 2)
        {
            writer.Open($"{head}({string.Join(", ", list)})");
            return;
        }

        writer.Line(head + "(");
        for (var i = 0; i < list.Count; i++)
        {
            writer.Line("    " + list[i] + (i == list.Count - 1 ? ")" : ","));
        }

        writer.Line("{");
        writer.Indent();
    }

    /// <summary>Wraps the body in Enter/try/finally Exit when it uses the workspace at all.</summary>
    private static void WriteWithWorkspace(SourceWriter writer, SourceWriter body, EmittedNames names, bool enter)
    {
        var ws = names.Workspace;
        if (!enter)
        {
            writer.Append(body);
            return;
        }

        writer.Line($"var {ws} = {names.Types.Workspace}.Enter();");
        writer.Open("try");
        writer.Append(body);
        writer.Close();
        writer.Open("finally");
        writer.Line($"{ws}.Exit();");
        writer.Close();
    }
}
