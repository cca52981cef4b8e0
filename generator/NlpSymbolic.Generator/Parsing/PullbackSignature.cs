using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The one signature a hand-written pullback of <c>static R F(p1, …, pn)</c> has: the same shape as the
/// <c>FPullback</c> the generator writes for a [Differentiable] method, so that generated code calls either the
/// same way: <c>static void FPullback(p1, …, pn, R dy, &lt;gradient of each differentiable pᵢ&gt;)</c>, where a
/// <c>double</c>'s gradient is <c>ref double</c> and a buffer's is a buffer of its type (ADD semantics).
/// </summary>
internal static class PullbackSignature
{
    private const string NoDerivativeAttributeName = "NlpSymbolic.NoDerivativeAttribute";

    /// <summary>Why <paramref name="function"/> cannot have a custom derivative, or null when it can.</summary>
    public static string? Unsupported(IMethodSymbol function)
    {
        if (!function.IsStatic)
        {
            return $"'{function.Name}' is an instance method (only static methods can have a declared derivative)";
        }

        if (function.IsGenericMethod || function.ContainingType.IsGenericType)
        {
            return $"'{function.Name}' is generic (derivatives are declared for methods over double, Vector<double> and Matrix<double>)";
        }

        foreach (var parameter in function.Parameters)
        {
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                return parameter.RefKind == RefKind.Out
                    ? $"its parameter '{parameter.Name}' is 'out' (return the value instead)"
                    : $"its parameter '{parameter.Name}' is '{(parameter.IsParams ? "params" : parameter.RefKind.ToString().ToLowerInvariant())}' (parameters must be passed by value)";
            }

            if (KindClassifier.Classify(parameter.Type) is null)
            {
                return $"its parameter '{parameter.Name}' has type '{parameter.Type.ToDisplayString()}' (supported: double, Vector<double>, Matrix<double>, double[], Vector<double>[], int, bool, int[])";
            }
        }

        return KindClassifier.Classify(function.ReturnType) is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix
            ? null
            : $"it returns '{function.ReturnType.ToDisplayString()}' (supported: double, Vector<double>, Matrix<double>)";
    }

    /// <summary>Per parameter of <paramref name="function"/>: whether its pullback takes a gradient for it.</summary>
    public static IEnumerable<bool> Differentiable(IMethodSymbol function) =>
        function.Parameters.Select(p => KindClassifier.Classify(p.Type) is { } kind && kind.IsDifferentiable()
            && !p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == NoDerivativeAttributeName));

    /// <summary>Whether <paramref name="pullback"/> has the signature of a pullback of <paramref name="function"/>.</summary>
    public static bool Matches(IMethodSymbol function, IMethodSymbol pullback)
    {
        var expected = Expected(function).ToList();
        return pullback.IsStatic && pullback.ReturnsVoid && !pullback.IsGenericMethod
            && pullback.Parameters.Length == expected.Count
            && pullback.Parameters.Zip(expected, (p, e) => p.RefKind == e.RefKind && !p.IsParams && KindClassifier.Classify(p.Type) == e.Kind).All(ok => ok);
    }

    /// <summary>
    /// The expected declaration as users write it: <c>static void RoundPullback(double x, double dy, ref double dx)</c>.
    /// </summary>
    public static string Describe(IMethodSymbol function, string pullbackName) =>
        $"static void {pullbackName}({string.Join(", ", Expected(function).Select(e => (e.RefKind == RefKind.Ref ? "ref " : string.Empty) + e.Kind.ShortName() + " " + e.Name))})";

    private static IEnumerable<(ValueKind Kind, RefKind RefKind, string Name)> Expected(IMethodSymbol function)
    {
        var names = new HashSet<string>(function.Parameters.Select(p => p.Name));
        string Fresh(string name)
        {
            var candidate = name;
            for (var i = 1; !names.Add(candidate); i++)
            {
                candidate = name + "_" + i;
            }

            return candidate;
        }

        foreach (var parameter in function.Parameters)
        {
            yield return (KindClassifier.Classify(parameter.Type)!.Value, RefKind.None, parameter.Name);
        }

        yield return (KindClassifier.Classify(function.ReturnType)!.Value, RefKind.None, Fresh("dy"));
        foreach (var (parameter, differentiable) in function.Parameters.Zip(Differentiable(function), (p, d) => (p, d)))
        {
            if (differentiable)
            {
                var kind = KindClassifier.Classify(parameter.Type)!.Value;
                yield return (kind, kind == ValueKind.Scalar ? RefKind.Ref : RefKind.None, Fresh("d" + parameter.Name));
            }
        }
    }

    /// <summary>How to declare the derivative of <paramref name="function"/> from code in <paramref name="from"/>.</summary>
    public static string Declaration(IMethodSymbol function, INamedTypeSymbol? from) =>
        Attribute(function, from) + " on " + Describe(function, function.Name + "Pullback");

    /// <summary>The <c>[DerivativeOf]</c> attribute naming <paramref name="function"/> from code in <paramref name="from"/>.</summary>
    public static string Attribute(IMethodSymbol function, INamedTypeSymbol? from)
    {
        var type = function.ContainingType;
        return SymbolEqualityComparer.Default.Equals(type, from)
            ? $"[DerivativeOf(nameof({function.Name}))]"
            : $"[DerivativeOf(typeof({type.Name}), nameof({type.Name}.{function.Name}))]";
    }
}
