using System;
using System.IO;
using System.IO.Compression;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>How <see cref="CorpusFile"/> opens a file: byte order marks, and a compressed stream that cannot seek.</summary>
public sealed class CorpusFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void A_utf8_byte_order_mark_is_not_part_of_the_text()
    {
        var path = folder.File("bom.txt");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. "word\n"u8]);
        Assert.Equal("word\n", PlainTextReader.ReadText(path));
    }

    [Fact]
    public void A_compressed_named_pipe_is_read_without_seeking()
    {
        if (!NamedPipe.Supported)
        {
            return; // named pipes made by mkfifo: Unix only
        }

        const string text = "through a pipe\n";
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        Assert.Equal(text, NamedPipe.Serve(folder.File("pipe.txt.gz"), compressed.ToArray(), PlainTextReader.ReadText));
    }
}
