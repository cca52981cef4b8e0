namespace NlpSymbolic.Generator;

/// <summary>Names of the pipeline steps, so tests can assert each step's run reason.</summary>
public static class TrackingNames
{
    public const string Parse = nameof(Parse);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Differentiate = nameof(Differentiate);
    public const string Plan = nameof(Plan);
    public const string Emit = nameof(Emit);
    public const string CallGraph = nameof(CallGraph);
    public const string Models = nameof(Models);
    public const string CustomDerivatives = nameof(CustomDerivatives);
    public const string Resolve = nameof(Resolve);
    public const string BackwardSources = nameof(BackwardSources);
}
