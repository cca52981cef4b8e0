using System;
using System.Linq;
using System.Reflection;

namespace NlpSymbolic;

/// <summary>
/// Run-time access to what the generator wrote. Each type with <see cref="DifferentiableAttribute"/> methods
/// gets a nested static class <c>BackwardSources</c> holding, per method name, the generated source as a string
/// constant (<c>Window.BackwardSources.Score</c>); <see cref="SourceOf(Type, string)"/> finds the same text by
/// name. Nothing here is on the hot path: the constants are only read when you read them.
/// </summary>
/// <remarks>
/// The constants are left out of the assembly when the project sets the MSBuild property
/// <c>&lt;NlpSymbolicEmitBackwardSources&gt;false&lt;/NlpSymbolicEmitBackwardSources&gt;</c>.
/// </remarks>
public static class Differentiation
{
    /// <summary>The name of the nested class the generator adds to each type with [Differentiable] methods.</summary>
    public const string SourcesClassName = "BackwardSources";

    /// <summary>
    /// The generated source of <paramref name="methodName"/>'s backward (the whole generated file: <c>NameBackward</c>
    /// and its hidden Forward and Pullback; overloads one after the other), as the generator wrote it.
    /// </summary>
    /// <param name="type">The type that declares the [Differentiable] method.</param>
    /// <param name="methodName">The method's name, e.g. <c>nameof(Window.Score)</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> or <paramref name="methodName"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="type"/> has no generated source for <paramref name="methodName"/>: the method is not
    /// [Differentiable], the generator reported an error for it, or the project set
    /// <c>NlpSymbolicEmitBackwardSources</c> to <c>false</c>.
    /// </exception>
    public static string SourceOf(Type type, string methodName)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(methodName);
        var sources = type.GetNestedType(SourcesClassName, BindingFlags.Public | BindingFlags.NonPublic);
        if (sources is null)
        {
            throw new ArgumentException(
                $"{type.FullName} has no generated {SourcesClassName} class: it has no [Differentiable] method that was generated, "
                + "or its project sets <NlpSymbolicEmitBackwardSources>false</NlpSymbolicEmitBackwardSources>.",
                nameof(type));
        }

        var field = sources.GetField(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (field is null || !field.IsLiteral || field.GetRawConstantValue() is not string text)
        {
            var known = sources.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => f.Name)
                .OrderBy(name => name, StringComparer.Ordinal);
            throw new ArgumentException(
                $"{type.FullName} has no generated source for '{methodName}' (generated: {string.Join(", ", known)}). "
                + "Is the method [Differentiable], and did the generator report an error for it?",
                nameof(methodName));
        }

        return text;
    }
}
