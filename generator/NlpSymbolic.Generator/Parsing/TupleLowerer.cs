using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Several outputs. A tuple never becomes one IR value the user can hold: a call returning one is followed by a
/// <see cref="IrStatement.TupleItemOperation"/> statement per component, a tuple literal is its elements, and a
/// tuple local is one variable per component. So deconstruction, <c>r.h</c> and <c>return (a, b);</c> only move
/// component values around, and everything downstream (phis, tape, adjoints) sees ordinary values.
/// </summary>
internal sealed class TupleLowerer : Lowerer
{
    public TupleLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    /// <summary>The values of a return statement's expression: one, or one per component of a tuple result.</summary>
    internal IReadOnlyList<IrOperand>? LowerReturned(IOperation returned)
    {
        if (Facts.ResultComponents is null)
        {
            return Lowerers.Expressions.Lower(returned, "result") is { } value ? new[] { value } : null;
        }

        return LowerTuple(returned, "result");
    }

    /// <summary>The components of a tuple expression, converted to the kinds of its type's components; null after reporting.</summary>
    internal IReadOnlyList<IrOperand>? LowerTuple(IOperation operation, string hint)
    {
        var components = TupleShape.Components(operation.Type);
        if (components is not null && !TupleShape.IsSupported(components) && operation is ILocalReferenceOperation or IParameterReferenceOperation)
        {
            // Reported where the local or parameter is declared.
            return null;
        }

        if (components is not null && !TupleShape.IsSupported(components))
        {
            Lowerers.Fence.UnsupportedTupleType(operation.Syntax, $"'{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}'", operation.Type!, components);
            return null;
        }

        var parts = LowerTupleParts(operation, hint);
        if (parts is null || components is null || parts.Count != components.Count)
        {
            return null;
        }

        var converted = new List<IrOperand>();
        for (var i = 0; i < parts.Count; i++)
        {
            var part = ConvertComponent(parts[i], components[i].Kind!.Value, operation, hint);
            if (part is null)
            {
                return null;
            }

            converted.Add(part);
        }

        return converted;
    }

