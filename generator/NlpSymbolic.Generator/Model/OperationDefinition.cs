using NlpSymbolic.Generator.Differentiation;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// One operation the generator understands.
/// </summary>
/// <param name="Id">The operation id that IR statements refer to.</param>
/// <param name="ResultKind">The kind of value the operation produces.</param>
/// <param name="Forward">
/// How generated code computes the value: an expression over the placeholders <see cref="Argument"/> (a, b, c)
/// and <see cref="AllArguments"/>, usually a <see cref="ForwardKernelCall"/> of the workspace, whose kernels rent
/// buffers instead of allocating. Emission's printer is what spells it in C#.
/// </param>
/// <param name="Signatures">
/// What the semantic model resolves to this operation: <c>Owner.Member(Kind,…)</c>, where a trailing
/// <c>Kind...</c> matches any number of arguments of that kind.
/// </param>
internal sealed record OperationDefinition(OperationId Id, ValueKind ResultKind, Expression Forward, string[] Signatures)
{
    /// <summary>The derivative; null only for operations on ints and bools, which never carry gradients.</summary>
    public AdjointRule? Derivative { get; init; }

    public OperationFlags Flags { get; init; }

    /// <summary>The same operation with its derivative: <paramref name="math"/> states it, <paramref name="terms"/> implement it.</summary>
    public OperationDefinition Rule(string math, params AdjointTerm[] terms) => this with { Derivative = new AdjointRule(Id, math, terms) };

    /// <summary>
    /// The operation this one becomes when both arguments are the same value (<c>a·a</c> → Square, <c>vᵀv</c> →
    /// SquaredNorm): one operation whose rule adds 2·dy·a, not two halves of a product.
    /// </summary>
    public OperationId? Squared { get; init; }

    public OperationDefinition SquaredIs(OperationId square) => this with { Squared = square };

    public OperationDefinition Is(OperationFlags flags) => this with { Flags = Flags | flags };

    public bool Has(OperationFlags flag) => (Flags & flag) != 0;
}
