using System;

namespace NlpSymbolic.Benchmarks;

/// <summary>How many times its case's forward FLOPs a benchmark method does: 1 for a forward, 3 for a Backward.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ForwardFlopsAttribute(double times) : Attribute
{
    public double Times { get; } = times;
}
