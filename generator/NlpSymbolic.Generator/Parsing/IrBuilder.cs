using System.Collections.Generic;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Collects SSA values and the nodes of the block being lowered (a stack of open blocks).</summary>
internal sealed class IrBuilder
{
    private readonly List<IrValue> values = new();
    private readonly List<string> sourceTexts = new();
    private readonly Stack<List<IrNode>> blocks = new();
    private readonly Dictionary<int, OperationId> operations = new();

    public IrBuilder() => blocks.Push(new List<IrNode>());

    public int ValueCount => values.Count;

    public int CurrentSource { get; private set; } = -1;

    public IrValue NewValue(ValueKind kind, string hint, bool isVariable)
    {
        var value = new IrValue(values.Count, kind, hint, isVariable);
        values.Add(value);
        return value;
    }

    public IrOperand Emit(OperationDefinition operation, IReadOnlyList<IrOperand> arguments, string hint) =>
        Emit(operation.Id, operation.ResultKind, arguments, hint, null);

    public IrOperand Emit(OperationId operation, ValueKind kind, IReadOnlyList<IrOperand> arguments, string hint, IrCallee? callee)
    {
        var target = NewValue(kind, hint, isVariable: false);
        operations[target.Id] = operation;
        blocks.Peek().Add(new IrStatement(target.Id, operation, arguments.ToEquatableArray(), CurrentSource, callee));
        return IrOperand.Value(target.Id, target.Kind);
    }

    /// <summary>The operation that computed a value, or null for parameters, phis and loop counts.</summary>
    public OperationId? OperationOf(int id) => operations.TryGetValue(id, out var operation) ? operation : null;

    public void Add(IrNode node) => blocks.Peek().Add(node);

    public void OpenBlock() => blocks.Push(new List<IrNode>());

    public IrBlock CloseBlock() => new(blocks.Pop().ToEquatableArray());

    /// <summary>Starts a new user statement; every IR node emitted until the next call comes from it.</summary>
    public int BeginSource(string text)
    {
        sourceTexts.Add(text);
        CurrentSource = sourceTexts.Count - 1;
        return CurrentSource;
    }

    public void ResumeSource(int index) => CurrentSource = index;

    /// <summary>
    /// Gives the value just computed for a user variable that variable's name, so that generated code says
    /// <c>var z = …</c> rather than introducing a temporary and copying it.
    /// </summary>
    public bool TryAdoptName(IrOperand operand, int firstNewValue, string name)
    {
        if (operand.IsConstant || operand.ValueId < firstNewValue || values[operand.ValueId].IsVariable)
        {
            return false;
        }

        var value = values[operand.ValueId];
        values[operand.ValueId] = value with { NameHint = name, IsVariable = true };
        return true;
    }

    public EquatableArray<IrValue> Values => values.ToEquatableArray();

    public EquatableArray<string> SourceTexts => sourceTexts.ToEquatableArray();
}
