namespace NlpSymbolic.Generator.Model.Ir;

/// <summary>One node of a block: a statement, an <see cref="IrIf"/> or an <see cref="IrLoop"/>.</summary>
/// <param name="SourceIndex">The user statement the node comes from; its text is the comment in generated code.</param>
internal abstract record IrNode(int SourceIndex);
