namespace NlpSymbolic.Data;

/// <summary>The word-vector file formats <see cref="WordVectorFile"/> reads and writes (each may be gzip-compressed: a name ending in <c>.gz</c>).</summary>
public enum WordVectorFormat
{
    /// <summary>word2vec's text format: a header line <c>count dimension</c>, then one <c>word v1 … vd</c> line per word.</summary>
    Word2VecText,

    /// <summary>
    /// The word2vec C tool's binary format (<c>-binary 1</c>): the same header line, then per word its UTF-8
    /// bytes, a space, and d little-endian float32 values (usually followed by a newline).
    /// </summary>
    Word2VecBinary,

    /// <summary>GloVe's text format: <c>word v1 … vd</c> lines with no header (d is read from the first line).</summary>
    GloVe,
}

/// <summary>One word and its vector, as read from or written to a word-vector file.</summary>
/// <param name="Word">The word as the file spells it (no normalisation).</param>
/// <param name="Values">The d values (the formats store float32).</param>
public sealed record WordVector(string Word, float[] Values);
