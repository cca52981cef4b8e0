using System;

namespace NlpSymbolic;

/// <summary>
/// Marks a method whose reverse-mode backward method the NlpSymbolic source generator emits.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DifferentiableAttribute : Attribute
{
}
