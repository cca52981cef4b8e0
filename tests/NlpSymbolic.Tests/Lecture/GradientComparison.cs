using System;
using System.Linq;
using System.Reflection;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit.Sdk;

namespace NlpSymbolic.Tests.Lecture;

/// <summary>
/// Runs a generated <c>LectureModels.NameBackward</c> and its hand-written twin
/// <c>HandWrittenGradients.NameBackward</c> on the same inputs, dResult and (non-zero) starting gradient
/// buffers, and requires the returned values and every gradient entry to agree to <see cref="Tolerance"/>
/// (relative, with a max(1, |x|) floor).
/// </summary>
public static class GradientComparison
{
    public const double Tolerance = 1e-10;

    /// <summary>|e − a| / max(1, |e|, |a|), maximised over all entries.</summary>
    public static double MaxRelativeError(object expected, object actual)
    {
        if (Inputs.Count(expected) != Inputs.Count(actual))
        {
            return double.PositiveInfinity;
        }

        var max = 0.0;
        for (var i = 0; i < Inputs.Count(expected); i++)
        {
            var e = Inputs.Get(expected, i);
            var a = Inputs.Get(actual, i);
            var error = Math.Abs(e - a) / Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a)));
            max = double.IsNaN(error) ? double.PositiveInfinity : Math.Max(max, error);
        }

        return max;
    }

    /// <summary>Throws unless every entry of <paramref name="actual"/> is within <see cref="Tolerance"/> of <paramref name="expected"/>.</summary>
    public static double AssertMatches(object expected, object actual, string what)
    {
        var error = MaxRelativeError(expected, actual);
        if (!(error <= Tolerance))
        {
            var worst = Enumerable.Range(0, Math.Min(Inputs.Count(expected), Inputs.Count(actual)))
                .OrderByDescending(i => Math.Abs(Inputs.Get(expected, i) - Inputs.Get(actual, i)))
                .Select(i => $"entry {i}: hand-written {Inputs.Get(expected, i):R}, generated {Inputs.Get(actual, i):R}")
                .FirstOrDefault() ?? "shapes differ";
            throw new XunitException($"{what}: relative error {error:E2} > {Tolerance:E0} ({worst}).");
        }

        return error;
    }

    /// <summary>Random inputs for <paramref name="name"/> drawn exactly as the gradient checker draws them.</summary>
    public static object[] RandomInputs(string name, int seed)
    {
        var random = new Random(seed);
        return Forward(name).GetParameters().Select(p => Inputs.Random(p, random)).ToArray();
    }

    /// <summary>Compares generated and hand-written gradients on random inputs; returns the largest relative error.</summary>
    public static double Compare(string name, int seed, Action<object[]>? tamperWithHandWritten = null) =>
        Compare(name, RandomInputs(name, seed), seed, tamperWithHandWritten);

    /// <summary>
    /// Compares on the given inputs. <paramref name="tamperWithHandWritten"/> may change the hand-written
    /// gradient buffers after they are computed (to show that the comparison can fail).
    /// </summary>
    public static double Compare(string name, object[] inputs, int seed, Action<object[]>? tamperWithHandWritten = null)
    {
        var forward = Forward(name);
        var generated = typeof(LectureModels).GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)
            ?? throw new XunitException($"LectureModels.{name}Backward was not generated.");
        var hand = HandWritten(name, generated);

        var random = new Random(seed + 1000);
        var value = forward.Invoke(null, inputs.Select(Inputs.DeepCopy).ToArray())!;
        object dResult = value is double ? 0.5 + random.NextDouble() : RandomFill(Inputs.ZerosLike(value), random);

        // Start from non-zero buffers: both must ADD into them.
        var differentiable = forward.GetParameters().Where(GradientChecker.IsDifferentiable).ToArray();
        var start = differentiable.Select((p, k) => RandomFill(Inputs.ZerosLike(inputs[Array.IndexOf(forward.GetParameters(), p)]), random)).ToArray();

        var generatedArguments = Arguments(inputs, dResult, start);
        var handArguments = Arguments(inputs, dResult, start);
        var generatedValue = generated.Invoke(null, generatedArguments)!;
        var handValue = hand.Invoke(null, handArguments)!;
        var handGradients = handArguments.Skip(inputs.Length + 1).ToArray();
        tamperWithHandWritten?.Invoke(handGradients);

        var max = AssertMatches(handValue, generatedValue, $"{name}: value");
        for (var k = 0; k < differentiable.Length; k++)
        {
            var error = AssertMatches(handGradients[k], generatedArguments[inputs.Length + 1 + k], $"{name}: d{differentiable[k].Name}");
            max = Math.Max(max, error);
        }

        return max;
    }

    /// <summary>Adapts a hand-written backward to <see cref="GradientChecker.Check(MethodInfo, Func{object[], object, object[], object}, int)"/>.</summary>
    public static Func<object[], object, object[], object> HandWrittenForChecker(string name, Action<object[]>? tamper = null)
    {
        var generated = typeof(LectureModels).GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
        var hand = HandWritten(name, generated);
        return (inputs, dResult, gradients) =>
        {
            var arguments = inputs.Concat(new[] { dResult }).Concat(gradients).ToArray();
            var value = hand.Invoke(null, arguments)!;
            for (var k = 0; k < gradients.Length; k++)
            {
                gradients[k] = arguments[inputs.Length + 1 + k];
            }

            tamper?.Invoke(gradients);
            return value;
        };
    }

    public static MethodInfo Forward(string name) =>
        typeof(LectureModels).GetMethod(name, BindingFlags.Public | BindingFlags.Static)
        ?? throw new XunitException($"LectureModels.{name} not found.");

    /// <summary>The hand-written twin, which must have exactly the generated method's parameter types.</summary>
    public static MethodInfo HandWritten(string name, MethodInfo generated) =>
        typeof(HandWrittenGradients).GetMethod(
            name + "Backward",
            BindingFlags.Public | BindingFlags.Static,
            generated.GetParameters().Select(p => p.ParameterType).ToArray())
        ?? throw new XunitException($"HandWrittenGradients.{name}Backward with the generated signature is missing.");

    /// <summary>Adds <paramref name="amount"/> to entry <paramref name="index"/> of a gradient buffer (boxed doubles are replaced).</summary>
    public static void Perturb(object[] gradients, int which, int index, double amount) =>
        gradients[which] = Inputs.Set(gradients[which], index, Inputs.Get(gradients[which], index) + amount);

    private static object[] Arguments(object[] inputs, object dResult, object[] start) =>
        inputs.Select(Inputs.DeepCopy).Concat(new[] { Inputs.DeepCopy(dResult) }).Concat(start.Select(Inputs.DeepCopy)).ToArray();

    private static object RandomFill(object value, Random random)
    {
        for (var i = 0; i < Inputs.Count(value); i++)
        {
            value = Inputs.Set(value, i, 2 * random.NextDouble() - 1);
        }

        return value;
    }
}
