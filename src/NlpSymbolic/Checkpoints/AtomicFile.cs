using System;
using System.IO;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Replaces a file so that readers, and a crash at any moment, see either the old content or the
/// complete new content, never a prefix.
/// </summary>
internal static class AtomicFile
{
    /// <summary>
    /// Writes to a temporary file beside <paramref name="path"/> (a rename is only atomic within
    /// one file system), forces it to disk, then renames it over <paramref name="path"/>. On any
    /// failure the temporary file is removed and <paramref name="path"/> is untouched.
    /// </summary>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="write">Writes the whole content.</param>
    /// <param name="beforeCommit">Test hook: runs with the finished temporary file's path just before the rename.</param>
    internal static void Write(string path, Action<Stream> write, Action<string>? beforeCommit = null)
    {
        string target = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(target) ?? throw new ArgumentException($"\"{path}\" has no containing folder.", nameof(path));
        // Hidden, unique and recognisable, so a temporary left by a killed process is easy to spot.
        string temporary = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: /* Stryker disable once Bitwise : the buffer size changes only how many bytes each system call moves */ 1 << 16))
            {
                write(file);
                // Without this the rename can reach the disk before the data does, and a power
                // cut leaves a complete-looking file full of zeros.
                file.Flush(flushToDisk: true);
            }

            beforeCommit?.Invoke(temporary);
            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    private static void TryDelete(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original failure is the one worth reporting; a stray temporary is named so it can be found.
        }
    }
}
