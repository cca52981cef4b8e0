using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

/// <summary>
/// The edges of the word-vector reader: the exact messages for malformed text and binary files, the boundaries
/// (a word of 10,000 bytes, dimension 0, a line shortened at 60 characters), corrupt or truncated compressed data
/// (a regular file is checked to its end by the gzip check; a named pipe, which cannot seek, names the record), and
/// the file being closed however the reader ends.
/// </summary>
public sealed class WordVectorReaderTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private string WriteBytes(string name, byte[] bytes)
    {
        var path = folder.File(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Record(string word, params float[] values) =>
        [.. Encoding.UTF8.GetBytes(word + " "), .. values.SelectMany(BitConverter.GetBytes), (byte)'\n'];

    private static string ErrorOf(string path, WordVectorFormat? format = null) =>
        Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path, format)).Message;

    [Fact]
    public void A_glove_file_of_one_value_per_word_reads()
    {
        var path = folder.Write("v.txt", "the 1\nof 2\n");
        var read = WordVectorFile.ReadAll(path);
        Assert.Equal(["the", "of"], read.Select(v => v.Word));
        Assert.Equal([2f], read[1].Values);
    }

    [Fact]
    public void A_first_line_without_values_is_named_and_the_file_closed()
    {
        var path = folder.Write("v.txt", "lonely\n");
        Assert.Equal($"{path}:1: expected a word and its values, found \"lonely\"", ErrorOf(path));
        FileAssert.IsClosed(path);
    }

    [Theory]
    [InlineData(60, 60)]
    [InlineData(61, 57)]
    public void A_line_quoted_in_a_message_is_cut_after_60_characters(int length, int shown)
    {
        var line = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + (i % 26))));
        var path = folder.Write("v.txt", line + "\n");
        var quoted = line.Length > 60 ? line[..shown] + "..." : line;
        Assert.Equal(shown + (line.Length > 60 ? 3 : 0), quoted.Length);
        Assert.Equal($"{path}:1: expected word2vec's header \"count dimension\", found \"{quoted}\"", ErrorOf(path, WordVectorFormat.Word2VecText));
    }

    [Fact]
    public void Lines_of_spaces_are_skipped_and_values_may_be_separated_by_several_spaces()
    {
        var path = folder.Write("v.txt", "2 2\nthe 1  2\n   \nof 3 4\n");
        var read = WordVectorFile.ReadAll(path);
        Assert.Equal(["the", "of"], read.Select(v => v.Word));
        Assert.Equal([1f, 2f], read[0].Values);
    }

    [Fact]
    public void A_line_starting_with_a_space_has_no_word()
    {
        var path = folder.Write("v.txt", "1 2\n 1 2\n");
        Assert.Equal($"{path}:2: expected a word and 2 values, found \" 1 2\"", ErrorOf(path));
    }

    [Fact]
    public void A_header_of_dimension_0_is_not_a_header()
    {
        var path = folder.Write("v.txt", "1 0\nthe\n");
        Assert.Equal($"{path}:1: expected word2vec's header \"count dimension\", found \"1 0\"", ErrorOf(path, WordVectorFormat.Word2VecText));
        path = WriteBytes("v.bin", [.. "1 0\n"u8, .. "the \n"u8]);
        Assert.Equal($"{path}:1: expected word2vec's binary header \"count dimension\", found \"1 0\"", ErrorOf(path));
    }

    [Fact]
    public void The_vectors_can_be_read_only_once()
    {
        var path = folder.Write("v.txt", "1 1\nthe 1\n");
        using var reader = WordVectorFile.Open(path);
        Assert.Single(reader.Vectors());
        var error = Assert.Throws<InvalidOperationException>(() => reader.Vectors());
        Assert.Equal($"{path}: the vectors of a WordVectorReader can be read only once", error.Message);
    }

    [Theory]
    [InlineData("v.txt")]
    [InlineData("v.bin")]
    public void Disposing_the_reader_closes_the_file(string name)
    {
        var path = folder.File(name);
        WordVectorFile.Write(path, name.EndsWith(".bin") ? WordVectorFormat.Word2VecBinary : WordVectorFormat.Word2VecText, [new WordVector("the", [1f])]);
        var reader = WordVectorFile.Open(path);
        FileAssert.IsOpen(path);
        reader.Dispose();
        FileAssert.IsClosed(path);
    }

    [Fact]
    public void A_bad_binary_header_closes_the_file()
    {
        var path = WriteBytes("v.bin", "four 3\n"u8.ToArray());
        Assert.StartsWith($"{path}:1: expected word2vec's binary header", ErrorOf(path));
        FileAssert.IsClosed(path);
    }

    [Fact]
    public void A_binary_header_is_read_to_its_newline_even_past_a_nul_byte()
    {
        var path = WriteBytes("v.bin", [.. "1 1\0 1\n"u8, .. Record("the", 1f)]);
        Assert.Equal($"{path}:1: expected word2vec's binary header \"count dimension\", found \"1 1\0 1\"", ErrorOf(path));
    }

    [Fact]
    public void A_binary_word_is_every_byte_up_to_its_space()
    {
        var path = WriteBytes("v.bin", [.. "1 1\n"u8, .. Record("a\0b", 2.5f)]);
        var read = Assert.Single(WordVectorFile.ReadAll(path));
        Assert.Equal("a\0b", read.Word);
        Assert.Equal([2.5f], read.Values);
    }

    [Fact]
    public void A_binary_word_that_is_not_utf8_is_named()
    {
        var path = WriteBytes("v.bin", [.. "1 1\n"u8, 0xFF, 0xFE, .. Record("", 1f)]);
        Assert.Equal($"{path}: record 1: the word is not valid UTF-8", ErrorOf(path));
    }

    [Fact]
    public void A_binary_word_may_have_10000_bytes_but_not_more()
    {
        var path = WriteBytes("v.bin", [.. "1 1\n"u8, .. Record(new string('w', 10_000), 1f)]);
        Assert.Equal(10_000, Assert.Single(WordVectorFile.ReadAll(path)).Word.Length);

        path = WriteBytes("v2.bin", [.. "1 1\n"u8, .. Record(new string('w', 10_001), 1f)]);
        Assert.Equal($"{path}: record 1: the word is longer than 10,000 bytes (is this a binary word2vec file?)", ErrorOf(path));
    }

    [Fact]
    public void A_binary_file_cut_inside_a_word_is_named()
    {
        var path = WriteBytes("v.bin", [.. "2 1\n"u8, .. Record("the", 1f), .. "wor"u8]);
        Assert.Equal($"{path}: record 2: truncated: the file ends inside the word", ErrorOf(path));
    }

    [Fact]
    public void A_nul_byte_after_the_last_binary_record_is_more_data()
    {
        var path = WriteBytes("v.bin", [.. "1 1\n"u8, .. Record("the", 1f), 0]);
        Assert.Equal($"{path}: record 2: the header says 1 words, but the file has more", ErrorOf(path));
    }

    private static readonly byte[] CorruptGzipHeader = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x07, 0, 0, 0, 0, 0, 0, 0, 0, 0];

    [Fact]
    public void Corrupt_compressed_binary_header_is_named_and_the_file_closed()
    {
        var path = WriteBytes("v.bin.gz", CorruptGzipHeader);
        Assert.StartsWith($"{path}: corrupt gzip data in member 1 (", ErrorOf(path));
        FileAssert.IsClosed(path);
    }

    [Fact]
    public void Corrupt_compressed_binary_header_through_a_pipe_is_named()
    {
        if (!NamedPipe.Supported)
        {
            return; // named pipes made by mkfifo: Unix only
        }

        var path = folder.File("pipe.bin.gz");
        Assert.Equal($"{path}:1: the compressed data is corrupt", NamedPipe.Serve(path, CorruptGzipHeader, p => ErrorOf(p)));
    }

    /// <summary>A binary file of <paramref name="count"/> records, gzip-compressed in stored blocks, the second block's length check broken: decoding fails at the first block's end, in the record returned.</summary>
    private static (byte[] Bytes, int Record) CorruptCompressedBinary(int dimension, int wordLength, int count)
    {
        var vectors = Enumerable.Range(0, count)
            .Select(i => new WordVector(new string((char)('a' + (i % 26)), wordLength), Enumerable.Repeat(0.5f, dimension).ToArray()))
            .ToList();
        using var plain = new MemoryStream();
        using (var gzip = new GZipStream(plain, CompressionLevel.NoCompression, leaveOpen: true))
        {
            WordVectorWriter.Write(gzip, WordVectorFormat.Word2VecBinary, vectors, dimension);
        }

        // Stored blocks: break the length check (NLEN) of the second, so decoding fails at the first's end.
        var bytes = plain.ToArray();
        Assert.Equal(0, bytes[10] & 6);
        var firstLength = bytes[11] | (bytes[12] << 8);
        bytes[15 + firstLength + 3] ^= 0xFF;

        var header = $"{count} {dimension}\n".Length;
        var recordLength = wordLength + 1 + 4 * dimension + 1;
        Assert.True(firstLength > header);
        return (bytes, Math.Min((firstLength - header + 1) / recordLength + 1, count));
    }

    [Theory]
    [InlineData(1, 1000, 80)]    // long words: the damage is met while reading a word
    [InlineData(1000, 1, 20)]    // long vectors: the damage is met while reading values
    public void Corrupt_compressed_binary_records_are_named_by_the_gzip_check(int dimension, int wordLength, int count)
    {
        var path = WriteBytes("v.bin.gz", CorruptCompressedBinary(dimension, wordLength, count).Bytes);
        Assert.StartsWith($"{path}: corrupt gzip data in member 1 (", ErrorOf(path));
    }

    [Theory]
    [InlineData(1, 1000, 80)]
    [InlineData(1000, 1, 20)]
    public void Corrupt_compressed_binary_records_through_a_pipe_name_the_record(int dimension, int wordLength, int count)
    {
        if (!NamedPipe.Supported)
        {
            return; // named pipes made by mkfifo: Unix only
        }

        var (bytes, record) = CorruptCompressedBinary(dimension, wordLength, count);
        var path = folder.File("pipe.bin.gz");
        Assert.Equal($"{path}: record {record}: the compressed data is corrupt", NamedPipe.Serve(path, bytes, p => ErrorOf(p)));
    }

    public static TheoryData<WordVectorFormat, string, bool> TruncatedFiles => new()
    {
        { WordVectorFormat.GloVe, "v.txt.gz", false },
        { WordVectorFormat.GloVe, "v.txt.gz", true },
        { WordVectorFormat.Word2VecText, "v.txt.gz", false },
        { WordVectorFormat.Word2VecText, "v.txt.gz", true },
        { WordVectorFormat.Word2VecBinary, "v.bin.gz", false },
        { WordVectorFormat.Word2VecBinary, "v.bin.gz", true },
    };

    [Theory]
    [MemberData(nameof(TruncatedFiles))]
    public void A_truncated_gz_file_is_one_error_naming_it_not_fewer_vectors(WordVectorFormat format, string name, bool onlyTheTrailer)
    {
        // Enough words that a cut in the deflate data leaves whole records before it.
        var vectors = Enumerable.Range(0, 2000).Select(i => new WordVector($"w{i}", [i, 0.25f * i, -i])).ToList();
        var whole = folder.File("whole-" + name);
        WordVectorFile.Write(whole, format, vectors);
        var bytes = File.ReadAllBytes(whole);
        Assert.Equal(vectors.Count, WordVectorFile.ReadAll(whole, format).Count);

        // Cut before the 8-byte trailer (every vector decompresses; only the check is missing), or inside the data.
        var path = WriteBytes(name, bytes[..(onlyTheTrailer ? bytes.Length - 8 : bytes.Length / 2)]);
        var error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path, format));
        Assert.StartsWith($"{path}: truncated gzip data: the file ends inside member 1", error.Message);
        FileAssert.IsClosed(path);
    }
}
