using System.Diagnostics;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Samples.CharRnn;

/// <summary>
/// min-char-rnn's loop, one chunk per update, no minibatches: read the next 25 characters from where the last
/// chunk stopped, add the chunk's gradient from the carried state, clip each entry to [−5, 5], AdaGrad step,
/// and smooth the loss as 0.999·s + 0.001·loss from s₀ = −log(1/V)·25. At the end of the text (or at
/// iteration 0) the state is reset to zero and reading starts over. A warm step allocates nothing but the end state
/// the RNN's generated ChunkBackward returns (a copy the caller owns: H doubles).
/// </summary>
public sealed class SequentialTrainer
{
    private readonly int[] data;
    private readonly int[] inputs;
    private readonly int[] targets;
    private readonly double clip;
    private readonly Stopwatch clock = new();
    private TimeSpan elapsedBefore;

    public SequentialTrainer(ICharLanguageModel model, int[] data, int chunkLength, double learningRate, double clip)
    {
        Model = model;
        this.data = data;
        ChunkLength = chunkLength;
        this.clip = clip;
        inputs = new int[chunkLength];
        targets = new int[chunkLength];
        State = Vector<double>.Build.Dense(model.Hidden);
        Optimizer = new AdaGrad(learningRate);
        SmoothedLoss = InitialSmoothedLoss(model.Vocabulary, chunkLength);
    }

    public ICharLanguageModel Model { get; }

    public AdaGrad Optimizer { get; }

    public int ChunkLength { get; }

    /// <summary>The hidden state carried from one chunk to the next.</summary>
    public Vector<double> State { get; }

    /// <summary>Updates made so far; the next step is iteration <see cref="Iteration"/>.</summary>
    public long Iteration { get; private set; }

    /// <summary>Where the next chunk starts in the text.</summary>
    public int Position { get; private set; }

    public double SmoothedLoss { get; private set; }

    public double LastLoss { get; private set; }

    /// <summary>Time spent in <see cref="Step"/> (and earlier runs this one resumed).</summary>
    public TimeSpan Elapsed => elapsedBefore + clock.Elapsed;

    /// <summary>−log(1/V)·chunk: the loss of the uniform prediction, where the smoothed loss starts.</summary>
    public static double InitialSmoothedLoss(int vocabulary, int chunkLength) => -Math.Log(1.0 / vocabulary) * chunkLength;

    /// <summary>Per-character perplexity of a smoothed chunk loss.</summary>
    public double Perplexity(double smoothedLoss) => Math.Exp(smoothedLoss / ChunkLength);

    /// <summary>One update; returns the chunk's loss.</summary>
    public double Step()
    {
        clock.Start();
        if (Position + ChunkLength + 1 >= data.Length || Iteration == 0)
        {
            State.Clear();
            Position = 0;
        }

        Array.Copy(data, Position, inputs, 0, ChunkLength);
        Array.Copy(data, Position + 1, targets, 0, ChunkLength);
        var parameters = Model.Parameters;
        parameters.ZeroGradients();
        // State becomes the state this chunk ended in, computed with the weights before this update (as
        // min-char-rnn's hprev): where the next chunk starts.
        // Every step of the chunk adds a rank-one update into each weight gradient; the scope lets them wait and
        // adds them as matrix products when the chunk is done (the GRU's cell pullbacks included, whose updates
        // would otherwise stream each gradient matrix once per character).
        double loss;
        using (parameters.DeferGradientUpdates())
        {
            loss = Model.ChunkBackward(State, inputs, targets);
        }

        // Clipping returns the norm before clipping and leaves NaN in place: one pass checks and clips, and a
        // diverged step stops before the update.
        var norm = GradientClipping.ClipByValue(parameters, clip);
        if (!double.IsFinite(loss) || !double.IsFinite(norm))
        {
            clock.Stop();
            throw new TrainingDivergedException(Iteration, 1, parameters.FirstNonFiniteGradient(), loss, Position);
        }

        Optimizer.Step(parameters);
        SmoothedLoss = SmoothedLoss * 0.999 + loss * 0.001;
        LastLoss = loss;
        Position += ChunkLength;
        Iteration++;
        clock.Stop();
        return loss;
    }

    /// <summary>
    /// Restores the counters of a resumed run and the carried state (zero when the checkpoint has none, as those of
    /// earlier versions).
    /// </summary>
    public void Restore(long iteration, int position, double smoothedLoss, TimeSpan elapsed, double[]? state = null)
    {
        Iteration = iteration;
        Position = position;
        SmoothedLoss = smoothedLoss;
        elapsedBefore = elapsed;
        State.Clear();
        if (state is not null && state.Length == State.Count)
        {
            state.CopyTo(State.AsArray(), 0);
        }
    }

    /// <summary>min-char-rnn's sample: <paramref name="length"/> characters drawn from the model, starting from the carried state and <paramref name="seed"/>.</summary>
    public string Sample(string characters, int seed, int length, Random random)
    {
        var h = State.Clone();
        var logits = Vector<double>.Build.Dense(Model.Vocabulary);
        var probabilities = new double[Model.Vocabulary];
        var text = new System.Text.StringBuilder(length);
        var x = seed;
        for (var i = 0; i < length; i++)
        {
            Model.Advance(h, x);
            Model.Logits(h, logits);
            System.Numerics.Tensors.TensorPrimitives.SoftMax(logits.AsArray(), probabilities);
            var u = random.NextDouble();
            x = probabilities.Length - 1;
            for (var k = 0; k < probabilities.Length; k++)
            {
                u -= probabilities[k];
                if (u < 0)
                {
                    x = k;
                    break;
                }
            }

            text.Append(characters[x]);
        }

        return text.ToString();
    }
}
