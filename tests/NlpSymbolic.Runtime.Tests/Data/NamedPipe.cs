using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// A named pipe (mkfifo, Unix only) that serves bytes to a reader: a file that cannot seek, as
/// <c>--embeddings &lt;(zcat …)</c> or a fifo gives one.
/// </summary>
internal static class NamedPipe
{
    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    public static bool Supported => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS();

    /// <summary>Makes the pipe <paramref name="path"/>, writes <paramref name="bytes"/> into it beside <paramref name="read"/>, and returns what it returns.</summary>
    public static T Serve<T>(string path, byte[] bytes, Func<string, T> read)
    {
        Assert.Equal(0, mkfifo(path, 0x180));
        // Opening a pipe waits for its other end: the writer runs beside the reader.
        var writer = Task.Run(() =>
        {
            try
            {
                using var output = new FileStream(path, FileMode.Open, FileAccess.Write);
                output.Write(bytes);
            }
            catch (IOException)
            {
                // Broken pipe: the reader stopped at an error and closed its end.
            }
        });
        try
        {
            var result = read(path);
            Assert.True(writer.Wait(TimeSpan.FromMinutes(2)));
            return result;
        }
        finally
        {
            if (!writer.IsCompleted)
            {
                // The reader failed before opening or closing the pipe: let the writer finish.
                using var drain = new FileStream(path, FileMode.Open, FileAccess.Read);
                drain.CopyTo(Stream.Null);
            }
        }
    }
}
