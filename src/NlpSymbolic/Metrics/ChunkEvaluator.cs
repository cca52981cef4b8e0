using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using NlpSymbolic.Data;

namespace NlpSymbolic.Metrics;

/// <summary>
/// Entity (chunk) precision, recall and F1 with the rules of the CoNLL shared tasks' conlleval.pl, for IOB1
/// (CoNLL-2003's original files) and IOB2 alike, plus token accuracy. Add sentences one at a time, then call
/// <see cref="Report"/>.
/// </summary>
/// <remarks>
/// <para>
/// A chunk is a maximal run of one type: it starts at <c>B-X</c>, at <c>I-X</c> after <c>O</c>, and wherever the
/// type changes; it ends before <c>O</c>, <c>B-</c> or a type change. A predicted chunk is correct only when
/// its start, end and type all match a gold chunk. Sentence ends close chunks. This is a state-machine
/// transcription of conlleval.pl, so the counts agree with it on any input, including malformed sequences
/// such as an IOB2 file that starts a chunk with <c>I-</c>.
/// </para>
/// <para>
/// Tags are split at the first hyphen (prefix, type). conlleval's <c>-r</c> (raw) and <c>-o</c> (other outside
/// tag) options are not supported: use <c>O</c> for outside. After the first sentence has warmed the tag cache,
/// <see cref="Add(ReadOnlySpan{string}, ReadOnlySpan{string})"/> does not allocate. An instance is not
/// thread-safe; use one per evaluation pass.
/// </para>
/// </remarks>
public sealed class ChunkEvaluator
{
    private readonly Dictionary<string, ConllTag> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ChunkCounts> _byType = new(StringComparer.Ordinal);
    private TagSet? _tagSet;
    private ConllTag[] _tagSetTags = [];

    private ConllTag _lastGold = ConllTag.Outside;
    private ConllTag _lastPredicted = ConllTag.Outside;
    private bool _inCorrect;
    private long _tokens;
    private long _correctTokens;
    private ChunkCounts _overall;

    /// <summary>Scores a whole data set of gold and predicted tag sequences (one array per sentence).</summary>
    public static ChunkReport Evaluate(IReadOnlyList<string[]> gold, IReadOnlyList<string[]> predicted)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(predicted);
        if (gold.Count != predicted.Count)
        {
            throw new ArgumentException($"{gold.Count} gold sentences but {predicted.Count} predicted", nameof(predicted));
        }

        var evaluator = new ChunkEvaluator();
        for (var i = 0; i < gold.Count; i++)
        {
            evaluator.Add(gold[i], predicted[i]);
        }

