namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// One contribution <c>d[Argument] += Addend</c> of an adjoint rule.
/// </summary>
/// <param name="Argument">The forward argument receiving the gradient; -1 means every argument (variadic operations).</param>
/// <param name="Addend">
/// For a scalar argument, the expression added with <c>+=</c>. For a vector, matrix or array argument, <c>dy</c>
/// (add), <c>-dy</c> (subtract), an element of an array's adjoint, or a kernel call <c>K(args)</c>, which the
/// emitter writes as the in-place <c>ws.AccumulateK(dArg, args)</c>.
/// </param>
internal sealed record AdjointTerm(int Argument, Expression Addend);
