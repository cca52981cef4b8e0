using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>A node of the reverse sweep, mirroring the forward structure.</summary>
internal abstract record AdjointNode
{
    /// <summary>Adjoints declared as zero just before this node (after its comment), because it adds to them from inside a branch or loop, or reads them before anything was added.</summary>
    public EquatableArray<AdjointDeclaration> Zeroed { get; init; }
}

/// <summary>The reverse of a block: its nodes' adjoints in reverse order.</summary>
internal sealed record AdjointBlock(EquatableArray<AdjointNode> Nodes);

/// <summary>The reverse of an <see cref="IrIf"/>: the branch taken forward is taken backward.</summary>
internal sealed record AdjointIf(IrIf Forward, AdjointBlock Then, AdjointBlock Else) : AdjointNode;

/// <summary>
/// The reverse of an <see cref="IrLoop"/>: its iterations backwards, each starting with the carried adjoints
/// (<paramref name="StartsWithCarried"/>: the body opens with their hand-off). A <paramref name="Counted"/> loop
/// runs its counter backwards; any other replays the number of iterations the forward sweep taped.
/// </summary>
internal sealed record AdjointLoop(IrLoop Forward, AdjointBlock Body, bool StartsWithCarried = false, CountedLoop? Counted = null) : AdjointNode;

/// <summary>
/// Work whose adjoints reach only the gradient of parameter <paramref name="Parameter"/>: it runs only when the caller
/// wants that gradient (passed a buffer for it, not null). See <see cref="GradientPruning"/>.
/// </summary>
internal sealed record AdjointGuarded(int Parameter, AdjointBlock Body) : AdjointNode;
