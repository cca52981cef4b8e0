using System.CommandLine;
using System.IO;

namespace NlpSymbolic.Tool;

/// <summary>
/// <c>nlpsym</c>: the NlpSymbolic generator on the command line. <c>nlpsym show FILE.cs [--method NAME]</c>
/// compiles one file in memory against the runtime and MathNet, runs the generator and prints what it wrote
/// (stdout) and the diagnostics (stderr, <c>file(line,col): severity ID: message</c> as the compiler writes them).
/// Exit codes are listed in <see cref="ExitCodes"/>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, System.Console.Out, System.Console.Error);

    /// <summary>Runs a command line with the given writers (tests call this).</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A C# file with [Differentiable] methods (compiled as it is, with the SDK's implicit usings)." };
        var method = new Option<string?>("--method", "-m") { Description = "Only the generated files of the [Differentiable] method(s) with this name." };
        var show = new Command("show", "Print the generated backward source of FILE and its diagnostics.\n" + ExitCodes.Description)
        {
            file,
            method,
        };
        show.SetAction(parse => ShowCommand.Run(parse.GetValue(file)!, parse.GetValue(method), output, error));

        var root = new RootCommand("nlpsym: what the NlpSymbolic source generator writes for a C# file.");
        root.Subcommands.Add(show);
        return root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
