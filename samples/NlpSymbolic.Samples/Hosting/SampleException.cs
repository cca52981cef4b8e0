namespace NlpSymbolic.Samples.Hosting;

/// <summary>A problem the user can fix (missing data, a bad option): printed as one line, never a stack trace.</summary>
public sealed class SampleException(string message, int exitCode = ExitCodes.BadInput) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>The process exit codes of every command.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Usage = 1;
    public const int MissingData = 2;
    public const int BadInput = 3;
    public const int Diverged = 4;
    public const int Cancelled = 130;
}
