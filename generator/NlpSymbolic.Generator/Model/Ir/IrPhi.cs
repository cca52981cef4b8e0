namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// A value chosen by control flow. After an <see cref="IrIf"/>: <paramref name="First"/> from the then-branch,
/// <paramref name="Second"/> from the else-branch. At the head of an <see cref="IrLoop"/>: <paramref name="First"/>
/// on entry, <paramref name="Second"/> from the end of the previous iteration. Generated code makes it a
/// mutable local.
/// </summary>
internal sealed record IrPhi(int Target, IrOperand First, IrOperand Second);
