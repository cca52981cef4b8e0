using System.Text.RegularExpressions;
using NlpSymbolic.Checkpoints;
using NlpSymbolic.Data;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// What an exception that leaves a command means to the user: one line naming the file and the problem, and the
/// exit code (<see cref="ExitCodes"/>). Never a stack trace: anything unexpected is still one line, exit 70.
/// </summary>
public static class CommandErrors
{
    /// <summary>Prints <paramref name="error"/> as one line and returns its exit code.</summary>
    public static int Report(IAnsiConsole console, Exception error)
    {
        var (prefix, message, code) = Describe(error);
        console.MarkupLine($"[red]error:{Markup.Escape(prefix)}[/] {Markup.Escape(OneLine(message))}");
        return code;
    }

    public static (string Prefix, string Message, int Code) Describe(Exception error) => error switch
    {
        SampleException e => ("", e.Message, e.ExitCode),
        DataFormatException e => (" malformed data:", e.Message, ExitCodes.BadInput),
        FileNotFoundException e => (" file not found:", e.FileName ?? e.Message, ExitCodes.MissingData),
        DirectoryNotFoundException e => (" folder not found:", e.Message, ExitCodes.MissingData),
        CheckpointMismatchException e => (" the checkpoint belongs to another model:", e.Message, ExitCodes.BadInput),
        CheckpointFormatException e => (" not a valid checkpoint:", e.Message, ExitCodes.BadInput),
        NonFiniteParameterException e => (" training diverged:", e.Message, ExitCodes.Diverged),
        TrainingDivergedException e => (" training diverged:", e.Message, ExitCodes.Diverged),
        FormatException e => ("", e.Message, ExitCodes.BadInput),
        OperationCanceledException => (" cancelled", "", ExitCodes.Cancelled),
        UnauthorizedAccessException e => (" cannot write:", e.Message, ExitCodes.CannotWrite),
        IOException e => (" input/output error:", e.Message, ExitCodes.CannotWrite),
        _ => ($" internal error ({error.GetType().Name}), please report it:", error.Message, ExitCodes.Internal),
    };

    /// <summary>An <see cref="ArgumentException"/>'s message without the API words " (Parameter 'state')".</summary>
    public static string Plain(ArgumentException error) => Regex.Replace(error.Message, @"\s*\(Parameter '[^']*'\)$", "");

    private static string OneLine(string message) => Regex.Replace(message.Trim(), @"\s*\r?\n\s*", "; ");
}
