using System;

namespace NlpSymbolic;

/// <summary>
/// Marks a parameter of a <see cref="DifferentiableAttribute"/> method that is treated as a constant:
/// the generated backward method produces no gradient for it. On a field of a model class (a partial class
/// with [Differentiable] instance methods), the field is read as a constant and gets no gradient buffer.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class NoDerivativeAttribute : Attribute
{
}
