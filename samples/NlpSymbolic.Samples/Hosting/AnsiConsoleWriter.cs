using System.Text;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>System.CommandLine's help and parse errors, written to the same console as everything else.</summary>
public sealed class AnsiConsoleWriter(IAnsiConsole console) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => console.Write(new Text(value.ToString()));

    public override void Write(string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            console.Write(new Text(value));
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        console.WriteLine();
    }
}
