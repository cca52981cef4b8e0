namespace NlpSymbolic.Generator.Parsing;

/// <summary>One of the small lowerers: what every one of them reads (the facts), writes (the state) and calls (the others).</summary>
internal abstract class Lowerer
{
    protected Lowerer(Lowerers lowerers) => Lowerers = lowerers;

    /// <summary>The other lowerers of the same body.</summary>
    protected Lowerers Lowerers { get; }

    protected LoweringFacts Facts => Lowerers.Facts;

    protected LoweringState State => Lowerers.State;
}
