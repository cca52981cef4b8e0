using System;
using System.Collections.Generic;
using System.IO;

namespace WindowNer;

/// <summary>A token of a CoNLL-2003 file: the word and its NER tag (IOB1: O, I-TYPE, B-TYPE).</summary>
public readonly record struct Token(string Word, string Tag)
{
    public bool IsEntity => Tag != "O";
}

/// <summary>A line of a CoNLL file that is not "word POS chunk NER".</summary>
public sealed class ConllFormatException(string path, int line, string problem)
    : Exception($"{path}:{line}: {problem}")
{
    public string Path { get; } = path;

    public int Line { get; } = line;
}

/// <summary>Reads the original 4-column CoNLL-2003 files (word POS chunk NER; blank lines end sentences).</summary>
public static class Conll
{
    public static List<Token[]> Read(string path, int maxSentences = int.MaxValue)
    {
        var sentences = new List<Token[]>();
        var current = new List<Token>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (line.Length == 0 || line.Trim().Length == 0)
            {
                Flush();
                if (sentences.Count >= maxSentences)
                {
                    break;
                }

                continue;
            }

            var fields = line.Split(' ');
            if (fields.Length != 4 || Array.Exists(fields, f => f.Length == 0))
            {
                throw new ConllFormatException(path, lineNumber,
                    $"expected 4 space-separated columns 'word POS chunk NER' but found {fields.Length}: \"{Shorten(line)}\"");
            }

            if (fields[0] == "-DOCSTART-")
            {
                Flush();
                continue;
            }

            var tag = fields[3];
            if (tag != "O" && !(tag.Length > 2 && (tag[0] == 'I' || tag[0] == 'B') && tag[1] == '-'))
            {
                throw new ConllFormatException(path, lineNumber, $"NER tag \"{Shorten(tag)}\" is not O, I-TYPE or B-TYPE");
            }

            current.Add(new Token(fields[0], tag));
        }

        Flush();
        return sentences;

        void Flush()
        {
            if (current.Count > 0 && sentences.Count < maxSentences)
            {
                sentences.Add(current.ToArray());
            }

            current.Clear();
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
