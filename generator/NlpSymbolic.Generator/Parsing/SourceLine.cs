using System.Text;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>The user's source on one line (each run of white space, line breaks included, one space), for comments and messages.</summary>
internal static class SourceLine
{
    public static string Of(string text)
    {
        var line = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = line.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                line.Append(' ');
                pendingSpace = false;
            }

            line.Append(c);
        }

        return line.ToString();
    }
}
