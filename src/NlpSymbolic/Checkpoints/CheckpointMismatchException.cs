using System;
using System.Collections.Generic;
using System.Linq;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A well-formed checkpoint does not fit the model: tensors are missing or unexpected, or have the
/// wrong shape or kind. Nothing was loaded. <see cref="Problems"/> lists every mismatch, not just the first.
/// </summary>
/// <remarks>Derives from <see cref="FormatException"/> like <see cref="CheckpointFormatException"/>, so one handler can catch "this checkpoint cannot be used".</remarks>
public sealed class CheckpointMismatchException : FormatException
{
    /// <summary>Creates the exception from the file name and the list of problems.</summary>
    /// <param name="filePath">The checkpoint's path (or stream description).</param>
    /// <param name="problems">One sentence per mismatch.</param>
    public CheckpointMismatchException(string filePath, IReadOnlyList<string> problems)
        : base(Compose(filePath, problems))
    {
        FilePath = filePath;
        Problems = problems.ToArray();
    }

    /// <summary>The checkpoint's path (or stream description).</summary>
    public string FilePath { get; }

    /// <summary>One sentence per mismatch, e.g. <c>tensor "W": checkpoint has [100, 250], the model expects [100, 300]</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Compose(string filePath, IReadOnlyList<string> problems) =>
        $"{filePath}: the checkpoint does not match the model ({problems.Count} {(problems.Count == 1 ? "problem" : "problems")}):"
        + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p));
}
