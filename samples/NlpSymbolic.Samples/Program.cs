using System.CommandLine;
using System.CommandLine.Invocation;
using NlpSymbolic.Samples.Hosting;
using Spectre.Console;

namespace NlpSymbolic.Samples;

/// <summary>
/// The lecture's models trained on real data with generated gradients and the training runtime. Every
/// command ends with its metric next to the published figure, a checkpoint, curves and the generated source.
/// Without a command it runs <c>pos</c> on the UD English EWT data the repository ships.
/// </summary>
public static class Program
{
    // Under mpiexec, Ranks.Run hands rank 0 this console and the other ranks a quiet one (see Ranks).
    public static int Main(string[] args) => Ranks.Run(console =>
    {
        if (ReferenceEquals(console, AnsiConsole.Console) && Console.IsOutputRedirected)
        {
            // Into a file or a pipe, lines stay whole: paths and log lines are not wrapped at 80 columns.
            console.Profile.Width = 4096;
        }

        return Run(args, console);
    });

    /// <summary>Runs a command line; tests call this with a recording console.</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        using var cancellation = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            // The first Ctrl+C stops training after the current step (a checkpoint is saved); a second one kills.
            if (!cancellation.IsCancellationRequested)
            {
                e.Cancel = true;
                cancellation.Cancel();
            }
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var output = new Option<DirectoryInfo>("--output") { Description = "Folder for checkpoints, curves and reports (default: samples-output).", DefaultValueFactory = _ => new DirectoryInfo("samples-output"), Recursive = true };
            var quiet = new Option<bool>("--quiet") { Description = "No live display: a progress line every few seconds.", Recursive = true };
            var log = new Option<FileInfo?>("--log") { Description = "The run log, JSON Lines appended as training goes (default: {output}/{command}.metrics.jsonl).", Recursive = true };
            var plots = new Option<DirectoryInfo?>("--plots") { Description = "Folder for the charts (default: the output folder).", Recursive = true };
            SampleContext Context(ParseResult parse) => new(console, parse.GetValue(output)!.FullName, cancellation.Token, parse.GetValue(quiet),
                parse.CommandResult.Command.Name, parse.GetValue(log)?.FullName, parse.GetValue(plots)?.FullName);

            var commands = SampleCommands.All(Context);
            foreach (var command in commands)
            {
                GuardAction(command, console, parse => parse.GetValue(output)!.FullName);
            }

            var root = new RootCommand("NlpSymbolic samples: models trained with generated gradients. Without a command: pos.\n" + ExitCodes.Description);
            root.Options.Add(output);
            root.Options.Add(quiet);
            root.Options.Add(log);
            root.Options.Add(plots);
            foreach (var command in commands)
            {
                root.Subcommands.Add(command);
            }

            // The main job: `dotnet run --project samples/NlpSymbolic.Samples` trains the POS tagger on shipped data.
            var defaultCommand = commands.FirstOrDefault(c => c.Name == "pos");
            // Root options alone (`-- --quiet`, `--output dir`) run it too; help and version stay the root's.
            string[] rootOnly = ["-h", "--help", "-?", "/?", "/h", "--version"];
            var names = commands.SelectMany(c => c.Aliases.Prepend(c.Name)).ToHashSet(StringComparer.Ordinal);
            if (defaultCommand is not null && !args.Any(names.Contains) && !args.Any(rootOnly.Contains))
            {
                args = ["pos", .. args];
            }

            var parse = root.Parse(args);
            var writer = new AnsiConsoleWriter(console);
            return parse.Invoke(new InvocationConfiguration { Output = writer, Error = writer });
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>
    /// Runs before every command's own action, whatever the command: the output folder made and proven writable, a
    /// <c>--resume</c> file checked, and anything the action throws turned into one line and an exit code.
    /// </summary>
    private static void GuardAction(Command command, IAnsiConsole console, Func<ParseResult, string> outputFolder)
    {
        if (command.Action is not SynchronousCommandLineAction inner)
        {
            return;
        }

        command.SetAction(parse =>
        {
            try
            {
                OutputFolder.EnsureWritable(outputFolder(parse));
                var resume = command.Options.FirstOrDefault(o => o.Name == "--resume");
                if (resume is not null && parse.GetResult(resume) is { Tokens: [var token, ..] })
                {
                    ResumeFile.Validate(token.Value);
                }

                return inner.Invoke(parse);
            }
            catch (Exception e)
            {
                return CommandErrors.Report(console, e);
            }
        });
    }

    /// <summary>Wraps a command body: user errors become one line and an exit code, never a stack trace.</summary>
    public static int Guard(IAnsiConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return CommandErrors.Report(console, e);
        }
    }
}

/// <summary>The commands; each lives in its own folder and adds one line here.</summary>
public static class SampleCommands
{
    public static IReadOnlyList<Command> All(Func<ParseResult, SampleContext> context)
    {
        var commands = new List<Command>();
        commands.Add(Pos.PosCommand.Create(context));
        commands.Add(Ner.NerCommand.Create(context));
        commands.Add(Word2Vec.Word2VecCommand.Create(context));
        commands.Add(CharRnn.CharRnnCommand.Create(context));
        commands.Add(CharRnn.GruCommand.Create(context));
        return commands;
    }
}
