using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace NlpSymbolic.Generator.Model;

/// <summary>A diagnostic carried as data until the output stage (MVVM Toolkit's approach).</summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>
    /// What a code fix needs and should not work out again, as key, value, key, value, … (the diagnostic's
    /// properties): for NLPSYM123, the pullback to declare (<see cref="PullbackDeclarationKey"/>, <see cref="DerivativeOfKey"/>).
    /// </summary>
    public EquatableArray<string> Properties { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The property holding a pullback's signature, as users write it (<c>static void HelperPullback(double a, double dy, ref double da)</c>).</summary>
    public const string PullbackDeclarationKey = "PullbackDeclaration";

    /// <summary>The property holding the <c>[DerivativeOf(…)]</c> attribute that names the function from the calling type.</summary>
    public const string DerivativeOfKey = "DerivativeOf";

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s tree of its file when given (see <see cref="LocationInfo.ToLocation(Compilation)"/>).</summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(DescriptorId);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        for (var i = 0; i + 1 < Properties.Count; i += 2)
        {
            properties[Properties[i]] = Properties[i + 1];
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, properties.ToImmutable(), args);
    }

    public DiagnosticInfo Moved(int positions, int lines) => Location is null ? this : this with { Location = Location.Moved(positions, lines) };
}
