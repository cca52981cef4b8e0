using System;

namespace NlpSymbolic.Data;

/// <summary>
/// A line of a data file that does not have the expected format. The message starts with
/// <c>file:line:</c> (the form compilers use, so editors can jump to it), for example
/// <c>eng.train:1234: expected 4 columns "word POS chunk NER", found 2</c>.
/// </summary>
public class DataFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="problem"/> at a line of a file.</summary>
    /// <param name="filePath">The file as the caller named it, or null for an unnamed <see cref="System.IO.TextReader"/>.</param>
    /// <param name="lineNumber">The 1-based line, or 0 when the problem is not tied to one line.</param>
    /// <param name="problem">What is wrong, without the location.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public DataFormatException(string? filePath, int lineNumber, string problem, Exception? innerException = null)
        : base(Locate(filePath, lineNumber) + problem, innerException)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file as the caller named it, or null when the data came from an unnamed reader.</summary>
    public string? FilePath { get; }

    /// <summary>The 1-based line number, or 0 when not known.</summary>
    public int LineNumber { get; }

    /// <summary>The description of the problem without the <c>file:line:</c> prefix.</summary>
    public string Problem { get; }

    private static string Locate(string? filePath, int lineNumber) => (filePath, lineNumber) switch
    {
        (null, <= 0) => "",
        (null, _) => $"line {lineNumber}: ",
        (_, <= 0) => $"{filePath}: ",
        _ => $"{filePath}:{lineNumber}: ",
    };
}
