using System.Text;

namespace NlpSymbolic.Generator.Emission;

/// <summary>A minimal indented writer (dotnet/runtime's generators write text, not SyntaxFactory trees).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder text = new();
    private int indent;

    public void Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', indent * 4);
        }

        text.Append(line).Append('\n');
    }

    public void Open(string line)
    {
        Line(line);
        Line("{");
        indent++;
    }

    public void Close(string suffix = "")
    {
        indent--;
        Line("}" + suffix);
    }

    public override string ToString() => text.ToString();
}
