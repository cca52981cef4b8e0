using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Values the method builds itself: <c>Vector&lt;double&gt;.Build.Dense(n)</c> and the other builder calls, and
/// arrays created by a local declaration (<c>var hs = new Vector&lt;double&gt;[T];</c>) whose elements are then
/// written (<c>hs[t] = h</c>) and read. Such an array is one buffer for the whole method: it keeps the one
/// name it was declared with (never reassigned, copied or merged by a branch, NLPSYM115), so every write and
/// read of it is a statement in program order and its adjoint can be updated in place.
/// </summary>
internal sealed class BuiltArrayLowerer : Lowerer
{
    public BuiltArrayLowerer(Lowerers lowerers)
        : base(lowerers)
    {
    }

    internal bool IsBuiltArray(IrOperand operand) => !operand.IsConstant && State.BuiltArrays.ContainsKey(operand.ValueId);

    /// <summary>A reference to a local that holds a built array (checked before lowering, to report once).</summary>
    internal bool IsBuiltArrayReference(IOperation operation) =>
        operation is ILocalReferenceOperation local && KindClassifier.Classify(local.Type) is { } kind
        && State.Variables.TryGetValue(VariableKey.For(local.Local, kind), out var value) && IsBuiltArray(value);

    /// <summary>
    /// <c>new Vector&lt;double&gt;[n]</c>, <c>new double[n]</c> or either with an initializer, as the value of a
    /// local declaration: a rented array, written element by element.
    /// </summary>
    internal IrOperand? LowerArrayCreation(IArrayCreationOperation creation, string hint)
    {
        var kind = KindClassifier.Classify(creation.Type);
        var owner = State.DeclaringArray;
        State.DeclaringArray = null;
        if (kind is not (ValueKind.VectorArray or ValueKind.ScalarArray) || creation.DimensionSizes.Length != 1 || owner is null)
        {
            Lowerers.Fence.UnsupportedArrayCreation(creation, kind);
            return null;
        }

        var elementKind = kind == ValueKind.VectorArray ? ValueKind.Vector : ValueKind.Scalar;
        var elements = creation.Initializer?.ElementValues ?? ImmutableArrayOfNone;
        var size = elements.Length > 0 || creation.Initializer is not null
            ? IrOperand.Int(elements.Length)
            : Lowerers.Expressions.Lower(creation.DimensionSizes[0], "n");
        if (size is null)
        {
            return null;
        }

        var lowered = new List<IrOperand>();
        foreach (var element in elements)
        {
            if (Lowerers.Expressions.Lower(element, hint) is not { } value || value.Kind != elementKind)
            {
                return null;
            }

            lowered.Add(value);
        }

        var array = State.Builder.Emit(Operations.ById(kind == ValueKind.VectorArray ? OperationId.NewVectorArray : OperationId.NewScalarArray), new[] { size }, owner.Name);
        State.BuiltArrays[array.ValueId] = owner;
        for (var i = 0; i < lowered.Count; i++)
        {
            var index = IrOperand.Int(i);
            Store(array, index, lowered[i]);
        }

        return array;
    }

    private static readonly System.Collections.Immutable.ImmutableArray<IOperation> ImmutableArrayOfNone = System.Collections.Immutable.ImmutableArray<IOperation>.Empty;

    private void Store(IrOperand array, IrOperand index, IrOperand value) =>
        State.Builder.Emit(Operations.ById(array.Kind == ValueKind.VectorArray ? OperationId.StoreVectorElement : OperationId.StoreScalarElement), new[] { array, index, value }, "store");

    /// <summary>
    /// <c>hs[t] = h</c>, <c>hs[t] += h</c>, <c>xs[t]++</c> on an array built in the method; false when the target
    /// is not an element of such an array (the caller reports it).
    /// </summary>
    internal bool TryLowerElementWrite(IOperation operation)
    {
        var target = operation switch
        {
            IAssignmentOperation assignment => assignment.Target,
            IIncrementOrDecrementOperation increment => increment.Target,
            _ => null,
        };
        if (target is not IArrayElementReferenceOperation { Indices.Length: 1 } element
            || element.ArrayReference is not ILocalReferenceOperation local
            || KindClassifier.Classify(local.Type) is not { } kind
            || !State.Variables.TryGetValue(VariableKey.For(local.Local, kind), out var array)
            || !IsBuiltArray(array))
        {
            return false;
        }

        var index = Lowerers.Expressions.Lower(element.Indices[0], "index");
        if (index is null)
        {
            return true;
        }

        var name = local.Local.Name;
        IrOperand? value;
        switch (operation)
        {
            case ISimpleAssignmentOperation simple:
                value = Lowerers.Expressions.Lower(simple.Value, name);
                break;
            case ICompoundAssignmentOperation compound:
            {
                var right = Lowerers.Expressions.Lower(compound.Value, name);
                value = right is null ? null : Lowerers.Expressions.LowerBinary(compound, compound.OperatorKind, compound.OperatorMethod, ReadElement(array, index, name), right, name);
                break;
            }

            case IIncrementOrDecrementOperation increment when kind == ValueKind.ScalarArray:
            {
                var step = Operations.ById(increment.Kind == OperationKind.Increment ? OperationId.Add : OperationId.Subtract);
                value = State.Builder.Emit(step, new[] { ReadElement(array, index, name), IrOperand.Number(1.0) }, name);
                break;
            }

            default:
                return false;
        }

        if (value is not null)
        {
            Store(array, index, value);
        }

        return true;
    }

    /// <summary><c>hs[i]</c>: an element of a built vector array is checked (null until written); a double array's reads 0.</summary>
    internal IrOperand ReadElement(IrOperand array, IrOperand index, string hint) =>
        State.Builder.Emit(Operations.ById(array.Kind == ValueKind.VectorArray ? OperationId.WrittenVectorElement : OperationId.ScalarElement), new[] { array, index }, hint);

    /// <summary>
    /// <c>Vector&lt;double&gt;.Build.Dense(n)</c> and the other builder calls: the receiver (<c>Vector&lt;double&gt;.Build</c>)
    /// is a factory, not a value, so only the arguments are lowered.
    /// </summary>
    internal IrOperand? LowerBuilderCall(IInvocationOperation invocation, string owner, string hint)
    {
        var arguments = Lowerers.Calls.LowerArguments(invocation, hint);
        return arguments is null ? null : Lowerers.Calls.EmitOrReport(invocation, owner, invocation.TargetMethod.Name, arguments, hint);
    }

    /// <summary>
    /// <c>y[k] = 1</c> on a vector made in the method: vectors are values here, so say how to make the one
    /// that was meant (NLPSYM117) rather than only that mutation is unsupported.
    /// </summary>
    internal bool ReportsBuiltBufferWrite(IOperation target)
    {
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation local }
            && KindClassifier.Classify(local.Type) is { } kind
            && State.Variables.TryGetValue(VariableKey.For(local.Local, kind), out var current)
            && !current.IsConstant && State.Builder.OperationOf(current.ValueId) is { } made && Operations.TryById(made)?.Has(OperationFlags.BuildsBuffer) == true)
        {
            Lowerers.Fence.BuiltBufferElementWrite(target, local.Local);
            return true;
        }

        return false;
    }
}
