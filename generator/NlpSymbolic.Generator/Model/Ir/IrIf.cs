namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// <c>if (Condition) Then else Else</c>, followed by the merges of every variable the branches assign.
/// Also the lowering of <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c> and of the guards that replace
/// <c>break</c>, <c>continue</c> and early <c>return</c>.
/// </summary>
internal sealed record IrIf(IrOperand Condition, IrBlock Then, IrBlock Else, EquatableArray<IrPhi> Phis, int SourceIndex)
    : IrNode(SourceIndex);
