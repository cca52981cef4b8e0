using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A forward method in structured SSA form: the parser's output and the differentiator's input.
/// Holds plain values only, so it caches across edits.
/// </summary>
/// <param name="SourceTexts">One line of user source per statement, used for comments.</param>
/// <param name="UserIdentifiers">Every identifier the user's method mentions; generated names avoid them all.</param>
/// <param name="Components">
/// For a method returning a tuple (<see cref="ReturnKind"/> is <see cref="ValueKind.Tuple"/>): its components,
/// each with the value returned; <see cref="Result"/> is then an unused placeholder literal. Empty otherwise.
/// </param>
internal sealed record IrMethod(
    string Name,
    MethodAccessibility Accessibility,
    ValueKind ReturnKind,
    EquatableArray<IrParameter> Parameters,
    EquatableArray<IrValue> Values,
    IrBlock Body,
    IrOperand Result,
    int ResultSourceIndex,
    EquatableArray<string> SourceTexts,
    EquatableArray<string> UserIdentifiers,
    EquatableArray<IrResultComponent> Components = default)
{
    public bool IsTuple => ReturnKind == ValueKind.Tuple;

    /// <summary>What the method returns: its result, or each component of its tuple result, in order.</summary>
    public IEnumerable<IrOperand> ResultValues() => IsTuple ? Components.Select(c => c.Value) : new[] { Result };
}
