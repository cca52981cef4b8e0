using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Lowers a method body into structured SSA IR. Each assignment makes a new SSA value; each
/// sub-expression becomes one IR statement; branches and loops become <see cref="IrIf"/> and
/// <see cref="IrLoop"/> with phis for the variables they assign. <c>break</c>, <c>continue</c> and early
/// <c>return</c> become flags that guard the rest of the block, so the IR has no jumps. Anything outside
/// the supported fence is reported at its own syntax and lowering goes on, so one build shows every problem.
/// </summary>
internal sealed partial class BodyLowerer
{
    private readonly IrBuilder builder = new();
    private readonly List<DiagnosticInfo> diagnostics = new();
    private readonly IMethodSymbol method;
    /// <summary>The result, or one variable per component of a tuple result.</summary>
    private readonly IReadOnlyList<VariableKey> resultKeys;
    private readonly IReadOnlyList<TupleComponent>? resultComponents;
    private readonly VariableKey returnedKey = VariableKey.Synthetic("returned", ValueKind.Bool);
    private readonly Stack<LoopFlags> loops = new();
    private Dictionary<VariableKey, IrOperand> variables = new();

    public BodyLowerer(IMethodSymbol method, ValueKind returnKind, IReadOnlyList<TupleComponent>? resultComponents = null)
    {
        this.method = method;
        this.resultComponents = resultComponents;
        resultKeys = resultComponents is null
            ? new[] { VariableKey.Synthetic("result", returnKind) }
            : resultComponents.Select((c, i) => VariableKey.Synthetic(c.Name is null ? "result" + (i + 1) : "result_" + c.Name, c.Kind!.Value)).ToArray();
        foreach (var key in resultKeys)
        {
            variables[key] = resultComponents is null ? Undefined(key.Kind) : UnassignedComponent(key.Kind);
        }

        variables[returnedKey] = IrOperand.Bool(false);
    }

    public IReadOnlyList<DiagnosticInfo> Diagnostics => diagnostics;

    public IrBuilder Builder => builder;

    public IrOperand? Result { get; private set; }

    /// <summary>For a method returning a tuple: each component and the value returned in it (else empty).</summary>
    public IReadOnlyList<IrResultComponent> ResultComponents { get; private set; } = new IrResultComponent[0];

    public int ResultSource { get; private set; } = -1;

    public IrBlock? Body { get; private set; }

    public IrValue AddParameter(IParameterSymbol parameter, ValueKind kind)
    {
        var value = builder.NewValue(kind, parameter.Name, isVariable: true);
        var key = VariableKey.For(parameter, kind);
        variables[key] = IrOperand.Value(value.Id, kind);
        return value;
    }

    private readonly List<(IFieldSymbol Field, VariableKey Key)> modelFields = new();

    /// <summary>A field of the model class, read by an instance method as an implicit leading parameter.</summary>
    public IrValue AddField(IFieldSymbol field, ValueKind kind)
    {
        var value = builder.NewValue(kind, field.Name, isVariable: true);
        var key = VariableKey.For(field, kind);
        variables[key] = IrOperand.Value(value.Id, kind);
        modelFields.Add((field, key));
        return value;
    }

    /// <summary>The model field a reference names, when it is one of this instance's (<c>W</c> or <c>this.W</c>).</summary>
    private VariableKey? ModelFieldOf(IOperation operation) =>
        operation is IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } reference
            ? modelFields.Where(f => SymbolEqualityComparer.Default.Equals(f.Field, reference.Field.OriginalDefinition)).Select(f => f.Key).FirstOrDefault()
            : null;

    public void LowerBody(IBlockOperation body)
    {
        LowerStatements(body.Operations);
        Body = builder.CloseBlock();
        var results = resultKeys.Select(k => variables[k]).ToList();
        if (results.Any(IsUndefined))
        {
            return;
        }

        if (resultComponents is null && resultKeys[0].Kind is not ValueKind.Scalar && MayBeUndefined(results[0]) && earlyReturns.Count > 0)
        {
            // A vector result merged with "no result yet" would need an adjoint without a shape.
            Report(DiagnosticDescriptors.EarlyReturnOfBuffer, earlyReturns[0], resultKeys[0].Kind.ShortName());
            return;
        }

        if (resultComponents is null)
        {
            Result = results[0];
            return;
        }

        ResultComponents = resultComponents.Select((c, i) => new IrResultComponent(c.Name, c.Kind!.Value, results[i])).ToList();
        Result = IrOperand.Of(new IrUndefined(ValueKind.Tuple), ValueKind.Tuple);
    }

    private readonly List<SyntaxNode> earlyReturns = new();

    /// <summary>Whether a merge feeding the result has a path on which no return assigned it.</summary>
    private bool MayBeUndefined(IrOperand result)
    {
        var phis = IrWalker.Phis(Body!).ToDictionary(p => p.Target);
        var seen = new HashSet<int>();
        var pending = new Stack<IrOperand>();
        pending.Push(result);
        while (pending.Count > 0)
        {
            var operand = pending.Pop();
            if (IsUndefined(operand))
            {
                return true;
            }

            if (!operand.IsConstant && seen.Add(operand.ValueId) && phis.TryGetValue(operand.ValueId, out var phi))
            {
                pending.Push(phi.First);
                pending.Push(phi.Second);
            }
        }

        return false;
    }

    /// <summary>The value of a variable on a path that has not assigned it yet (only ever merged, never used).</summary>
    private static IrOperand Undefined(ValueKind kind) => IrOperand.Of(new IrUndefined(kind), kind);

    /// <summary>
    /// A tuple result's component before a return assigns it: for a vector or matrix, the runtime's empty
    /// <c>Unassigned</c> value rather than null, so that the adjoint of a merge with it has a shape (empty) on the
    /// paths where the merge chose it, and early returns of tuples need no NLPSYM110.
    /// </summary>
    private static IrOperand UnassignedComponent(ValueKind kind) =>
        kind is ValueKind.Vector or ValueKind.Matrix ? IrOperand.Of(new IrUnassigned(kind), kind) : Undefined(kind);

    private static bool IsUndefined(IrOperand operand) => operand.Constant is IrUndefined or IrUnassigned;

    /// <summary>A constant the semantic model folded, as a typed constant; null for a type the IR has no constant of.</summary>
    private static IrConstant? ConstantOf(object? value) => value switch
    {
        double d => new IrNumber(d),
        int i => new IrInt(i),
        bool b => new IrBool(b),
        _ => null,
    };
}
