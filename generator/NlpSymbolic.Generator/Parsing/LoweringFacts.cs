using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// What lowering reads and never changes: the method, the variables its result is returned in, and the model
/// fields an instance method reads as implicit leading parameters.
/// </summary>
internal sealed class LoweringFacts
{
    public LoweringFacts(
        IMethodSymbol method,
        IReadOnlyList<VariableKey> resultKeys,
        IReadOnlyList<TupleComponent>? resultComponents,
        VariableKey returnedKey,
        IReadOnlyList<(IFieldSymbol Field, VariableKey Key)> modelFields)
    {
        Method = method;
        ResultKeys = resultKeys;
        ResultComponents = resultComponents;
        ReturnedKey = returnedKey;
        ModelFields = modelFields;
    }

    public IMethodSymbol Method { get; }

    /// <summary>The result, or one variable per component of a tuple result.</summary>
    public IReadOnlyList<VariableKey> ResultKeys { get; }

    public IReadOnlyList<TupleComponent>? ResultComponents { get; }

    /// <summary>The flag an early return sets, so that the statements after it are skipped.</summary>
    public VariableKey ReturnedKey { get; }

    public IReadOnlyList<(IFieldSymbol Field, VariableKey Key)> ModelFields { get; }

    /// <summary>The model field a reference names, when it is one of this instance's (<c>W</c> or <c>this.W</c>).</summary>
    public VariableKey? ModelFieldOf(IOperation operation) =>
        operation is IFieldReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } reference
            ? ModelFields.Where(f => SymbolEqualityComparer.Default.Equals(f.Field, reference.Field.OriginalDefinition)).Select(f => f.Key).FirstOrDefault()
            : null;
}
