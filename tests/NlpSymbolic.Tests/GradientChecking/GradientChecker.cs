using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Sdk;

namespace NlpSymbolic.Tests.GradientChecking;

/// <summary>
/// Checks a generated <c>NameBackward</c> against its forward <c>Name</c> on random inputs:
/// central finite differences of ⟨dResult, Name(…)⟩ (summed over the components of a tuple result), the returned value, ADD semantics (a second call
/// doubles every gradient) and untouched inputs.
/// </summary>
public static class GradientChecker
{
    public const double Step = 1e-5;

    /// <summary>Relative error allowed between generated gradients and central differences.</summary>
    public const double Tolerance = 1e-6;

    /// <param name="dropComponent">
    /// For a method returning a tuple: the component whose seed is null (a vector or matrix) or 0 (a scalar), which
    /// the contract reads as "no gradient from this output"; -1 seeds every component.
    /// </param>
    public static void Check(Type type, string name, int seed = 12345, int dropComponent = -1)
    {
        var forward = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new XunitException($"{type.Name}.{name} not found");
        var backward = type.GetMethod(name + "Backward", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new XunitException($"{type.Name}.{name}Backward was not generated");
        Check(forward, (inputs, dResult, gradients) => InvokeBackward(backward, inputs, dResult, gradients), seed, dropComponent);
    }

    /// <summary>The number of components of a method's tuple result (0 when it returns one value).</summary>
    public static int ComponentCount(Type type, string name)
    {
        var forward = type.GetMethod(name, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!;
        return typeof(ITuple).IsAssignableFrom(forward.ReturnType) ? forward.ReturnType.GetGenericArguments().Length : 0;
    }

    /// <summary>
    /// The same checks against any backward implementation; <paramref name="backward"/> gets the inputs,
    /// dResult and the gradient buffers (scalars boxed, updated in place in the array) and returns the value.
    /// </summary>
    public static void Check(MethodInfo forward, Func<object[], object, object[], object> backward, int seed = 12345, int dropComponent = -1)
    {
        var random = new Random(seed);
        var parameters = forward.GetParameters();
        var inputs = parameters.Select(p => Inputs.Random(p, random)).ToArray();
        var originals = inputs.Select(Inputs.DeepCopy).ToArray();
        var differentiable = parameters.Select((p, i) => (p, i)).Where(t => IsDifferentiable(t.p)).Select(t => t.i).ToArray();

        var value = forward.Invoke(null, inputs)!;
        var dResult = value switch
        {
            double => 0.5 + random.NextDouble(),
            ITuple tuple => RandomSeeds(tuple, random, dropComponent),
            _ => RandomLike(value, random),
        };

        var gradients = differentiable.Select(i => Inputs.ZerosLike(inputs[i])).ToArray();
        var returned = backward(inputs, dResult, gradients);

        AssertClose(value, returned, 1e-12, $"{forward.Name}Backward's returned value vs {forward.Name}");
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!Inputs.SameValues(originals[i], inputs[i]))
            {
                throw new XunitException($"{forward.Name}Backward modified its input '{parameters[i].Name}'.");
            }
        }

        var firstGradients = gradients.Select(Inputs.DeepCopy).ToArray();
        for (var k = 0; k < differentiable.Length; k++)
        {
            var index = differentiable[k];
            var name = parameters[index].Name;
            for (var e = 0; e < Inputs.Count(inputs[index]); e++)
            {
                var fd = CentralDifference(forward, inputs, index, e, dResult);
                var g = Inputs.Get(gradients[k], e);
                var error = Math.Abs(g - fd) / Math.Max(1e-3, Math.Max(Math.Abs(g), Math.Abs(fd)));
                if (!(error <= Tolerance))
                {
                    throw new XunitException(
                        $"{forward.Name}: d{name}[{e}] = {g:R} but central differences give {fd:R} (relative error {error:E2}).");
                }
            }
        }

        // ADD semantics: a second call on the same buffers adds the same gradient again.
        backward(inputs, dResult, gradients);
        for (var k = 0; k < differentiable.Length; k++)
        {
            var doubled = Scale(firstGradients[k], 2);
            AssertClose(doubled, gradients[k], 1e-12, $"{forward.Name}: second call must add d{parameters[differentiable[k]].Name} again");
        }
    }

