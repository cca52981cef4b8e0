namespace NlpSymbolic.Samples.Hosting;

/// <summary>The output folder is made and proven writable before any data is read or any step trained.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="path"/> if needed and writes and deletes a probe file in it; else one line, exit 5.</summary>
    public static void EnsureWritable(string path)
    {
        if (File.Exists(path))
        {
            throw new SampleException($"--output {path}: a file is in the way (name a folder)", ExitCodes.CannotWrite);
        }

        var probe = Path.Combine(path, $".nlpsym-write-test-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(path);
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleException($"--output {path}: the folder cannot be written ({e.Message})", ExitCodes.CannotWrite);
        }
    }
}
