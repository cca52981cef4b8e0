using System.IO;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>Checks that a reader let go of its file: nobody else may hold it open while it is opened exclusively.</summary>
internal static class FileAssert
{
    public static void IsClosed(string path)
    {
        using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
    }

    public static void IsOpen(string path) => Assert.Throws<IOException>(() => IsClosed(path));
}
