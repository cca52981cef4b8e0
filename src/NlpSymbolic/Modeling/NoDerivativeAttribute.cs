using System;

namespace NlpSymbolic;

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute"/> method that is treated as a constant:
/// the generated backward method produces no gradient for it.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class NoDerivativeAttribute : Attribute
{
}