        return evaluator.Report();
    }

    /// <summary>Adds one sentence: the gold tags and the predicted tags, one per token.</summary>
    /// <exception cref="ArgumentException">The two sequences have different lengths.</exception>
    public void Add(ReadOnlySpan<string> gold, ReadOnlySpan<string> predicted)
    {
        SameLength(gold.Length, predicted.Length);
        for (var i = 0; i < gold.Length; i++)
        {
            Step(Parse(gold[i]), Parse(predicted[i]), isToken: true);
        }

        EndSentence();
    }

    /// <summary>Adds one sentence given as tag indices of <paramref name="tags"/> (as a model predicts them).</summary>
    /// <exception cref="ArgumentException">The two sequences have different lengths.</exception>
    /// <exception cref="IndexOutOfRangeException">An index is outside the tag set.</exception>
    public void Add(ReadOnlySpan<int> gold, ReadOnlySpan<int> predicted, TagSet tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        SameLength(gold.Length, predicted.Length);
        if (!ReferenceEquals(tags, _tagSet))
        {
            _tagSetTags = new ConllTag[tags.Count];
            for (var i = 0; i < _tagSetTags.Length; i++)
            {
                _tagSetTags[i] = Parse(tags.TagAt(i));
            }

            _tagSet = tags;
        }

        for (var i = 0; i < gold.Length; i++)
        {
            Step(_tagSetTags[gold[i]], _tagSetTags[predicted[i]], isToken: true);
        }

        EndSentence();
    }

    /// <summary>The scores of everything added so far. Adding more afterwards continues the same totals.</summary>
    public ChunkReport Report()
    {
        var overall = _overall;
        var byType = new SortedDictionary<string, ChunkScore>(StringComparer.Ordinal);
        foreach (var (type, counts) in _byType)
        {
            byType.Add(type, counts.ToScore());
        }

        // conlleval counts a chunk still open at end of input as correct; only odd tags (e.g. ".") leave one open.
        if (_inCorrect)
        {
            overall.Correct++;
            var type = _lastGold.Type;
            var score = byType.GetValueOrDefault(type);
            byType[type] = score with { Correct = score.Correct + 1 };
        }

        return new ChunkReport(_tokens, _correctTokens, overall.ToScore(), byType);
    }

    /// <summary>Forgets everything added, keeping the tag cache.</summary>
    public void Reset()
    {
        _byType.Clear();
        _lastGold = ConllTag.Outside;
        _lastPredicted = ConllTag.Outside;
        _inCorrect = false;
        _tokens = 0;
        _correctTokens = 0;
        _overall = default;
    }

    /// <summary>conlleval reads a blank line as a token tagged O in both columns that is not counted.</summary>
    private void EndSentence() => Step(ConllTag.Outside, ConllTag.Outside, isToken: false);

    /// <summary>One iteration of conlleval.pl's main loop.</summary>
    private void Step(in ConllTag gold, in ConllTag predicted, bool isToken)
    {
        if (_inCorrect)
        {
            var goldEnds = ConllevalRules.EndOfChunk(_lastGold, gold);
            var predictedEnds = ConllevalRules.EndOfChunk(_lastPredicted, predicted);
            if (goldEnds && predictedEnds && string.Equals(_lastPredicted.Type, _lastGold.Type, StringComparison.Ordinal))
            {
                _inCorrect = false;
                _overall.Correct++;
                Counts(_lastGold.Type).Correct++;
            }
            else if (goldEnds != predictedEnds || !string.Equals(predicted.Type, gold.Type, StringComparison.Ordinal))
            {
                _inCorrect = false;
            }
        }

        var goldStarts = ConllevalRules.StartOfChunk(_lastGold, gold);
        var predictedStarts = ConllevalRules.StartOfChunk(_lastPredicted, predicted);
        if (goldStarts && predictedStarts && string.Equals(predicted.Type, gold.Type, StringComparison.Ordinal))
        {
            _inCorrect = true;
        }

        if (goldStarts)
        {
            _overall.Gold++;
            Counts(gold.Type).Gold++;
        }

        if (predictedStarts)
        {
            _overall.Predicted++;
            Counts(predicted.Type).Predicted++;
        }

        if (isToken)
        {
            _tokens++;
            if (gold.SameAs(predicted))
            {
                _correctTokens++;
            }
        }

        _lastGold = gold;
        _lastPredicted = predicted;
    }

    private ref ChunkCounts Counts(string type) => ref CollectionsMarshal.GetValueRefOrAddDefault(_byType, type, out _);

    private ConllTag Parse(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ref var parsed = ref CollectionsMarshal.GetValueRefOrAddDefault(_parsed, tag, out var exists);
        if (!exists)
        {
            parsed = ConllTag.Parse(tag);
        }

        return parsed;
    }

    private static void SameLength(int gold, int predicted)
    {
        if (gold != predicted)
        {
            throw new ArgumentException($"a sentence needs one predicted tag per gold tag: {gold} gold but {predicted} predicted", "predicted");
        }
    }

    private struct ChunkCounts
    {
        public long Gold;
        public long Predicted;
        public long Correct;

        public readonly ChunkScore ToScore() => new(Gold, Predicted, Correct);
    }
}