    private IReadOnlyList<IrOperand>? LowerTupleParts(IOperation operation, string hint)
    {
        switch (operation)
        {
            case IConversionOperation { OperatorMethod: null } conversion when TupleShape.IsTuple(conversion.Operand.Type) || conversion.Operand is ITupleOperation:
                // A tuple converted to another tuple type (other names, int → double components): component-wise.
                return LowerTupleParts(conversion.Operand, hint);

            case ITupleOperation tuple:
                return LowerTupleLiteral(tuple, hint);

            case IInvocationOperation invocation when invocation.TargetMethod.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == UserCallLowerer.DifferentiableAttributeName):
            {
                var call = Lowerers.UserCalls.LowerDifferentiableCall(invocation, hint);
                if (call is null || call.Kind != ValueKind.Tuple)
                {
                    return null;
                }

                var components = TupleShape.Components(invocation.TargetMethod.ReturnType)!;
                return components
                    .Select((c, i) => State.Builder.Emit(IrStatement.TupleItemOperation, c.Kind!.Value, new[] { call, IrOperand.Int(i) }, hint, null))
                    .ToList();
            }

            case ILocalReferenceOperation local when TupleLocalKeys(local) is { } keys:
                return TupleLocalValues(operation, keys);

            case ILocalReferenceOperation or IParameterReferenceOperation:
                // A tuple local or parameter of an unsupported type was reported where it is declared.
                return null;

            case IInvalidOperation:
                State.InvalidCode = true;
                return null;

            case IInvocationOperation invocation:
                Lowerers.Fence.TupleOfOrdinaryCall(invocation);
                return null;

            default:
                Lowerers.Fence.UnsupportedTupleExpression(operation);
                return null;
        }
    }

    /// <summary><c>(a, b)</c>: its elements, each lowered; a nested tuple is reported.</summary>
    private IReadOnlyList<IrOperand>? LowerTupleLiteral(ITupleOperation tuple, string hint)
    {
        var parts = new List<IrOperand>();
        foreach (var element in tuple.Elements)
        {
            if (TupleShape.IsTuple(element.Type) || element is ITupleOperation)
            {
                Lowerers.Fence.NestedTuple(element);
                return null;
            }

            var value = Lowerers.Expressions.Lower(element, hint);
            if (value is null)
            {
                return null;
            }

            parts.Add(value);
        }

        return parts;
    }

    /// <summary>A tuple local: the current value of each of its component variables.</summary>
    private IReadOnlyList<IrOperand>? TupleLocalValues(IOperation operation, IReadOnlyList<VariableKey> keys)
    {
        var parts = new List<IrOperand>();
        foreach (var key in keys)
        {
            if (!State.Variables.TryGetValue(key, out var value) || LoweredValues.IsUndefined(value))
            {
                if (State.Diagnostics.Count == 0 && !State.InvalidCode)
                {
                    State.Report(DiagnosticDescriptors.InternalError, operation.Syntax, Facts.Method.Name, $"no value for the component '{key.Name}' here");
                }

                return null;
            }

            parts.Add(value);
        }

        return parts;
    }

    /// <summary>A component as the kind its tuple declares: only an int becomes a double on the way.</summary>
    private IrOperand? ConvertComponent(IrOperand part, ValueKind kind, IOperation at, string hint)
    {
        if (part.Kind == kind)
        {
            return part;
        }

        if (part.Kind == ValueKind.Int && kind == ValueKind.Scalar)
        {
            return part.Constant is IrInt n
                ? IrOperand.Number(n.Value)
                : Lowerers.Calls.EmitOrReport(at, "builtin", "convert", new[] { part }, hint);
        }

        Lowerers.Fence.ComponentConversion(at, part.Kind, kind);
        return null;
    }

    /// <summary><c>r.h</c> or <c>r.Item2</c> of a tuple local, or of a call's tuple result (<c>Cell(…).h</c>).</summary>
    internal IrOperand? LowerTupleComponent(IOperation tuple, IFieldSymbol field, string hint)
    {
        var index = TupleShape.IndexOf(field);
        if (index < 0)
        {
            Lowerers.Fence.UnknownTupleMember(tuple, field);
            return null;
        }

        var parts = LowerTuple(tuple, hint);
        return parts is null || index >= parts.Count ? null : parts[index];
    }

    /// <summary><c>var r = Cell(…);</c> or <c>(double, Vector&lt;double&gt;) r;</c>: one variable per component.</summary>
    internal void LowerTupleDeclarator(ILocalSymbol local, IOperation? initializer, SyntaxNode at)
    {
        var components = TupleShape.Components(local.Type)!;
        if (!TupleShape.IsSupported(components))
        {
            Lowerers.Fence.UnsupportedTupleType(at, $"Local '{local.Name}'", local.Type, components);
            return;
        }

        var keys = ComponentKeys(local, components);
        if (initializer is null)
        {
            foreach (var key in keys)
            {
                State.Variables[key] = LoweredValues.Undefined(key.Kind);
            }

            return;
        }

        AssignTuple(keys, initializer);
    }

    private static IReadOnlyList<VariableKey> ComponentKeys(ILocalSymbol local, IReadOnlyList<TupleComponent> components) =>
        components.Select((c, i) => VariableKey.ForComponent(local, i, local.Name + "_" + c.Accessor(i), c.Kind!.Value)).ToList();

    /// <summary>The component variables of a tuple local (a reference to it), or null when it is not one.</summary>
    internal IReadOnlyList<VariableKey>? TupleLocalKeys(IOperation target) =>
        target is ILocalReferenceOperation { Local: var local } && TupleShape.Components(local.Type) is { } components && TupleShape.IsSupported(components)
            ? ComponentKeys(local, components)
            : null;

    /// <summary>The variable of <c>r.h</c> / <c>r.Item2</c> when r is a tuple local.</summary>
    internal VariableKey? ComponentOf(IOperation target)
    {
        if (target is not IFieldReferenceOperation { Instance: ILocalReferenceOperation { Local: var local }, Field: var field }
            || TupleShape.Components(local.Type) is not { } components || !TupleShape.IsSupported(components))
        {
            return null;
        }

        var index = TupleShape.IndexOf(field);
        return index >= 0 && index < components.Count ? ComponentKeys(local, components)[index] : null;
    }

    internal void AssignTuple(IReadOnlyList<VariableKey> keys, IOperation value)
    {
        var firstNew = State.Builder.ValueCount;
        var parts = LowerTuple(value, keys[0].Name);
        if (parts is null || parts.Count != keys.Count)
        {
            return;
        }

        for (var i = 0; i < keys.Count; i++)
        {
            Lowerers.Statements.Bind(keys[i], parts[i], firstNew);
        }
    }

    /// <summary><c>var (h, c) = Cell(…);</c>, <c>(h, c) = Cell(…);</c>, <c>(a, b) = (b, a);</c>, discards included.</summary>
    internal void LowerDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var targets = DeconstructionTargets(deconstruction.Target, report: true);
        if (targets is null)
        {
            return;
        }

        var keys = new List<VariableKey?>();
        foreach (var target in targets)
        {
            var element = target is IDeclarationExpressionOperation declaration ? declaration.Expression : target;
            switch (element)
            {
                case IDiscardOperation:
                    keys.Add(null);
                    break;
                case ILocalReferenceOperation { Local: var local } when KindClassifier.Classify(local.Type) is { } kind:
                    keys.Add(VariableKey.For(local, kind));
                    break;
                case ILocalReferenceOperation { Local: var local }:
                    Lowerers.Fence.UnsupportedLocal(element.Syntax, local);
                    return;
                case var _ when Lowerers.Statements.VariableOf(element) is { } variable:
                    keys.Add(variable);
                    break;
                default:
                    Lowerers.Fence.UnsupportedTarget(element);
                    return;
            }
        }

        var firstNew = State.Builder.ValueCount;
        var hint = keys.FirstOrDefault(k => k is not null)?.Name ?? "unused";
        // A tuple literal is only its elements: `(x, n) = (2 * x, n + 1)` may move ints and bools too.
        var literal = deconstruction.Value is IConversionOperation { OperatorMethod: null, Operand: ITupleOperation } or ITupleOperation;
        var parts = literal ? LowerTupleParts(deconstruction.Value, hint) : LowerTuple(deconstruction.Value, hint);
        if (parts is null || parts.Count != keys.Count)
        {
            return;
        }

        // Every part is computed before any variable is rebound, so `(a, b) = (b, a)` swaps.
        for (var i = 0; i < keys.Count; i++)
        {
            if (keys[i] is { } key)
            {
                var part = ConvertComponent(parts[i], key.Kind, deconstruction, key.Name);
                if (part is null)
                {
                    return;
                }

                Lowerers.Statements.Bind(key, part, firstNew);
            }
        }
    }

    /// <summary>The flat list of a deconstruction's targets; null (reported when asked) for a nested one.</summary>
    private IReadOnlyList<IOperation>? DeconstructionTargets(IOperation target, bool report)
    {
        if (target is IDeclarationExpressionOperation { Expression: var inner })
        {
            target = inner;
        }

        if (target is not ITupleOperation tuple)
        {
            return null;
        }

        foreach (var element in tuple.Elements)
        {
            if (element is ITupleOperation or IDeclarationExpressionOperation { Expression: ITupleOperation })
            {
                if (report)
                {
                    Lowerers.Fence.NestedDeconstruction(element);
                }

                return null;
            }
        }

        return tuple.Elements;
    }

    /// <summary>The variables a tuple assignment writes: a deconstruction's targets, or every component of a tuple local.</summary>
    internal IEnumerable<VariableKey> AssignedComponents(IOperation target)
    {
        if (TupleLocalKeys(target) is { } keys)
        {
            return keys;
        }

        return (DeconstructionTargets(target, report: false) ?? new IOperation[0])
            .Select(t => Lowerers.Statements.VariableOf(t))
            .Where(k => k is not null)
            .Select(k => k!);
    }
}
