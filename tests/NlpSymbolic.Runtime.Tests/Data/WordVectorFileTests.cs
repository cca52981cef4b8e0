using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using NlpSymbolic.Data;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Data;

public sealed class WordVectorFileTests
{
    private static readonly WordVector[] Sample =
    [
        new("the", [0.125f, -1.5f, 3.1415927f]),
        new("Paris", [1e-7f, 2.5e10f, -0f]),
        new("Straße", [0.1f, 0.2f, 0.3f]),
        new("1996", [-7.75f, float.Epsilon, 1f / 3]),
    ];

    public static IEnumerable<object[]> Formats() =>
        from format in Enum.GetValues<WordVectorFormat>()
        from name in new[] { "vectors", "vectors.gz" }
        select new object[] { format, name };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Every_format_round_trips_exactly_with_and_without_gzip(WordVectorFormat format, string name)
    {
        using var folder = new TempFolder();
        var path = folder.File(format == WordVectorFormat.Word2VecBinary ? name.Replace("vectors", "vectors.bin") : name);
        WordVectorFile.Write(path, format, Sample);

        using var reader = WordVectorFile.Open(path, format);
        Assert.Equal(3, reader.Dimension);
        Assert.Equal(format == WordVectorFormat.GloVe ? null : Sample.Length, reader.DeclaredCount);
        var read = reader.Vectors().ToList();
        Assert.Equal(Sample.Select(v => v.Word), read.Select(v => v.Word));
        for (var i = 0; i < Sample.Length; i++)
        {
            Assert.Equal(Sample[i].Values, read[i].Values);
        }

        // The format is recognised without being named: .bin is binary, a header is word2vec text, else GloVe.
        using var guessed = WordVectorFile.Open(path);
        Assert.Equal(format, guessed.Format);
    }

    [Fact]
    public void The_text_format_is_what_gensim_reads()
    {
        using var folder = new TempFolder();
        var path = folder.File("v.txt");
        WordVectorFile.Write(path, WordVectorFormat.Word2VecText, Sample.Take(1).ToList());
        Assert.Equal("1 3\nthe 0.125 -1.5 3.1415927\n", File.ReadAllText(path));
    }

    [Fact]
    public void Binary_is_the_c_tools_layout()
    {
        using var folder = new TempFolder();
        var path = folder.File("v.bin");
        WordVectorFile.Write(path, WordVectorFormat.Word2VecBinary, [new WordVector("ab", [1f, -2f])]);
        var bytes = File.ReadAllBytes(path);
        var expected = Encoding.ASCII.GetBytes("1 2\nab ").Concat(BitConverter.GetBytes(1f)).Concat(BitConverter.GetBytes(-2f)).Append((byte)'\n');
        Assert.Equal(expected, bytes);
    }

    [Fact]
    public void Trailing_spaces_and_blank_lines_of_text_files_are_accepted()
    {
        using var folder = new TempFolder();
        var path = folder.Write("v.txt", "2 2\nthe 1 2 \n\nof 3 4\n");
        Assert.Equal(["the", "of"], WordVectorFile.ReadAll(path).Select(v => v.Word));
    }

