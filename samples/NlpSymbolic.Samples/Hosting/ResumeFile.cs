using NlpSymbolic.Checkpoints;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// A <c>--resume</c> path is checked before any data is read: it must be a readable safetensors file. Whether it fits
/// the model (shapes, options) is checked when the model exists, and the command then says where it resumed from.
/// </summary>
public static class ResumeFile
{
    public static void Validate(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new SampleException($"--resume {full}: is a folder, not a checkpoint file", ExitCodes.MissingData);
        }

        var file = new FileInfo(full);
        if (!file.Exists)
        {
            throw new SampleException($"--resume {full}: no such checkpoint", ExitCodes.MissingData);
        }

        // A pipe or a device reports length 0 (and opening a pipe would wait for a writer): not a checkpoint.
        if (file.Length < 8)
        {
            throw new SampleException($"--resume {full}: not a checkpoint file ({file.Length} bytes: empty, a pipe or a device)", ExitCodes.BadInput);
        }

        try
        {
            SafeTensorsFile.Load(full);
        }
        catch (CheckpointFormatException e)
        {
            throw new SampleException($"--resume {full}: not a valid checkpoint: {e.Message}", ExitCodes.BadInput);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SampleException($"--resume {full}: cannot be read ({e.Message})", ExitCodes.MissingData);
        }
    }
}