    public static bool IsDifferentiable(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        var supported = type == typeof(double) || type == typeof(Vector<double>) || type == typeof(Matrix<double>)
            || type == typeof(double[]) || type == typeof(Vector<double>[]);
        return supported && parameter.GetCustomAttribute<NoDerivativeAttribute>() is null;
    }

    private static object InvokeBackward(MethodInfo backward, object[] inputs, object dResult, object[] gradients)
    {
        var arguments = inputs.Concat(new[] { dResult }).Concat(gradients).ToArray();
        if (backward.GetParameters().Length != arguments.Length)
        {
            throw new XunitException($"{backward.Name} has {backward.GetParameters().Length} parameters; the contract says {arguments.Length}.");
        }

        var value = backward.Invoke(null, arguments)!;
        for (var k = 0; k < gradients.Length; k++)
        {
            gradients[k] = arguments[inputs.Length + 1 + k];
        }

        return value;
    }

    private static double CentralDifference(MethodInfo forward, object[] inputs, int index, int element, object dResult)
    {
        var copy = inputs.Select(Inputs.DeepCopy).ToArray();
        var x = Inputs.Get(copy[index], element);
        copy[index] = Inputs.Set(copy[index], element, x + Step);
        var plus = Objective(forward.Invoke(null, copy)!, dResult);
        copy[index] = Inputs.Set(copy[index], element, x - Step);
        var minus = Objective(forward.Invoke(null, copy)!, dResult);
        return (plus - minus) / (2 * Step);
    }

    private static double Objective(object value, object? dResult) => value switch
    {
        ITuple tuple => Enumerable.Range(0, tuple.Length).Sum(i => Objective(tuple[i]!, ((ITuple)dResult!)[i])),
        _ when dResult is null => 0,
        double d => d * (double)dResult,
        _ => Inputs.Inner(value, dResult),
    };

    /// <summary>A seed per component of a tuple result, of the tuple's own type; component <paramref name="drop"/> null or 0.</summary>
    private static object RandomSeeds(ITuple value, Random random, int drop)
    {
        var seeds = new object?[value.Length];
        for (var i = 0; i < value.Length; i++)
        {
            seeds[i] = value[i] is double
                ? (i == drop ? 0.0 : 0.5 + random.NextDouble())
                : (i == drop ? null : RandomLike(value[i]!, random));
        }

        return Activator.CreateInstance(value.GetType(), seeds)!;
    }

    private static object RandomLike(object value, Random random)
    {
        var result = Inputs.ZerosLike(value);
        for (var i = 0; i < Inputs.Count(result); i++)
        {
            result = Inputs.Set(result, i, 2 * random.NextDouble() - 1);
        }

        return result;
    }

    private static object Scale(object value, double factor)
    {
        var copy = Inputs.DeepCopy(value);
        for (var i = 0; i < Inputs.Count(copy); i++)
        {
            copy = Inputs.Set(copy, i, factor * Inputs.Get(copy, i));
        }

        return copy;
    }

    public static void AssertClose(object expected, object actual, double relative, string what)
    {
        if (expected is ITuple tuple)
        {
            var other = (ITuple)actual;
            for (var i = 0; i < tuple.Length; i++)
            {
                AssertClose(tuple[i]!, other[i]!, relative, $"{what}, component {i}");
            }

            return;
        }

        if (Inputs.Count(expected) != Inputs.Count(actual))
        {
            throw new XunitException($"{what}: shapes differ.");
        }

        for (var i = 0; i < Inputs.Count(expected); i++)
        {
            var e = Inputs.Get(expected, i);
            var a = Inputs.Get(actual, i);
            if (!(Math.Abs(e - a) <= relative * Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a)))))
            {
                throw new XunitException($"{what}: entry {i} is {a:R}, expected {e:R}.");
            }
        }
    }

    /// <summary>Every [Differentiable] method of a type, for theories.</summary>
    public static IEnumerable<object[]> MethodsOf(Type type) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.GetCustomAttribute<DifferentiableAttribute>() is not null)
            .Select(m => m.Name)
            .Distinct()
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new object[] { n });
}
