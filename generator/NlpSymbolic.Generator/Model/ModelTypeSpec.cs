namespace NlpSymbolic.Generator.Model;

/// <summary>
/// One instance field of a model class that [Differentiable] instance methods read as an input. Generated code
/// passes it to the static core as a leading argument, named as the field.
/// </summary>
/// <param name="IsDifferentiable">
/// A parameter of the model (double, Vector&lt;double&gt;, Matrix&lt;double&gt; without [NoDerivative]): it has a
/// field in the generated <c>Gradients</c> class. Other fields (int, bool, int[], [NoDerivative]) are constants.
/// </param>
internal sealed record ModelField(string Name, ValueKind Kind, bool IsDifferentiable);

/// <summary>
/// A partial class whose [Differentiable] instance methods read its fields as parameters: the generator emits
/// its nested <c>Gradients</c> class and <c>CreateParameterSet</c> once, however many such methods it has.
/// </summary>
/// <param name="TypeName">The class's own name (non-generic), as written.</param>
/// <param name="Fields">Every field the methods may read, in declaration order.</param>
/// <param name="ShadowedAliases">The generated file's alias names that mean something else in the class (see Emission/TypeNames).</param>
internal sealed record ModelTypeSpec(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeName,
    EquatableArray<ModelField> Fields,
    string HintName,
    EquatableArray<string> ShadowedAliases = default);
