namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A forward method in structured SSA form: the parser's output and the differentiator's input.
/// Holds plain values only, so it caches across edits.
/// </summary>
/// <param name="SourceTexts">One line of user source per statement, used for comments.</param>
/// <param name="UserIdentifiers">Every identifier the user's method mentions; generated names avoid them all.</param>
internal sealed record IrMethod(
    string Name,
    string Accessibility,
    ValueKind ReturnKind,
    EquatableArray<IrParameter> Parameters,
    EquatableArray<IrValue> Values,
    IrBlock Body,
    IrOperand Result,
    int ResultSourceIndex,
    EquatableArray<string> SourceTexts,
    EquatableArray<string> UserIdentifiers);
