using System.Collections.Generic;
using System.Text;

namespace NlpSymbolic.Generator.Emission;

/// <summary>A minimal indented writer (dotnet/runtime's generators write text, not SyntaxFactory trees).</summary>
internal sealed class SourceWriter
{
    private readonly List<(int Indent, string Text)> lines = new();
    private int indent;

    public void Line(string line = "") => lines.Add((line.Length == 0 ? 0 : indent, line));

    public void Open(string line)
    {
        Line(line);
        Line("{");
        indent++;
    }

    public void Indent() => indent++;

    public void Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
    }

    /// <summary>Appends another writer's lines at this writer's indentation.</summary>
    public void Append(SourceWriter other)
    {
        foreach (var (level, text) in other.lines)
        {
            lines.Add((text.Length == 0 ? 0 : level + indent, text));
        }
    }

    public bool Any(System.Func<string, bool> predicate)
    {
        foreach (var (_, text) in lines)
        {
            if (predicate(text))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var (level, line) in lines)
        {
            text.Append(' ', level * 4).Append(line).Append('\n');
        }

        return text.ToString();
    }
}
