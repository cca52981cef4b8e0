using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// A model method's public wrappers: <c>NameBackward</c> into the model's <c>Gradients</c>, and into a
/// <c>ParameterSet</c>, both passing the fields to the static <c>NameBackwardCore</c>.
/// </summary>
internal static class ModelBackwardWriter
{
    /// <summary>
    /// A model method's public <c>NameBackward</c>: an instance method that passes the fields and their
    /// buffers in <c>Gradients</c> to the static core.
    /// </summary>
    public static void Write(EmissionContext context)
    {
        var (writer, names, method) = (context.Writer, context.Names, context.Method);
        var model = context.Spec.Model!;
        var returnType = ResultTypes.Return(method, names.Types);
        var fields = method.Parameters.Take(model.Fields.Count).ToList();
        var own = method.Parameters.Skip(model.Fields.Count).ToList();
        var gradients = NameAllocator.Escape(names.GradientsArgument!);

        writer.Line("/// <summary>");
        writer.Line($"/// Reverse-mode gradient of <c>{method.Name}</c>: returns its value and ADDS");
        writer.Line(method.IsTuple
            ? $"/// the gradient of Σₖ ⟨<paramref name=\"{names.Seed}\"/>.k, result.k⟩ (a null or 0 seed component: none) into <paramref name=\"{names.GradientsArgument}\"/>"
            : $"/// <paramref name=\"{names.Seed}\"/> times the gradient of the result into <paramref name=\"{names.GradientsArgument}\"/>");
        writer.Line("/// (one buffer per parameter field of the model) and into each gradient argument.");
        writer.Line(BackwardEmitter.NullMeansNotWanted);
        writer.Line("/// </summary>");
        BackwardEmitter.OpenMethod(writer, $"{BackwardEmitter.Keyword(method.Accessibility)} {returnType} {method.Name}Backward", WrapperParameters(own, names, ResultTypes.Seed(method, names.Types), "Gradients " + gradients));
        WriteCoreCall(writer, method, names, fields, own, f =>
            (f.Kind == ValueKind.Scalar ? "ref " : string.Empty) + gradients + "." + NameAllocator.Escape(f.Name));
        writer.Close();
        writer.Line();
        WriteParameterSetBackward(writer, method, names, returnType, fields, own, gradients);
    }

