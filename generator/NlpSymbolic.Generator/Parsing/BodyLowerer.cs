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
/// The work is done by the small lowerers in <see cref="Lowerers"/> over <see cref="LoweringFacts"/> (read only)
/// and <see cref="LoweringState"/> (what is being built); this class takes the parameters and fields, runs them
/// over the body and hands the result to the parser.
/// </summary>
internal sealed class BodyLowerer
{
    private readonly LoweringState state = new();
    private readonly IMethodSymbol method;
    private readonly IReadOnlyList<VariableKey> resultKeys;
    private readonly IReadOnlyList<TupleComponent>? resultComponents;
    private readonly VariableKey returnedKey = VariableKey.Synthetic("returned", ValueKind.Bool);
    private readonly List<(IFieldSymbol Field, VariableKey Key)> modelFields = new();

    public BodyLowerer(IMethodSymbol method, ValueKind returnKind, IReadOnlyList<TupleComponent>? resultComponents = null)
    {
        this.method = method;
        this.resultComponents = resultComponents;
        resultKeys = resultComponents is null
            ? new[] { VariableKey.Synthetic("result", returnKind) }
            : resultComponents.Select((c, i) => VariableKey.Synthetic(c.Name is null ? "result" + (i + 1) : "result_" + c.Name, c.Kind!.Value)).ToArray();
        foreach (var key in resultKeys)
        {
            state.Variables[key] = resultComponents is null ? LoweredValues.Undefined(key.Kind) : LoweredValues.UnassignedComponent(key.Kind);
        }

        state.Variables[returnedKey] = IrOperand.Bool(false);
    }

    public IReadOnlyList<DiagnosticInfo> Diagnostics => state.Diagnostics;

    public IrBuilder Builder => state.Builder;

    public IrOperand? Result { get; private set; }

    /// <summary>For a method returning a tuple: each component and the value returned in it (else empty).</summary>
    public IReadOnlyList<IrResultComponent> ResultComponents { get; private set; } = new IrResultComponent[0];

    public int ResultSource => state.ResultSource;

    public IrBlock? Body { get; private set; }

    /// <summary>True when the body has compile errors of its own; then nothing is generated and nothing reported.</summary>
    public bool HasInvalidCode => state.InvalidCode;

    /// <summary>The [Differentiable] methods this body calls, each call once.</summary>
    public IReadOnlyList<CallSite> Calls => state.Calls;

    /// <summary>The calls to functions whose derivative must be declared with [DerivativeOf], each once.</summary>
    public IReadOnlyList<ExternalCall> ExternalCalls => state.ExternalCalls;

    public IrValue AddParameter(IParameterSymbol parameter, ValueKind kind)
    {
        var value = state.Builder.NewValue(kind, parameter.Name, isVariable: true);
        var key = VariableKey.For(parameter, kind);
        state.Variables[key] = IrOperand.Value(value.Id, kind);
        return value;
    }

    /// <summary>A field of the model class, read by an instance method as an implicit leading parameter.</summary>
    public IrValue AddField(IFieldSymbol field, ValueKind kind)
    {
        var value = state.Builder.NewValue(kind, field.Name, isVariable: true);
        var key = VariableKey.For(field, kind);
        state.Variables[key] = IrOperand.Value(value.Id, kind);
        modelFields.Add((field, key));
        return value;
    }

    public void LowerBody(IBlockOperation body)
    {
        var facts = new LoweringFacts(method, resultKeys, resultComponents, returnedKey, modelFields.ToArray());
        new Lowerers(facts, state).Statements.LowerStatements(body.Operations);
        Body = state.Builder.CloseBlock();
        var results = resultKeys.Select(k => state.Variables[k]).ToList();
        if (results.Any(LoweredValues.IsUndefined))
        {
            return;
        }

        if (resultComponents is null && resultKeys[0].Kind is not ValueKind.Scalar && MayBeUndefined(results[0]) && state.EarlyReturns.Count > 0)
        {
            // A vector result merged with "no result yet" would need an adjoint without a shape.
            state.Report(DiagnosticDescriptors.EarlyReturnOfBuffer, state.EarlyReturns[0], resultKeys[0].Kind.ShortName());
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
            if (LoweredValues.IsUndefined(operand))
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
}
