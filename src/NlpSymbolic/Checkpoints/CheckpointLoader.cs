using System;
using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Loads a checkpoint into existing model storage, all or nothing: every name, shape and element
/// kind is checked first, and data is copied only when everything matches.
/// </summary>
public static class CheckpointLoader
{
    /// <summary>
    /// Lists every way <paramref name="checkpoint"/> fails to fit <paramref name="targets"/>, without
    /// copying anything: missing tensors, unexpected tensors (unless <paramref name="ignoreUnexpected"/>),
    /// shape differences, and floating-point/integer mismatches.
    /// </summary>
    /// <param name="checkpoint">A loaded checkpoint.</param>
    /// <param name="targets">The model's storage; names must be unique.</param>
    /// <param name="ignoreUnexpected">True to allow tensors the targets do not mention (e.g. loading only the parameters from a file that also holds optimiser state).</param>
    /// <returns>One sentence per problem; empty when the checkpoint fits.</returns>
    /// <exception cref="ArgumentException">Two targets share a name, or a target is null.</exception>
    public static IReadOnlyList<string> FindMismatches(SafeTensorsFile checkpoint, IEnumerable<CheckpointTarget> targets, bool ignoreUnexpected = false)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        CheckpointTarget[] list = Distinct(targets);
        var problems = new List<string>();
        foreach (CheckpointTarget target in list)
        {
            string expected = TensorShape.Format(target.ShapeArray);
            if (!checkpoint.TryGetTensor(target.Name, out LoadedTensor? tensor))
            {
                problems.Add($"missing tensor \"{target.Name}\": the model expects {(target.IsInteger ? "an integer" : "a floating-point")} tensor of shape {expected}");
                continue;
            }

            string actual = TensorShape.Format(tensor.ShapeArray);
            if (actual != expected)
            {
                problems.Add($"tensor \"{target.Name}\": checkpoint has {actual}, the model expects {expected}");
            }

            if (tensor.IsFloatingPoint == target.IsInteger)
            {
                problems.Add($"tensor \"{target.Name}\": checkpoint has {tensor.DType}, the model expects {Kind(target.IsInteger)}");
            }
        }

        if (!ignoreUnexpected)
        {
            var known = new HashSet<string>(list.Select(t => t.Name), StringComparer.Ordinal);
            foreach (LoadedTensor tensor in checkpoint.Tensors.Where(t => !known.Contains(t.Name)))
            {
                problems.Add($"unexpected tensor \"{tensor.Name}\" {TensorShape.Format(tensor.ShapeArray)} {tensor.DType}: the model has no such tensor");
            }
        }

        return problems;
    }

    /// <summary>
    /// Copies every target's tensor from <paramref name="checkpoint"/> into the target's memory,
    /// converting to the target's layout. Checks everything first: on any mismatch nothing is
    /// copied and a <see cref="CheckpointMismatchException"/> lists every problem.
    /// </summary>
    /// <param name="checkpoint">A loaded checkpoint.</param>
    /// <param name="targets">The model's storage; names must be unique.</param>
    /// <param name="ignoreUnexpected">True to allow tensors the targets do not mention.</param>
    /// <exception cref="CheckpointMismatchException">The checkpoint does not fit; the targets are unchanged.</exception>
    /// <exception cref="ArgumentException">Two targets share a name, or a target is null.</exception>
    public static void LoadInto(SafeTensorsFile checkpoint, IEnumerable<CheckpointTarget> targets, bool ignoreUnexpected = false)
    {
        CheckpointTarget[] list = Distinct(targets);
        IReadOnlyList<string> problems = FindMismatches(checkpoint, list, ignoreUnexpected);
        if (problems.Count > 0)
        {
            throw new CheckpointMismatchException(checkpoint.SourceName, problems);
        }

        foreach (CheckpointTarget target in list)
        {
            LoadedTensor tensor = checkpoint[target.Name];
            if (target.IsInteger)
            {
                tensor.Int64s.CopyTo(target.Integers.Span);
            }
            else
            {
                tensor.CopyTo(target.Doubles.Span, target.Layout);
            }
        }
    }

    /// <summary>Reads the safetensors file at <paramref name="path"/> and loads it into <paramref name="targets"/>, all or nothing.</summary>
    /// <param name="path">The checkpoint file.</param>
    /// <param name="targets">The model's storage; names must be unique.</param>
    /// <param name="ignoreUnexpected">True to allow tensors the targets do not mention.</param>
    /// <returns>The loaded file, for its metadata and any tensors the targets did not take.</returns>
    /// <exception cref="CheckpointFormatException">The file is malformed; the targets are unchanged.</exception>
    /// <exception cref="CheckpointMismatchException">The checkpoint does not fit; the targets are unchanged.</exception>
    public static SafeTensorsFile LoadInto(string path, IEnumerable<CheckpointTarget> targets, bool ignoreUnexpected = false)
    {
        SafeTensorsFile checkpoint = SafeTensorsFile.Load(path);
        LoadInto(checkpoint, targets, ignoreUnexpected);
        return checkpoint;
    }

    private static string Kind(bool integer) =>
        integer ? "an integer tensor (I64 or I32)" : "a floating-point tensor (F64, F32, F16 or BF16)";

    private static CheckpointTarget[] Distinct(IEnumerable<CheckpointTarget> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        CheckpointTarget[] list = targets.ToArray();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (CheckpointTarget target in list)
        {
            if (target is null)
            {
                throw new ArgumentException("The target list contains null.", nameof(targets));
            }

            if (!names.Add(target.Name))
            {
                throw new ArgumentException($"Two targets are named \"{target.Name}\"; each tensor can be loaded into one place.", nameof(targets));
            }
        }

        return list;
    }
}
