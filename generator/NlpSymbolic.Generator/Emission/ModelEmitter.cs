using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Writes the members a model class gets once, however many [Differentiable] instance methods it has: the
/// nested <c>Gradients</c> class (one buffer per parameter field) and <c>CreateParameterSet</c>.
/// </summary>
internal static class ModelEmitter
{
    public static string Emit(ModelTypeSpec model)
    {
        var types = new TypeNames(model.ShadowedAliases);
        var writer = new SourceWriter();
        if (model.Namespace is not null)
        {
            writer.Open("namespace " + model.Namespace);
        }

        foreach (var type in model.ContainingTypes)
        {
            writer.Open("partial " + type.Keyword + " " + type.NameWithTypeParameters);
        }

        var parameters = model.Fields.Where(f => f.IsDifferentiable).ToList();
        WriteGradients(writer, types, model, parameters);
        WriteCreateParameterSet(writer, types, parameters);

        foreach (var _ in model.ContainingTypes)
        {
            writer.Close();
        }

        if (model.Namespace is not null)
        {
            writer.Close();
        }

        return GeneratedFile.Text(types, writer);
    }

    /// <summary>The nested <c>Gradients</c> class: one buffer per parameter field, its constructor and <c>Clear</c>.</summary>
    private static void WriteGradients(SourceWriter writer, TypeNames types, ModelTypeSpec model, List<ModelField> parameters)
    {
        var typeName = NameAllocator.Escape(model.TypeName);

        writer.Line("/// <summary>");
        writer.Line($"/// One gradient buffer per parameter field of <see cref=\"{typeName}\"/> (same name, same type, the shape");
        writer.Line("/// the field had when this object was made), into which the generated <c>…Backward</c> methods ADD.");
        writer.Line("/// Allocate it once and call <see cref=\"Clear\"/> before each step.");
        writer.Line("/// </summary>");
        writer.Open("public sealed class Gradients");
        foreach (var field in parameters)
        {
            var name = NameAllocator.Escape(field.Name);
            writer.Line($"/// <summary>The gradient of <see cref=\"{typeName}.{name}\"/>.</summary>");
            writer.Line(field.Kind == ValueKind.Scalar
                ? $"public double {name};"
                : $"public readonly {types.Of(field.Kind)} {name};");
            writer.Line();
        }

        writer.Line("/// <summary>Zeroed buffers of <paramref name=\"model\"/>'s current shapes.</summary>");
        writer.Open($"public Gradients({typeName} model)");
        foreach (var field in parameters)
        {
            var name = NameAllocator.Escape(field.Name);
            switch (field.Kind)
            {
                case ValueKind.Vector:
                    writer.Line($"this.{name} = {types.Of(field.Kind)}.Build.Dense(model.{name}.Count);");
                    break;
                case ValueKind.Matrix:
                    writer.Line($"this.{name} = {types.Of(field.Kind)}.Build.Dense(model.{name}.RowCount, model.{name}.ColumnCount);");
                    break;
            }
        }

        writer.Close();
        writer.Line();
        writer.Line("/// <summary>Sets every gradient to zero (allocates nothing).</summary>");
        writer.Open("public void Clear()");
        foreach (var field in parameters)
        {
            var name = NameAllocator.Escape(field.Name);
            writer.Line(field.Kind == ValueKind.Scalar ? $"this.{name} = 0.0;" : $"this.{name}.Clear();");
        }

        writer.Close();
        writer.Close();
        writer.Line();
    }

    /// <summary><c>CreateParameterSet</c>: the model's vector and matrix fields as an optimiser's parameters.</summary>
    private static void WriteCreateParameterSet(SourceWriter writer, TypeNames types, List<ModelField> parameters)
    {
        var scalars = parameters.Where(f => f.Kind == ValueKind.Scalar).Select(f => f.Name).ToList();
        writer.Line("/// <summary>");
        writer.Line("/// The model's vector and matrix fields as an optimiser's parameters: one Parameter per field, named as");
        writer.Line("/// the field, whose value is the field itself and whose gradient is <paramref name=\"gradients\"/>' buffer.");
        writer.Line(scalars.Count == 0
            ? "/// Call it again if a field is replaced by another object."
            : $"/// Scalar fields ({string.Join(", ", scalars)}) cannot be Parameters and are left out: update them yourself.");
        writer.Line("/// </summary>");
        writer.Open($"public {types.ParameterSet} CreateParameterSet(Gradients gradients)");
        writer.Line($"var set = new {types.ParameterSet}();");
        foreach (var field in parameters.Where(f => f.Kind != ValueKind.Scalar))
        {
            var name = NameAllocator.Escape(field.Name);
            writer.Line($"set.Add(\"{field.Name}\", this.{name}, gradients.{name});");
        }

        writer.Line("return set;");
        writer.Close();
    }
}
