using NlpSymbolic.Generator.Planning;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// The plan step's output for one method: its <see cref="EmissionPlan"/>, or the internal error that prevented
/// it or the differentiation before it (reported as NLPSYM901 at the method whose documentation id is
/// <paramref name="MethodId"/>). Equatable, so an unchanged plan leaves the emitted file cached.
/// </summary>
internal sealed record PlannedMethod(string HintName, string MethodName, string? MethodId, EmissionPlan? Plan, string? Error);
