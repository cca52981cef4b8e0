using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Training;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Saves and resumes training: every parameter of a <see cref="ParameterSet"/> and, optionally, an
/// <see cref="Optimizer"/>'s state, in one safetensors file that Python's safetensors/NumPy tooling opens.
/// </summary>
/// <remarks>
/// Tensor names: a parameter under its own name (<c>W</c>, shape [rows, columns] row-major as NumPy reads it),
/// the optimiser's state as <c>optimizer.W.m</c>, and its step counter as <c>optimizer.step</c> (I64). The
/// metadata records the format and the optimiser's type. Saving is atomic (temp file, flush, rename); loading
/// checks every name and shape before anything is copied, so a checkpoint of another model changes nothing
/// and names each tensor that differs.
/// </remarks>
public static class Checkpoint
{
    /// <summary>The <c>__metadata__</c> value of <c>format</c> this class writes.</summary>
    public const string Format = "nlpsymbolic-training/1";

    private const string OptimizerPrefix = "optimizer.";
    private const string BestPrefix = "trainer.best.";
    private const string TrainerKey = "trainer";

    private static int[] Shape(Parameter p) => p.IsMatrix ? [p.Rows, p.Columns] : [p.Rows];
    private const string StepName = "optimizer.step";

    /// <summary>Writes the parameters (and the optimiser's state, when given) to <paramref name="path"/> atomically.</summary>
    /// <param name="path">The checkpoint file; its folder must exist. An existing file is replaced only once the new one is complete.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="optimizer">The optimiser whose state to save, or null for weights only.</param>
    /// <param name="metadata">Extra string metadata (for example the epoch), stored in the header.</param>
    /// <exception cref="NonFiniteParameterException">A parameter holds NaN or an infinity: nothing is written.</exception>
    public static void Save(string path, ParameterSet parameters, Optimizer? optimizer = null, IReadOnlyDictionary<string, string>? metadata = null) =>
        Save(path, parameters, optimizer, metadata, []);

    /// <summary>The prefix of a run's extra tensors in the file (<c>extra.h</c>), so they never clash with a parameter's name.</summary>
    public const string ExtraPrefix = "extra.";

    /// <summary>
    /// Writes the parameters, the optimiser's state and a run's extra tensors — state that is not a parameter but
    /// that a resumed run needs, such as the carried <c>(h, c)</c> of a recurrent model trained in chunks — stored as
    /// <c>extra.{name}</c>. <see cref="Load(string, ParameterSet, Optimizer?, IReadOnlyDictionary{string, Vector{double}})"/> reads them back.
    /// </summary>
    /// <param name="path">The checkpoint file; replaced atomically.</param>
    /// <param name="parameters">The model's parameters.</param>
    /// <param name="optimizer">The optimiser whose state to save, or null.</param>
    /// <param name="metadata">Extra string metadata, or null.</param>
    /// <param name="extraTensors">The extra tensors by name (the values are copied).</param>
    /// <exception cref="NonFiniteParameterException">A parameter holds NaN or an infinity: nothing is written.</exception>
    public static void Save(string path, ParameterSet parameters, Optimizer? optimizer, IReadOnlyDictionary<string, string>? metadata,
        IReadOnlyDictionary<string, Vector<double>> extraTensors)
    {
        ArgumentNullException.ThrowIfNull(extraTensors);
        Save(path, parameters, optimizer, metadata, extraTensors.Select(e => NamedTensor.FromVector(ExtraPrefix + e.Key, e.Value)).ToList());
    }