    [Theory]
    [InlineData("2 3\nthe 1 2 3\nof 1 2\n", WordVectorFormat.Word2VecText, ":3: \"of\" has 2 values, but the header gives 3")]
    [InlineData("2 3\nthe 1 2 3\nof 1 2 3 4\n", WordVectorFormat.Word2VecText, ":3: \"of\" has more than the 3 values the header gives")]
    [InlineData("2 3\nthe 1 x 3\nof 1 2 3\n", WordVectorFormat.Word2VecText, ":2: value 2 of \"the\", \"x\", is not a number")]
    [InlineData("3 3\nthe 1 2 3\nof 1 2 3\n", WordVectorFormat.Word2VecText, ":3: the header says 3 words, but the file ends after 2")]
    [InlineData("1 3\nthe 1 2 3\nof 1 2 3\n", WordVectorFormat.Word2VecText, ":3: the header says 1 words, but the file has more")]
    [InlineData("the 1 2 3\n", WordVectorFormat.Word2VecText, ":1: expected word2vec's header \"count dimension\", found \"the 1 2 3\"")]
    [InlineData("the 1 2 3\nof 1 2\n", WordVectorFormat.GloVe, ":2: \"of\" has 2 values, but the first line gives 3")]
    [InlineData("the 1 2 3\nof 1 2 NaNx\n", WordVectorFormat.GloVe, ":2: value 3 of \"of\", \"NaNx\", is not a number")]
    [InlineData("", WordVectorFormat.GloVe, ": the file is empty")]
    public void Malformed_text_names_the_file_and_line(string text, WordVectorFormat format, string message)
    {
        using var folder = new TempFolder();
        var path = folder.Write("bad.txt", text);
        var error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path, format));
        Assert.Contains(path + message, error.Message);
    }

    [Fact]
    public void Malformed_gzip_text_names_the_line_too()
    {
        using var folder = new TempFolder();
        var path = folder.WriteGzip("bad.txt.gz", "2 2\nthe 1 2\nof 1\n");
        var error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path));
        Assert.Contains(path + ":3: \"of\" has 1 values", error.Message);
    }

    [Fact]
    public void A_truncated_binary_record_names_the_record_and_word()
    {
        using var folder = new TempFolder();
        var path = folder.File("v.bin");
        WordVectorFile.Write(path, WordVectorFormat.Word2VecBinary, Sample);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^5]); // the newline and one of the three floats
        var error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path));
        Assert.Contains(path + ": record 4: \"1996\" is truncated: 2 of its 3 float32 values are in the file", error.Message);
    }

    [Fact]
    public void A_binary_header_that_lies_about_the_count_is_named()
    {
        using var folder = new TempFolder();
        var path = folder.File("v.bin");
        WordVectorFile.Write(path, WordVectorFormat.Word2VecBinary, Sample);
        var bytes = File.ReadAllBytes(path);
        var more = Encoding.ASCII.GetBytes("5").Concat(bytes[1..]).ToArray();
        File.WriteAllBytes(path, more);
        var error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path));
        Assert.Contains(path + ": record 5: the file ends after 4 words, but the header says 5", error.Message);

        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("3").Concat(bytes[1..]).ToArray());
        error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path));
        Assert.Contains(path + ": record 4: the header says 3 words, but the file has more", error.Message);

        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("four 3\n"));
        error = Assert.Throws<DataFormatException>(() => WordVectorFile.ReadAll(path));
        Assert.Contains(path + ":1: expected word2vec's binary header", error.Message);
    }

    [Fact]
    public void Writing_keeps_an_existing_file_when_a_word_cannot_be_written()
    {
        using var folder = new TempFolder();
        var path = folder.Write("v.txt", "keep me");
        Assert.Throws<ArgumentException>(() => WordVectorFile.Write(path, WordVectorFormat.Word2VecText, [new WordVector("two words", [1f])]));
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => WordVectorFile.Open("/no/such/vectors.txt"));
        Assert.Contains("/no/such/vectors.txt", error.Message);
    }

    [Fact]
    public void Alignment_normalises_the_files_words_like_the_vocabulary_and_reports_coverage()
    {
        var training = "Paris is in France . Paris 1996 unseenword".Split(' ');
        var vocabulary = Vocabulary.Build(training, new VocabularyOptions
        {
            MinCount = 1, Normalizer = WordNormalizer.LowerCaseAndDigits, Specials = SpecialTokens.Padding,
        });
        var file = new[]
        {
            new WordVector("paris", [1f]), new WordVector("Paris", [9f]), new WordVector("1984", [2f]),
            new WordVector("france", [3f]), new WordVector("<unk>", [4f]), new WordVector("elsewhere", [5f]),
        };
        var assigned = new Dictionary<string, float>();
        var coverage = WordVectorAlignment.Align(vocabulary, file, (i, v) => assigned.Add(vocabulary.WordAt(i), v[0]), training);

        Assert.Equal(new Dictionary<string, float> { ["paris"] = 1f, ["0000"] = 2f, ["france"] = 3f }, assigned);
        Assert.Equal(3, coverage.Found);
        Assert.Equal(vocabulary.Count - 2, coverage.VocabularyWords);
        Assert.Equal(training.Length, coverage.TrainingTokens);
        Assert.Equal(4, coverage.TrainingTokensFound); // Paris ×2, France, 1996
        Assert.Equal(new[] { "in", "is", ".", "unseenword" }.OrderBy(w => w), coverage.Missing.OrderBy(w => w));
        Assert.Contains("3 of 7 vocabulary words found", coverage.ToString());
    }
}
