namespace NlpSymbolic.Generator.Model;

/// <summary>
/// The text of one generated backward file, kept for the type's <c>BackwardSources</c> class: which type it
/// belongs to (the method's hint name without the method), under which member name, and how visible.
/// </summary>
/// <param name="TypeHintName">The containing type's part of the method's hint name (<c>Lecture.Window</c>).</param>
/// <param name="MethodHintName">The method's own hint name, which orders overloads.</param>
internal sealed record BackwardSourceText(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string TypeHintName,
    string MethodName,
    string MethodHintName,
    bool IsPublic,
    string Source);

/// <summary>Every generated backward file of one type, in hint-name order: one <c>BackwardSources</c> file.</summary>
/// <param name="HintName">The file's name: <c>Lecture.Window.BackwardSources.g.cs</c>.</param>
internal sealed record TypeBackwardSources(
    string? Namespace,
    EquatableArray<ContainingTypeSpec> ContainingTypes,
    string HintName,
    EquatableArray<BackwardSourceText> Methods);
