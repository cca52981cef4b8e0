using Microsoft.CodeAnalysis;

namespace NlpSymbolic.Generator.Model;

/// <summary>A diagnostic carried as data until the output stage (MVVM Toolkit's approach).</summary>
internal sealed record DiagnosticInfo(string DescriptorId, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s tree of its file when given (see <see cref="LocationInfo.ToLocation(Compilation)"/>).</summary>
    public Diagnostic ToDiagnostic(Compilation? compilation = null)
    {
        var descriptor = Diagnostics.DiagnosticDescriptors.ById(DescriptorId);
        var args = new object[Arguments.Count];
        for (var i = 0; i < args.Length; i++)
        {
            args[i] = Arguments[i];
        }

        return Diagnostic.Create(descriptor, Location?.ToLocation(compilation) ?? Microsoft.CodeAnalysis.Location.None, args);
    }

    public DiagnosticInfo Moved(int positions, int lines) => Location is null ? this : this with { Location = Location.Moved(positions, lines) };
}
