using System;
using System.IO;
using System.Linq;
using NlpSymbolic.Data;
using NlpSymbolic.Samples.Window;
using Xunit;

namespace NlpSymbolic.Samples.Tests;

/// <summary>--embeddings: the file's words join the tagger's vocabulary, and their vectors land in L.</summary>
public class WindowEmbeddingsTests
{
    private static readonly TaggedSentence[] Train =
    [
        new(["John", "went", "to", "Paris", "."], ["B-PER", "O", "O", "B-LOC", "O"]),
        new(["Mary", "went", "to", "Paris", "."], ["B-PER", "O", "O", "B-LOC", "O"]),
    ];

    [Fact]
    public void Without_a_file_words_seen_once_are_unknown()
    {
        var features = WindowFeatures.Build(Train, TagSet.FromSentences(Train), suffixLength: 2);
        Assert.True(features.Words.Contains("paris"));
        Assert.False(features.Words.Contains("john"));
        Assert.False(features.Words.Contains("london"));
    }

    [Fact]
    public void The_files_words_join_the_vocabulary_and_keep_their_vectors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nlpsym-vectors-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "3 2\nlondon 0.5 -0.5\nJohn 1.5 2.5\nparis 3 4\n");
            var words = WindowEmbeddings.WordsOf(new FileInfo(path));
            Assert.Equal(["london", "John", "paris"], words);
            Assert.Empty(WindowEmbeddings.WordsOf(null));

            var features = WindowFeatures.Build(Train, TagSet.FromSentences(Train), suffixLength: 2, words);
            Assert.True(features.Words.Contains("london")); // never in training: read as itself, not <unk>
            Assert.True(features.Words.Contains("john"));   // seen once: kept, since the file has a vector for it
            Assert.False(features.Words.Contains("mary"));  // seen once, no vector: still <unk>

            var model = new WindowTagger(features.Shape(wordDimension: 2, hidden: 3), seed: 1);
            var (coverage, fileRms) = WindowEmbeddings.Load(model, features, path, Train.SelectMany(s => s.Words));
            Assert.Equal(3, coverage.Found);
            var london = features.Words.IndexOf("london");
            Assert.Equal([0.5, -0.5], model.L.Column(london).ToArray());
            Assert.Equal([1.5, 2.5], model.L.Column(features.Words.IndexOf("john")).ToArray());
            Assert.Equal(london, features.Encode(new TaggedSentence(["London"], ["B-LOC"])).Words[WindowExample.Pad]);
            Assert.Equal(Math.Sqrt((0.25 + 0.25 + 2.25 + 6.25 + 9 + 16) / 6), fileRms, 12);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Rescaling_gives_the_found_vectors_the_asked_rms_and_keeps_their_directions_and_the_other_columns()
    {
        var path = Path.Combine(Path.GetTempPath(), $"nlpsym-vectors-{Guid.NewGuid():N}.txt");
        try
        {
            File.WriteAllText(path, "2 2\nparis 3 4\nwent -1 0\n");
            var features = WindowFeatures.Build(Train, TagSet.FromSentences(Train), suffixLength: 2, WindowEmbeddings.WordsOf(new FileInfo(path)));
            var unscaled = new WindowTagger(features.Shape(wordDimension: 2, hidden: 3), seed: 1);
            var scaled = new WindowTagger(features.Shape(wordDimension: 2, hidden: 3), seed: 1);
            WindowEmbeddings.Load(unscaled, features, path, []);
            var (_, fileRms) = WindowEmbeddings.Load(scaled, features, path, [], rms: WindowEmbeddings.InitialRms);

            var found = new[] { features.Words.IndexOf("paris"), features.Words.IndexOf("went") };
            Assert.Equal(Math.Sqrt((9 + 16 + 1 + 0) / 4.0), fileRms, 12);
            Assert.Equal(WindowEmbeddings.InitialRms, WindowEmbeddings.Rms(scaled.L, found), 12);
            var factor = WindowEmbeddings.InitialRms / fileRms;
            Assert.Equal([3 * factor, 4 * factor], scaled.L.Column(found[0]).ToArray(), new ToleranceComparer(1e-12));
            Assert.Equal([-factor, 0], scaled.L.Column(found[1]).ToArray(), new ToleranceComparer(1e-12));
            var unknown = features.Words.UnknownIndex;
            Assert.Equal(unscaled.L.Column(unknown).ToArray(), scaled.L.Column(unknown).ToArray()); // not in the file: untouched
            Assert.Equal(0.1 / Math.Sqrt(3), WindowEmbeddings.InitialRms, 15);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class ToleranceComparer(double tolerance) : System.Collections.Generic.IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double value) => 0;
    }
}
