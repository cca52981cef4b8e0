using NlpSymbolic.Generator.Differentiation;

namespace NlpSymbolic.Generator.Model;

/// <summary>
/// The differentiation step's output for one method: its planned adjoint program, or the internal error that
/// prevented it (<paramref name="Error"/>: the exception's type and message, reported as NLPSYM901 at the method
/// whose documentation id is <paramref name="MethodId"/>), and the inputs whose gradient is always zero
/// (<paramref name="NeverWritten"/>, NLPSYM202).
/// Equatable, so an edit that leaves a method's IR as it was leaves its program and its emitted file cached.
/// </summary>
internal sealed record DifferentiationResult(string HintName, string MethodName, string? MethodId, AdjointProgram? Program, string? Error, EquatableArray<NeverWrittenGradient> NeverWritten = default);
