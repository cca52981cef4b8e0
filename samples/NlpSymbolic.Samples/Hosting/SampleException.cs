namespace NlpSymbolic.Samples.Hosting;

/// <summary>A problem the user can fix (missing data, a bad option): printed as one line, never a stack trace.</summary>
public sealed class SampleException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The process exit codes of every command (the samples' README lists them).</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>A bad command line: unknown option, a value out of range.</summary>
    public const int Usage = 1;

    /// <summary>An input cannot be read: data or checkpoint missing, a folder or a pipe where a file was expected, no permission.</summary>
    public const int MissingData = 2;

    /// <summary>An input is malformed: a bad line, an unknown tag, a truncated .gz, a checkpoint of another model or run.</summary>
    public const int BadInput = 3;

    /// <summary>Training diverged (NaN or infinity in the loss, a gradient, or a parameter about to be checkpointed).</summary>
    public const int Diverged = 4;

    /// <summary>An output cannot be written: the output folder is unwritable or a file, the disk is full.</summary>
    public const int CannotWrite = 5;

    /// <summary>A bug in the samples: one line with the exception's type and message.</summary>
    public const int Internal = 70;

    public const int Cancelled = 130;

    /// <summary>The list for --help.</summary>
    public const string Description =
        "Exit codes: 0 success; 1 bad command line; 2 an input cannot be read; 3 an input is malformed; 4 training diverged; "
        + "5 an output cannot be written; 70 internal error; 130 cancelled (Ctrl+C; a checkpoint is saved first).";
}
