using System;

namespace NlpSymbolic.Data;

/// <summary>
/// A tag that a closed <see cref="TagSet"/> does not contain, typically a label in test data that never
/// occurred in training. Carries the file and line when the sentence knows where it came from.
/// </summary>
public sealed class UnknownTagException : DataFormatException
{
    /// <summary>Creates the exception for <paramref name="tag"/>.</summary>
    /// <param name="tag">The tag that was looked up.</param>
    /// <param name="filePath">The file the tag came from, or null when not known.</param>
    /// <param name="lineNumber">The 1-based line the tag came from, or 0 when not known.</param>
    /// <param name="knownTags">A short description of the tag set, appended to the message.</param>
    public UnknownTagException(string tag, string? filePath, int lineNumber, string knownTags)
        : base(filePath, lineNumber, $"tag \"{tag}\" is not in the tag set ({knownTags})")
    {
        Tag = tag;
    }

    /// <summary>The tag that is not in the tag set.</summary>
    public string Tag { get; }
}
