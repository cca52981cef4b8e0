namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// <c>Target = Operation(Arguments)</c>: exactly one operation per statement (as in Tangent), so each
/// statement has exactly one adjoint rule. A call to another [Differentiable] method has operation
/// <see cref="CallOperation"/> and a <see cref="Callee"/>; its adjoint is the callee's pullback.
/// </summary>
internal sealed record IrStatement(int Target, OperationId Operation, EquatableArray<IrOperand> Arguments, int SourceIndex, IrCallee? Callee = null)
    : IrNode(SourceIndex)
{
    public const OperationId CallOperation = OperationId.Call;

    /// <summary>
    /// <c>Target = Arguments[0].ItemN</c>, N = 1 + the int literal Arguments[1]: one component of a call's tuple
    /// result. Emitted with the call as one deconstruction; its adjoint is read by the callee's pullback.
    /// </summary>
    public const OperationId TupleItemOperation = OperationId.TupleItem;
}
