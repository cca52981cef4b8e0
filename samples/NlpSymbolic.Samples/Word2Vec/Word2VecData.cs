using NlpSymbolic.Data;
using NlpSymbolic.Samples.Hosting;
using Spectre.Console;

namespace NlpSymbolic.Samples.Word2Vec;

/// <summary>
/// Where the text comes from: <c>--data</c> (a Brown folder, one Brown file, or any UTF-8 text), else the Brown
/// corpus through npm, else the Tiny Shakespeare text the repository ships.
/// </summary>
internal static class Word2VecData
{
    public static Word2VecCorpus Load(SampleContext context, string? data, int minCount, long? maxTokens, bool keepPunctuation = false)
    {
        void Say(string line) => context.Console.WriteLine(line);
        if (data is not null)
        {
            return FromPath(data, minCount, maxTokens, keepPunctuation);
        }

        var brown = BrownCorpusCache.TryGet(Say, out var whyNot);
        if (brown is not null)
        {
            return Word2VecCorpus.Build($"Brown corpus ({brown})", BrownSentences(brown), minCount, maxTokens, keepPunctuation);
        }

        var shipped = Path.Combine(SampleContext.ShippedData, "tinyshakespeare", "input.txt.gz");
        if (!File.Exists(shipped))
        {
            throw new SampleException(
                $"no corpus: the Brown corpus needs npm ({whyNot}) and the shipped fallback {shipped} does not exist; "
                + "pass --data with a Brown folder or a text file.",
                ExitCodes.MissingData);
        }

        Say($"Brown corpus not available ({whyNot}); training on the shipped Tiny Shakespeare instead.");
        return Word2VecCorpus.Build($"Tiny Shakespeare ({shipped})", TextSentences(shipped), minCount, maxTokens, keepPunctuation);
    }

    private static Word2VecCorpus FromPath(string data, int minCount, long? maxTokens, bool keepPunctuation)
    {
        var path = Path.GetFullPath(data);
        if (Directory.Exists(path))
        {
            // The npm tarball unpacks into package/; accept the folder above it too.
            if (!HasBrownFiles(path) && HasBrownFiles(Path.Combine(path, "package")))
            {
                path = Path.Combine(path, "package");
            }

            if (!HasBrownFiles(path))
            {
                throw new SampleException($"--data {data}: the folder has no Brown corpus files (ca01 … cr09).", ExitCodes.MissingData);
            }

            return Word2VecCorpus.Build($"Brown corpus ({path})", BrownSentences(path), minCount, maxTokens, keepPunctuation);
        }

        if (!File.Exists(path))
        {
            throw new SampleException($"--data {data}: no such file or folder.", ExitCodes.MissingData);
        }

        return IsBrownFileName(Path.GetFileName(path))
            ? Word2VecCorpus.Build($"Brown corpus file ({path})", BrownReader.Read(path).Select(s => (IReadOnlyList<string>)s.Words), minCount, maxTokens)
            : Word2VecCorpus.Build($"text ({path})", TextSentences(path), minCount, maxTokens, keepPunctuation);
    }

    private static IEnumerable<IReadOnlyList<string>> BrownSentences(string folder) =>
        BrownReader.ReadDirectory(folder).Select(s => (IReadOnlyList<string>)s.Words);

    /// <summary>Plain text: each non-blank line is a sentence of whitespace-separated tokens.</summary>
    private static IEnumerable<IReadOnlyList<string>> TextSentences(string path) => PlainTextReader.ReadTokenLines(path);

    private static bool HasBrownFiles(string folder) =>
        Directory.Exists(folder) && Directory.EnumerateFiles(folder).Any(f => IsBrownFileName(Path.GetFileName(f)));

    private static bool IsBrownFileName(string name) =>
        name.Length == 4 && name[0] == 'c' && char.IsAsciiLetterLower(name[1]) && char.IsAsciiDigit(name[2]) && char.IsAsciiDigit(name[3]);
}