    /// <summary>
    /// Loads a checkpoint written with extra tensors: the parameters, the optimiser's state when given, and each extra
    /// tensor into the vector of the same name (same length), all or nothing.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">A parameter or an extra tensor is missing or of another shape; nothing was changed.</exception>
    public static IReadOnlyDictionary<string, string> Load(string path, ParameterSet parameters, Optimizer? optimizer,
        IReadOnlyDictionary<string, Vector<double>> extraTensors)
    {
        ArgumentNullException.ThrowIfNull(extraTensors);
        var extra = extraTensors.Select(e => CheckpointTarget.ForVector(ExtraPrefix + e.Key, e.Value)).ToList();
        return Load(path, SafeTensorsFile.Load(path), parameters, optimizer, extra);
    }

    /// <summary>
    /// Writes what <see cref="Trainer{TExample}"/> hands its checkpoint sink — parameters, optimiser state and the
    /// trainer's state (position, seed, early-stopping record and best values) — so that <see cref="Resume"/>
    /// continues the run bit-identically.
    /// </summary>
    /// <param name="path">The checkpoint file; replaced atomically.</param>
    /// <param name="checkpoint">The trainer's checkpoint.</param>
    /// <param name="metadata">Extra string metadata.</param>
    public static void Save(string path, TrainingCheckpoint checkpoint, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var header = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                header[key] = value;
            }
        }

        var state = checkpoint.State;
        header[TrainerKey] = JsonSerializer.Serialize(state with { BestValues = null });
        header["trainer.reason"] = checkpoint.Reason.ToString();
        var extra = new List<NamedTensor>();
        if (state.BestValues is { } best)
        {
            for (int i = 0; i < checkpoint.Parameters.Count; i++)
            {
                Parameter p = checkpoint.Parameters[i];
                extra.Add(new NamedTensor(BestPrefix + p.Name, Shape(p), best[i], TensorLayout.ColumnMajor));
            }
        }

        Save(path, checkpoint.Parameters, checkpoint.Optimizer, header, extra);
    }

    /// <summary>
    /// Loads a checkpoint written from a trainer into <paramref name="trainer"/>: its parameters, its optimiser's
    /// state and its own state, all or nothing, so that the next <see cref="Trainer{TExample}.Train"/> continues
    /// as if the run had never stopped. Returns the file's metadata.
    /// </summary>
    /// <exception cref="CheckpointMismatchException">The file is not a trainer's checkpoint of this model and optimiser.</exception>
    /// <exception cref="ArgumentException">The trainer's options differ from the saved run's (seed, batch size…): the message says which.</exception>
    public static IReadOnlyDictionary<string, string> Resume<TExample>(string path, Trainer<TExample> trainer)
    {
        ArgumentNullException.ThrowIfNull(trainer);
        var file = SafeTensorsFile.Load(path);
        if (!file.Metadata.TryGetValue(TrainerKey, out var json))
        {
            throw new CheckpointMismatchException(path, [$"the file holds no trainer state (\"{TrainerKey}\" metadata); it was not written from a trainer"]);
        }

        TrainerState state;
        try
        {
            state = JsonSerializer.Deserialize<TrainerState>(json) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new CheckpointMismatchException(path, [$"the trainer state in the metadata is not valid: {e.Message}"]);
        }

        var best = new List<double[]>();
        var extra = new List<CheckpointTarget>();
        if (file.TryGetTensor(BestPrefix + trainer.Parameters[0].Name, out _))
        {
            foreach (Parameter p in trainer.Parameters)
            {
                var data = new double[p.Length];
                best.Add(data);
                extra.Add(new CheckpointTarget(BestPrefix + p.Name, Shape(p), data, TensorLayout.ColumnMajor));
            }
        }

        var metadata = Load(path, file, trainer.Parameters, trainer.Optimizer, extra);
        trainer.LoadState(state with { BestValues = best.Count > 0 ? best : null });
        return metadata;
    }

    private static void Save(string path, ParameterSet parameters, Optimizer? optimizer, IReadOnlyDictionary<string, string>? metadata, IReadOnlyList<NamedTensor> extra)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        NonFiniteParameterException.ThrowIfAny(path, parameters);
        var tensors = new List<NamedTensor>(extra);
        foreach (Parameter p in parameters)
        {
            tensors.Add(p.IsMatrix ? NamedTensor.FromMatrix(p.Name, p.ValueMatrix!) : NamedTensor.FromVector(p.Name, p.ValueVector!));
        }

        var header = new Dictionary<string, string>(StringComparer.Ordinal) { ["format"] = Format };
        if (optimizer is not null)
        {
            OptimizerState state = optimizer.ExportState();
            tensors.Add(NamedTensor.FromInt64(StepName, state.StepCount));
            foreach (OptimizerStateTensor tensor in state.Tensors)
            {
                tensors.Add(new NamedTensor(OptimizerPrefix + tensor.Name, [.. tensor.Shape], tensor.Data, TensorLayout.ColumnMajor));
            }

            header["optimizer"] = optimizer.GetType().Name;
            header["optimizer.learningRate"] = optimizer.LearningRate.ToString(/* Stryker disable once String : since .NET Core 3.0 a double's default format is this shortest round-trip text */ "R", CultureInfo.InvariantCulture);
        }

        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                header[key] = value;
            }
        }

        SafeTensors.Save(path, tensors, header);
    }

    /// <summary>
    /// Loads <paramref name="path"/> into <paramref name="parameters"/> (and <paramref name="optimizer"/>'s state,
    /// when given), all or nothing, and returns the file's metadata.
    /// </summary>
    /// <exception cref="System.IO.FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="CheckpointFormatException">The file is not a valid safetensors file.</exception>
    /// <exception cref="CheckpointMismatchException">
    /// The checkpoint belongs to another model: a parameter is missing, unexpected or of another shape (each named
    /// with both shapes), or optimiser state was asked for and is not there. Nothing was changed.
    /// </exception>
    public static IReadOnlyDictionary<string, string> Load(string path, ParameterSet parameters, Optimizer? optimizer = null) =>
        Load(path, SafeTensorsFile.Load(path), parameters, optimizer, []);

    private static IReadOnlyDictionary<string, string> Load(string path, SafeTensorsFile file, ParameterSet parameters, Optimizer? optimizer, IReadOnlyList<CheckpointTarget> extra)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var targets = new List<CheckpointTarget>(extra);
        foreach (Parameter p in parameters)
        {
            targets.Add(p.IsMatrix ? CheckpointTarget.ForMatrix(p.Name, p.ValueMatrix!) : CheckpointTarget.ForVector(p.Name, p.ValueVector!));
        }

        var stateTensors = new List<OptimizerStateTensor>();
        var step = new long[1];
        if (optimizer is not null)
        {
            targets.Add(new CheckpointTarget(StepName, [], step));
            foreach (Parameter p in parameters)
            {
                int[] shape = Shape(p);
                foreach (string slot in optimizer.SlotNames)
                {
                    var data = new double[p.Length];
                    var tensor = new OptimizerStateTensor(p.Name, slot, shape, data);
                    stateTensors.Add(tensor);
                    targets.Add(new CheckpointTarget(OptimizerPrefix + tensor.Name, shape, data, TensorLayout.ColumnMajor));
                }
            }
        }

        // Weights only: a checkpoint that also holds optimiser state (or a trainer's) still loads.
        var problems = CheckpointLoader.FindMismatches(file, targets, ignoreUnexpected: optimizer is null);
        if (problems.Count > 0)
        {
            throw new CheckpointMismatchException(path, problems);
        }

        if (optimizer is not null && file[StepName].Int64s[0] is < 0 or > int.MaxValue)
        {
            throw new CheckpointMismatchException(path, [$"tensor \"{StepName}\": step {file[StepName].Int64s[0]} is out of range"]);
        }

        CheckpointLoader.LoadInto(file, targets, ignoreUnexpected: optimizer is null);
        optimizer?.LoadState(parameters, new OptimizerState((int)step[0], stateTensors));
        return file.Metadata;
    }
}
