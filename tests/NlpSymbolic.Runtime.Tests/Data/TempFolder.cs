using System;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>A fresh folder under the system temp folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nlpsymbolic-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, string text)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    public string WriteGzip(string name, string text)
    {
        var path = File(name);
        using var stream = System.IO.File.Create(path);
        using var gzip = new GZipStream(stream, CompressionLevel.Fastest);
        var bytes = Encoding.UTF8.GetBytes(text);
        gzip.Write(bytes, 0, bytes.Length);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; failing a passing test over it is not.
        }
    }
}
