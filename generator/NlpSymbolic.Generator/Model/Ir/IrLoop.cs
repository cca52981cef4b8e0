namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>
/// <c>while (true) { Header; if (!Condition) break; Body; }</c> with the loop-carried variables as
/// <paramref name="Carried"/> phis. <paramref name="Count"/> is an int value holding the number of
/// iterations, which the reverse sweep runs backwards. The header only computes the condition; it never
/// holds a value that needs a gradient.
/// </summary>
internal sealed record IrLoop(EquatableArray<IrPhi> Carried, IrBlock Header, IrOperand Condition, IrBlock Body, int Count, int SourceIndex)
    : IrNode(SourceIndex);
