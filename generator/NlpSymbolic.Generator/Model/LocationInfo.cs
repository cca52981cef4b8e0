using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace NlpSymbolic.Generator.Model;

/// <summary>A source location as plain values, so diagnostics can travel through the cached pipeline.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>
    /// The location in the compilation's tree of this file, when it has one that still holds the span: a location in
    /// a tree is what <c>#pragma warning disable</c> and a file's .editorconfig severity apply to (a location made
    /// from a path alone is outside every tree, so neither would).
    /// </summary>
    public Location ToLocation(Compilation? compilation)
    {
        if (compilation is not null)
        {
            foreach (var tree in compilation.SyntaxTrees)
            {
                if (tree.FilePath == FilePath && Span.End <= tree.Length)
                {
                    return Location.Create(tree, Span);
                }
            }
        }

        return ToLocation();
    }

    public static LocationInfo? From(Location? location)
    {
        if (location is null || location.SourceTree is null)
        {
            return null;
        }

        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }

    public static LocationInfo? From(SyntaxNode node) => From(node.GetLocation());

    /// <summary>The same place after the text before it grew by <paramref name="positions"/> characters and <paramref name="lines"/> lines.</summary>
    public LocationInfo Moved(int positions, int lines) => new(
        FilePath,
        new TextSpan(Span.Start + positions, Span.Length),
        new LinePositionSpan(
            new LinePosition(LineSpan.Start.Line + lines, LineSpan.Start.Character),
            new LinePosition(LineSpan.End.Line + lines, LineSpan.End.Character)));

    public bool IsWithin(string filePath, TextSpan span) => FilePath == filePath && span.Contains(Span);
}
