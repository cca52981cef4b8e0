namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// One contribution <c>d[Argument] += Template</c> of an adjoint rule.
/// </summary>
/// <param name="Argument">The forward argument receiving the gradient; -1 means every argument (variadic operations).</param>
/// <param name="Template">
/// For a scalar argument, a C# expression that is added with <c>+=</c>. For a vector, matrix or array
/// argument, <c>{dy}</c> (add), <c>-{dy}</c> (subtract) or <c>Kernel(args)</c>, which the emitter turns into
/// the in-place <c>ws.AccumulateKernel(dArg, args)</c>. Placeholders: <c>{0}</c>… forward arguments,
/// <c>{y}</c> the forward result, <c>{dy}</c> its adjoint, <c>{ws}</c> the workspace, <c>{offset}</c> the
/// position of the argument among variadic arguments.
/// </param>
/// <param name="Guard">A condition (same placeholders) under which the contribution applies.</param>
internal sealed record AdjointTerm(int Argument, string Template, string? Guard = null);
