using System;
using System.IO;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>How <see cref="CorpusFile"/> opens a file: byte order marks, and a compressed stream that cannot seek.</summary>
public sealed class CorpusFileTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

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
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return; // named pipes made by mkfifo: Unix only
        }

        const string text = "through a pipe\n";
        var path = folder.File("pipe.txt.gz");
        Assert.Equal(0, mkfifo(path, 0x180));
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }

        // Opening a pipe waits for its other end: the writer runs beside the reader.
        var writer = Task.Run(() =>
        {
            using var output = new FileStream(path, FileMode.Open, FileAccess.Write);
            output.Write(compressed.ToArray());
        });
        try
        {
            Assert.Equal(text, PlainTextReader.ReadText(path));
            Assert.True(writer.Wait(TimeSpan.FromMinutes(2)));
        }
        finally
        {
            if (!writer.IsCompleted)
            {
                using var drain = new FileStream(path, FileMode.Open, FileAccess.Read);
                drain.CopyTo(Stream.Null);
            }
        }
    }
}
