using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace NlpSymbolic.Data;

/// <summary>The on-disk form of vocabularies and tag sets: one token per line, UTF-8, LF, index = line − 1.</summary>
internal static class TokenListFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Writes to a temporary file in the destination's folder and renames it over the destination, so a crash
    /// leaves either the old file or the complete new one, never a truncated list (a rename within one folder is atomic).
    /// </summary>
    public static void Save(string path, IReadOnlyList<string> tokens, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].AsSpan().IndexOfAny('\n', '\r') >= 0)
            {
                throw new ArgumentException($"cannot save {what}: token {i} (\"{tokens[i].ReplaceLineEndings(" ")}\") contains a line break", nameof(tokens));
            }
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? throw new ArgumentException($"cannot save {what} to {path}: no folder", nameof(path));
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                using (var writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true))
                {
                    foreach (var token in tokens)
                    {
                        writer.Write(token);
                        writer.Write('\n');
                    }
                }

                // Data must reach the disk before the rename makes it visible under the real name.
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }

    /// <summary>Reads the tokens, rejecting duplicates with the line of each occurrence.</summary>
    public static List<string> Load(string path, string what)
    {
        ArgumentNullException.ThrowIfNull(path);
        CorpusFile.RequireExists(path, what);
        var tokens = new List<string>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        using var lines = LineReader.Open(path);
        while (lines.TryRead(out var line))
        {
            if (!firstLine.TryAdd(line, lines.LineNumber))
            {
                throw lines.Error($"duplicate token \"{line}\" in {what} (first on line {firstLine[line]})");
            }

            tokens.Add(line);
        }

        return tokens;
    }
}