    /// <summary>
    /// The same gradient into a <c>ParameterSet</c> made by <c>CreateParameterSet</c> (or a set of per-thread
    /// buffers made from it with <c>CreateGradientBuffers</c>), which is what the trainer hands each worker. The
    /// set's parameters are matched to the fields by position and checked by reference, so a set of another model
    /// is an exception, not a silent mix-up.
    /// </summary>
    private static void WriteParameterSetBackward(
        SourceWriter writer, IrMethod method, EmittedNames names, string returnType,
        List<IrParameter> fields, List<IrParameter> own, string gradients)
    {
        var inSet = fields.Where(f => f.IsDifferentiable && f.Kind != ValueKind.Scalar).ToList();
        var scalars = fields.Where(f => f.IsDifferentiable && f.Kind == ValueKind.Scalar).ToList();

        writer.Line("/// <summary>");
        writer.Line($"/// Reverse-mode gradient of <c>{method.Name}</c> into the gradient buffers of <paramref name=\"{names.GradientsArgument}\"/>, a set made by");
        writer.Line("/// <c>CreateParameterSet</c> or <c>CreateGradientBuffers</c> of one (what the trainer hands each worker): returns the value and");
        writer.Line((method.IsTuple
                ? $"/// ADDS the gradient of Σₖ ⟨<paramref name=\"{names.Seed}\"/>.k, result.k⟩ (a null or 0 seed component: none)."
                : $"/// ADDS <paramref name=\"{names.Seed}\"/> times the gradient.")
            + (scalars.Count == 0 ? string.Empty : " Scalar fields are not in a set: their gradient is dropped."));
        writer.Line(BackwardEmitter.NullMeansNotWanted);
        writer.Line("/// </summary>");
        writer.Line($"/// <exception cref=\"global::System.ArgumentException\">The set does not hold this model's parameters, in <c>CreateParameterSet</c>'s order.</exception>");
        BackwardEmitter.OpenMethod(writer, $"{BackwardEmitter.Keyword(method.Accessibility)} {returnType} {method.Name}Backward", WrapperParameters(own, names, ResultTypes.Seed(method, names.Types), names.Types.ParameterSet + " " + gradients));
        var checks = inSet.Select((f, k) =>
            $"!global::System.Object.ReferenceEquals({gradients}[{k}].{(f.Kind == ValueKind.Matrix ? "ValueMatrix" : "ValueVector")}, this.{NameAllocator.Escape(f.Name)})").ToList();
        checks.Insert(0, $"{gradients}.Count != {inSet.Count}");
        writer.Line($"if ({gradients} is null");
        for (var i = 0; i < checks.Count; i++)
        {
            writer.Line("    || " + checks[i] + (i == checks.Count - 1 ? ")" : string.Empty));
        }

        writer.Line("{");
        writer.Indent();
        writer.Line($"throw new global::System.ArgumentException(\"The parameter set does not hold this model's parameters ({string.Join(", ", inSet.Select(f => f.Name))}) in CreateParameterSet's order.\", nameof({gradients}));");
        writer.Close();
        foreach (var scalar in scalars)
        {
            writer.Line($"var {names.Adjoint(scalar.ValueId)} = 0.0;");
        }

        WriteCoreCall(writer, method, names, fields, own, f => f.Kind == ValueKind.Scalar
            ? "ref " + names.Adjoint(f.ValueId)
            : $"{gradients}[{inSet.IndexOf(f)}].{(f.Kind == ValueKind.Matrix ? "GradientMatrix" : "GradientVector")}!");
        writer.Close();
    }

    /// <summary>A model wrapper's parameters: the method's own inputs, the seed, the gradient holder, the inputs' gradients.</summary>
    private static IEnumerable<string> WrapperParameters(List<IrParameter> own, EmittedNames names, string seedType, string gradientsParameter) =>
        own.Select(p => names.Types.Of(p.Kind) + " " + names.Value(p.ValueId))
            .Concat(new[] { seedType + " " + NameAllocator.Escape(names.Seed), gradientsParameter })
            .Concat(own.Where(p => p.IsDifferentiable).Select(p => BackwardEmitter.GradientType(p, names) + " " + names.Adjoint(p.ValueId)));

    /// <summary>
    /// <c>return NameBackwardCore(fields…, inputs…, dResult, field gradients…, input gradients…);</c> — the two
    /// wrappers differ only in where a field's gradient buffer comes from (<paramref name="fieldGradient"/>).
    /// </summary>
    private static void WriteCoreCall(
        SourceWriter writer, IrMethod method, EmittedNames names, List<IrParameter> fields, List<IrParameter> own, Func<IrParameter, string> fieldGradient)
    {
        var arguments = fields.Select(f => "this." + NameAllocator.Escape(f.Name))
            .Concat(own.Select(p => names.Value(p.ValueId)))
            .Concat(new[] { NameAllocator.Escape(names.Seed) })
            .Concat(fields.Where(f => f.IsDifferentiable).Select(fieldGradient))
            .Concat(own.Where(p => p.IsDifferentiable).Select(p =>
                (p.Kind == ValueKind.Scalar ? "ref " : string.Empty) + names.Adjoint(p.ValueId)))
            .ToList();
        writer.Line($"return {method.Name}BackwardCore(");
        for (var i = 0; i < arguments.Count; i++)
        {
            writer.Line("    " + arguments[i] + (i == arguments.Count - 1 ? ");" : ","));
        }
    }
}
