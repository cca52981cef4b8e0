using System;
using System.IO;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// Locates the real corpora in <c>../shared/data</c> beside the repository. They are not part of the repository
/// (CoNLL-2003 may not be redistributed), so tests that use them return early when the folder is absent.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string?> Root = new(Find);

    /// <summary>The full path of <paramref name="relative"/> under shared/data, or null when the file is not there.</summary>
    public static string? File(string relative)
    {
        if (Root.Value is null)
        {
            return null;
        }

        var path = Path.Combine(Root.Value, relative);
        return System.IO.File.Exists(path) ? path : null;
    }

    private static string? Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(folder.FullName, "NlpSymbolic.sln")))
            {
                var data = Path.Combine(folder.Parent?.FullName ?? folder.FullName, "shared", "data");
                return Directory.Exists(data) ? data : null;
            }
        }

        return null;
    }
}
