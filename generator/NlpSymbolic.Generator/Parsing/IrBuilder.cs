using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>Collects SSA values and one-operation statements while the body is lowered.</summary>
internal sealed class IrBuilder
{
    private readonly List<IrValue> values = new();
    private readonly List<IrStatement> statements = new();
    private readonly List<string> sourceTexts = new();

    public int ValueCount => values.Count;

    public int CurrentSource { get; private set; } = -1;

    public IrValue NewValue(ValueKind kind, string hint, bool isVariable)
    {
        var value = new IrValue(values.Count, kind, hint, isVariable, isVariable);
        values.Add(value);
        return value;
    }

    public IrOperand Emit(OperationDefinition operation, IReadOnlyList<IrOperand> arguments, string hint)
    {
        var target = NewValue(operation.ResultKind, hint, isVariable: false);
        statements.Add(new IrStatement(target.Id, operation.Id, arguments.ToEquatableArray(), CurrentSource));
        return IrOperand.Value(target.Id, target.Kind);
    }

    /// <summary>Starts a new user statement; every IR statement emitted until the next call comes from it.</summary>
    public void BeginSource(string text)
    {
        sourceTexts.Add(text);
        CurrentSource = sourceTexts.Count - 1;
    }

    /// <summary>
    /// Gives the value just computed for a user variable that variable's name, so that generated code says
    /// <c>var z = …</c> rather than introducing a temporary and copying it.
    /// </summary>
    public bool TryAdoptName(IrOperand operand, int firstNewValue, string name, bool isFirstVersion)
    {
        if (operand.IsLiteral || operand.ValueId < firstNewValue)
        {
            return false;
        }

        var value = values[operand.ValueId];
        values[operand.ValueId] = value with { NameHint = name, IsVariable = true, IsFirstVersion = isFirstVersion };
        return true;
    }

    public EquatableArray<IrValue> Values => values.ToEquatableArray();

    public EquatableArray<IrStatement> Statements => statements.ToEquatableArray();

    public EquatableArray<string> SourceTexts => sourceTexts.ToEquatableArray();

    public IrValue Value(int id) => values[id];

    public IReadOnlyList<IrStatement> StatementList => statements;

    public IEnumerable<IrValue> AllValues => values.AsEnumerable();
}
