using System;

namespace NlpSymbolic;

/// <summary>
/// Declares the method it is on as the hand-written pullback (reverse-mode derivative) of a static method
/// that the generator cannot see into: external code, a numerically special function, a stop-gradient or a
/// straight-through estimator. Wherever a <see cref="DifferentiableAttribute"/> method calls that function,
/// the generated code calls the function forward and this pullback backward.
/// </summary>
/// <remarks>
/// <para>For <c>static R F(p1, …, pn)</c> the pullback is
/// <c>static void FPullback(p1, …, pn, R dy, &lt;one gradient argument per differentiable parameter&gt;)</c>,
/// the same shape as the <c>NamePullback</c> the generator writes for a <c>[Differentiable]</c> method:
/// <c>double p</c> → <c>ref double dp</c>; <c>Vector&lt;double&gt;</c>, <c>Matrix&lt;double&gt;</c>,
/// <c>double[]</c>, <c>Vector&lt;double&gt;[]</c> → a buffer of the same type and shape. <c>int</c>,
/// <c>bool</c>, <c>int[]</c> and <c>[NoDerivative]</c> parameters get none. The pullback ADDS
/// <c>dy</c>-weighted gradients into the buffers and leaves its inputs and <c>dy</c> unchanged.</para>
/// <para>The pullback may be declared in the function's own type (<c>[DerivativeOf(nameof(Round))]</c>) or
/// in any type of the project that calls the function (<c>[DerivativeOf(typeof(Quantizer), nameof(Quantizer.Round))]</c>),
/// also for a function of a referenced assembly. A library may ship a function with its derivative: a public
/// pullback declared beside the function is read from the library's metadata. Among overloads, the signature
/// picks the one it belongs to.</para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class DerivativeOfAttribute : Attribute
{
    /// <summary>The pullback of the static method <paramref name="methodName"/> of the type this method is declared in.</summary>
    public DerivativeOfAttribute(string methodName)
    {
        MethodName = methodName;
    }

    /// <summary>The pullback of the static method <paramref name="methodName"/> of <paramref name="type"/>.</summary>
    public DerivativeOfAttribute(Type type, string methodName)
    {
        Type = type;
        MethodName = methodName;
    }

    /// <summary>The type declaring the function, or null for the type this pullback is declared in.</summary>
    public Type? Type { get; }

    /// <summary>The function's name (use <c>nameof</c>).</summary>
    public string MethodName { get; }
}
