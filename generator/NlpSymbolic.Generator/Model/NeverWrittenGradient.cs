namespace NlpSymbolic.Generator.Model;

/// <summary>
/// A differentiable input whose gradient is always zero (NLPSYM202), found by differentiation: the parameter's name
/// and why. No location: the output step reports it at the parameter's declaration (<see cref="MethodLocations"/>).
/// </summary>
internal sealed record NeverWrittenGradient(string Parameter, string Reason);
