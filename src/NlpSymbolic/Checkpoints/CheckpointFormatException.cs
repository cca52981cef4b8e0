using System;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A safetensors file is malformed: truncated, inconsistent, or not safetensors at all. The message
/// names the file, the tensor when one is at fault, and the problem.
/// </summary>
public sealed class CheckpointFormatException : FormatException
{
    /// <summary>Creates the exception; the message is "<c>file: tensor "name": problem</c>".</summary>
    /// <param name="filePath">The file (or the stream's description) being read.</param>
    /// <param name="tensorName">The tensor at fault, or null when the problem is file-wide.</param>
    /// <param name="problem">What is wrong, as a sentence.</param>
    /// <param name="inner">The underlying error (a JSON parse error, say), if any.</param>
    public CheckpointFormatException(string filePath, string? tensorName, string problem, Exception? inner = null)
        : base(Compose(filePath, tensorName, problem), inner)
    {
        FilePath = filePath;
        TensorName = tensorName;
        Problem = problem;
    }

    /// <summary>The file (or the stream's description) being read.</summary>
    public string FilePath { get; }

    /// <summary>The tensor at fault, or null when the problem is file-wide.</summary>
    public string? TensorName { get; }

    /// <summary>The problem on its own, without the file and tensor prefix.</summary>
    public string Problem { get; }

    /// <summary>Messages quote file content; a hostile file must not be able to make them megabytes long.</summary>
    internal static string Shorten(string text, int limit = 200) => text.Length <= limit ? text : text[..limit] + "...";

    private static string Compose(string filePath, string? tensorName, string problem) =>
        tensorName is null ? $"{filePath}: {problem}" : $"{filePath}: tensor \"{Shorten(tensorName)}\": {problem}";
}
