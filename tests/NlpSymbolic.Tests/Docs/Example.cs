using System;
using System.IO;
using NlpSymbolic.Data;

namespace RecurrentLoop;

public static class Example
{
    /// <summary>Trains (or continues) up to <paramref name="steps"/> updates, checkpointing every 100, then generates.</summary>
    public static string Run(string text, string checkpoint, int steps, TextWriter log)
    {
        var counts = new TokenCounts();
        counts.AddCharacters(text);
        var characters = Vocabulary.Build(counts, new VocabularyOptions { Specials = SpecialTokens.NoUnknown });

        var loop = new RecurrentLoop(text, characters, streams: 8, chunk: 25, hidden: 64, seed: 1);
        if (File.Exists(checkpoint))
        {
            loop.Resume(checkpoint);
            log.WriteLine($"resumed from step {loop.Step}");
        }

        while (loop.Step < steps)
        {
            var loss = loop.TrainStep();
            if (loop.Step % 100 == 0 || loop.Step == steps)
            {
                log.WriteLine($"step {loop.Step}: {loss:F3} nats per character");
                loop.Save(checkpoint);
            }
        }

        return loop.Generate(characters, prompt: "ROMEO:\n", length: 200);
    }
}
