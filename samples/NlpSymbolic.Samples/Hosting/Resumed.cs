using NlpSymbolic.Checkpoints;
using NlpSymbolic.Training;
using Spectre.Console;

namespace NlpSymbolic.Samples.Hosting;

/// <summary>Continues a trainer's run from a checkpoint and says where: "resumed from step N, epoch E".</summary>
public static class Resumed
{
    public static void From<TExample>(SampleContext context, string path, Trainer<TExample> trainer)
    {
        try
        {
            Checkpoint.Resume(path, trainer);
        }
        catch (ArgumentException e)
        {
            // The trainer names the option that differs (seed, batch size…); the API's "(Parameter 'state')" is dropped.
            throw new SampleException($"--resume {path}: cannot continue that run with these options: {CommandErrors.Plain(e)}");
        }

        var state = trainer.ExportState();
        context.Console.WriteLine($"resumed from step {state.Step:N0}, epoch {state.CompletedEpochs + 1} ({path})");
    }
}
