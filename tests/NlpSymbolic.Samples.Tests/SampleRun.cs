using System;
using System.IO;
using NlpSymbolic.Samples;
using Spectre.Console;

namespace NlpSymbolic.Samples.Tests;

/// <summary>One in-process run of the samples program: its exit code and everything it printed.</summary>
internal sealed record SampleRun(int ExitCode, string Output)
{
    public static SampleRun Of(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 200;
        var code = Program.Run(args, console);
        return new SampleRun(code, writer.ToString());
    }

    /// <summary>A fresh output folder deleted when the test process exits.</summary>
    public static string TempOutput() => Scratch.Folder("run-");
}
