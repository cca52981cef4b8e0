namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// <c>Target = Operation(Arguments)</c>: exactly one operation per statement (as in Tangent), so each
/// statement has exactly one adjoint rule. <paramref name="SourceIndex"/> points at the user statement it
/// was lowered from, whose text becomes the comment in generated code.
/// </summary>
internal sealed record IrStatement(int Target, string Operation, EquatableArray<IrOperand> Arguments, int SourceIndex);
