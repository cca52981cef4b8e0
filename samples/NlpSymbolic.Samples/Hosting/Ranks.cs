using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>
/// The samples under <c>mpiexec -n N</c>: every process trains the same model on its share of each minibatch's
/// shards (see <see cref="Communicator"/>); rank 0 prints and writes the outputs, the other ranks write theirs to a
/// scratch folder that is deleted at the end. Started without mpiexec (or with one rank) nothing changes.
/// </summary>
public static class Ranks
{
    // A rank that fails waits this long before ending the run, so that when every rank fails the same way (a
    // diverged loss is seen by all) rank 0's line is the one printed.
    private static readonly TimeSpan NonRootGrace = TimeSpan.FromSeconds(3);

    // Time for mpiexec to forward a failing rank's last line before the abort ends every rank.
    private static readonly TimeSpan ForwardGrace = TimeSpan.FromMilliseconds(500);

    /// <summary>This process's communicator: <see cref="Communicator.InProcess"/> unless started by mpiexec.</summary>
    public static Communicator Current { get; private set; } = Communicator.InProcess;

    /// <summary>
    /// Workers per rank: null (all cores) for one process; under mpiexec the cores divided among the ranks
    /// started on this host (MPICH's <c>MPI_LOCALNRANKS</c>), at least 1.
    /// </summary>
    public static int? Workers =>
        Current.Size > 1 && int.TryParse(Environment.GetEnvironmentVariable("MPI_LOCALNRANKS"), out int local) && local > 0
            ? Math.Max(1, Environment.ProcessorCount / local)
            : null;

    /// <summary>Where a rank other than 0 writes its outputs (null on rank 0).</summary>
    internal static string? Scratch { get; private set; }

    /// <summary>
    /// Runs <paramref name="run"/> as this rank: alone, exactly as before; under mpiexec with rank 0's console,
    /// and on any failure ends every rank with the failing rank's one-line error and its exit code.
    /// </summary>
    public static int Run(Func<IAnsiConsole, int> run)
    {
        Communicator communicator;
        try
        {
            communicator = MpiCommunicator.FromEnvironment();
        }
        catch (Exception e) when (e is InvalidOperationException or DllNotFoundException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }

        if (communicator.Size == 1)
        {
            return run(AnsiConsole.Console);
        }

        Current = communicator;
        var lastLines = new LastLineWriter();
        IAnsiConsole console = AnsiConsole.Console;
        if (!communicator.Speaks)
        {
            Scratch = Directory.CreateTempSubdirectory($"nlpsym-rank{communicator.Rank}-").FullName;
            console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(lastLines),
            });
            console.Profile.Width = 100_000; // its error line is reprinted whole
        }

        int code;
        try
        {
            code = run(console);
        }
        catch (Exception e)
        {
            console.WriteLine($"error: {e.GetType().Name}: {e.Message}");
            code = ExitCodes.Usage;
        }

        if (Scratch is not null)
        {
            try
            {
                Directory.Delete(Scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        if (code != ExitCodes.Success)
        {
            if (!communicator.Speaks)
            {
                Thread.Sleep(NonRootGrace);
                Console.Error.WriteLine($"rank {communicator.Rank}: {lastLines.LastError}");
            }

            Console.Out.Flush();
            Console.Error.Flush();
            // mpiexec forwards a rank's output from a pipe; an abort that reaches it first drops what is still in
            // the pipe (seen under load), so the line is given time to travel before the run is ended.
            Thread.Sleep(ForwardGrace);
            communicator.Abort(code); // ends every rank; mpiexec exits non-zero
        }

        communicator.Dispose();
        return code;
    }

    /// <summary>Keeps the last line that looks like an error of everything a quiet rank prints.</summary>
    private sealed class LastLineWriter : StringWriter
    {
        private string _lastError = "failed (no message)";

        public string LastError
        {
            get
            {
                Collect();
                return _lastError;
            }
        }

        public override void Flush()
        {
            base.Flush();
            Collect();
        }

        private void Collect()
        {
            var builder = GetStringBuilder();
            foreach (var line in builder.ToString().Split('\n'))
            {
                if (line.TrimStart().StartsWith("error", StringComparison.OrdinalIgnoreCase))
                {
                    _lastError = line.Trim();
                }
            }

            builder.Clear();
        }
    }
}
