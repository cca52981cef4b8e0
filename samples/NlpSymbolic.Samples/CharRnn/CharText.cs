using NlpSymbolic.Data;
using NlpSymbolic.Samples.Hosting;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>A text as character ids: the vocabulary is the text's distinct characters in ordinal order (min-char-rnn's set).</summary>
public sealed class CharText
{
    private CharText(string path, string characters, int[] ids)
    {
        Path = path;
        Characters = characters;
        Ids = ids;
    }

    public string Path { get; }

    /// <summary>The vocabulary: character i has id i.</summary>
    public string Characters { get; }

    public int[] Ids { get; }

    public int Vocabulary => Characters.Length;

    /// <summary>big.txt from ../shared (the lecture's 6.5 MB, 93-character text) when present, else the shipped Tiny Shakespeare.</summary>
    public static string DefaultPath()
    {
        if (SampleContext.SharedData is { } shared && File.Exists(System.IO.Path.Combine(shared, "norvig-big", "big.txt")))
        {
            return System.IO.Path.Combine(shared, "norvig-big", "big.txt");
        }

        return ShippedTinyShakespeare;
    }

    public static string ShippedTinyShakespeare => System.IO.Path.Combine(SampleContext.ShippedData, "tinyshakespeare", "input.txt.gz");

    /// <summary>Reads the text (.gz too); a missing file exits 2, a text too short for one chunk exits 3.</summary>
    public static CharText Load(string path, int chunkLength)
    {
        if (!File.Exists(path))
        {
            throw new SampleException($"{path}: no such file (pass --data <text file>)", ExitCodes.MissingData);
        }

        var text = PlainTextReader.ReadText(path);
        if (text.Length < chunkLength + 2)
        {
            throw new SampleException(
                text.Length == 0
                    ? $"{path}: the file is empty; a character model needs a text of at least {chunkLength + 2} characters"
                    : $"{path}: the text has {text.Length} characters; a chunk of {chunkLength} needs at least {chunkLength + 2}",
                ExitCodes.BadInput);
        }

        var characters = new string(text.Distinct().Order().ToArray());
        var index = new Dictionary<char, int>();
        for (var i = 0; i < characters.Length; i++)
        {
            index[characters[i]] = i;
        }

        var ids = new int[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            ids[i] = index[text[i]];
        }

        return new CharText(path, characters, ids);
    }
}
