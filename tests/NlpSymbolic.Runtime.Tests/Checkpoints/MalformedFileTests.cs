using System;
using System.IO;
using System.Linq;
using System.Text;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>
/// Every way a hand-made file can be malformed gives a <see cref="CheckpointFormatException"/> naming
/// the file, the tensor and the problem, and never an out-of-memory error or a partial result.
/// </summary>
public sealed class MalformedFileTests
{
    private static readonly byte[] TwoTensorData = HandMade.F64(1, 2).Concat(BitConverter.GetBytes(3)).ToArray();

    [Fact]
    public void TheWellFormedBaselineLoads()
    {
        SafeTensorsFile read = HandMade.Read(HandMade.File(Header(), TwoTensorData));
        Assert.Equal(new[] { 1.0, 2.0 }, read["a"].Doubles.ToArray());
        Assert.Equal(3, read["b"].Int64s[0]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(7)]
    public void FileShorterThanTheLengthPrefix(int length) =>
        Rejected(new byte[length], null, $"has {length} bytes, fewer than the 8-byte header length");

    [Theory]
    [InlineData(ulong.MaxValue)]
    [InlineData(1UL << 63)]
    [InlineData(100_000_001UL)]
    public void AbsurdHeaderLengthIsRejectedBeforeAllocating(ulong declared)
    {
        byte[] file = HandMade.WithDeclaredLength(declared, Encoding.UTF8.GetBytes("{}"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Rejected(file, null, "over the 100000000-byte limit");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the reader allocated for a forged length");
    }

    [Fact]
    public void HeaderLengthLargerThanTheFileIsRejectedBeforeAllocating()
    {
        byte[] file = HandMade.WithDeclaredLength(90_000_000, Encoding.UTF8.GetBytes("{}"));
        long before = GC.GetAllocatedBytesForCurrentThread();
        Rejected(file, null, "the header length is 90000000 bytes, but only 2 bytes follow it (truncated file?)");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1_000_000, "the reader allocated for a forged length");
    }

    [Fact]
    public void AHeaderLengthOfExactlyTheLimitIsNotRefusedForItsLength() =>
        Rejected(HandMade.WithDeclaredLength(100_000_000, Encoding.UTF8.GetBytes("{}")), null,
            "the header length is 100000000 bytes, but only 2 bytes follow it (truncated file?)");

    [Fact]
    public void HeaderThatIsNotUtf8() =>
        Rejected(HandMade.File([(byte)'{', 0xFF, 0xFE, (byte)'}'], []), null, "not valid UTF-8");

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":")]
    [InlineData("{} trailing")]
    [InlineData("{\"a\":1,}")]
    [InlineData("{/* comment */}")]
    public void HeaderThatIsNotJson(string header) => Rejected(HandMade.File(header, []), null, "not valid JSON");

    [Theory]
    [InlineData("[]", "an array")]
    [InlineData("\"text\"", "a string")]
    [InlineData("null", "null")]
    public void HeaderThatIsNotAnObject(string header, string kind) =>
        Rejected(HandMade.File(header, []), null, $"must be a JSON object, but it is {kind}");

    [Fact]
    public void EntryThatIsNotAnObject() =>
        Rejected(HandMade.File("{\"W\":[0,8]}", HandMade.Zeros(8)), "W", "must be an object with dtype, shape and data_offsets, but it is an array");

    [Theory]
    [InlineData("dtype")]
    [InlineData("shape")]
    [InlineData("data_offsets")]
    public void EntryMissingAField(string field)
    {
        string entry = string.Join(",", new[] { "\"dtype\":\"F64\"", "\"shape\":[2]", "\"data_offsets\":[0,16]" }.Where(f => !f.StartsWith($"\"{field}\"")));
        Rejected(HandMade.File($"{{\"W\":{{{entry}}}}}", HandMade.Zeros(16)), "W", $"the entry has no \"{field}\"");
    }

    [Fact]
    public void EntryRepeatingAField() =>
        Rejected(HandMade.File("{\"W\":{\"dtype\":\"F64\",\"shape\":[1],\"dtype\":\"F32\",\"data_offsets\":[0,8]}}", HandMade.Zeros(8)), "W", "\"dtype\" appears twice");

    [Theory]
    [InlineData("\"F128\"", "unknown dtype \"F128\"")]
    [InlineData("\"f64\"", "unknown dtype \"f64\"")]
    [InlineData("\"U8\"", "dtype \"U8\" is not supported by this reader")]
    [InlineData("\"C64\"", "dtype \"C64\" is not supported by this reader")]
    [InlineData("64", "\"dtype\" must be a string, but it is a number")]
    public void UnknownOrUnsupportedDType(string dtype, string problem) =>
        Rejected(HandMade.File($"{{\"W\":{{\"dtype\":{dtype},\"shape\":[1],\"data_offsets\":[0,8]}}}}", HandMade.Zeros(8)), "W", problem);

    /// <summary>Every type the format defines that this reader does not decode: "not supported", never "unknown" (which would suggest a corrupt file).</summary>
    [Theory]
    [InlineData("BOOL")]
    [InlineData("U8")]
    [InlineData("I8")]
    [InlineData("I16")]
    [InlineData("U16")]
    [InlineData("U32")]
    [InlineData("U64")]
    [InlineData("C64")]
    [InlineData("F4")]
    [InlineData("F6_E2M3")]
    [InlineData("F6_E3M2")]
    [InlineData("F8_E5M2")]
    [InlineData("F8_E4M3")]
    [InlineData("F8_E8M0")]
    [InlineData("F8_E4M3FNUZ")]
    [InlineData("F8_E5M2FNUZ")]
    public void EveryFormatTypeThisReaderDoesNotDecodeIsCalledUnsupported(string dtype) =>
        Rejected(HandMade.File($"{{\"W\":{{\"dtype\":\"{dtype}\",\"shape\":[1],\"data_offsets\":[0,8]}}}}", HandMade.Zeros(8)), "W",
            $"dtype \"{dtype}\" is not supported by this reader (supported: ");

    [Theory]
    [InlineData("[-1]", "shape dimension -1 is not a non-negative integer")]
    [InlineData("[2.5]", "shape dimension 2.5 is not a non-negative integer")]
    [InlineData("[1.0]", "shape dimension 1.0 is not a non-negative integer")]
    [InlineData("[1e0]", "shape dimension 1e0 is not a non-negative integer")]
    [InlineData("[\"1\"]", "shape dimension a string is not a non-negative integer")]
    [InlineData("[99999999999999999999]", "shape dimension 99999999999999999999 is not a non-negative integer")]
    [InlineData("[2147483648]", "shape dimension 2147483648 is larger than this reader supports")]
    [InlineData("1", "\"shape\" must be an array of dimensions, but it is a number")]
    public void InvalidShape(string shape, string problem) =>
        Rejected(HandMade.File($"{{\"W\":{{\"dtype\":\"F64\",\"shape\":{shape},\"data_offsets\":[0,8]}}}}", HandMade.Zeros(8)), "W", problem);

    [Fact]
    public void ShapeWhoseByteCountOverflows() =>
        Rejected(
            HandMade.File("{\"W\":{\"dtype\":\"F64\",\"shape\":[2147483647,2147483647,2147483647],\"data_offsets\":[0,8]}}", HandMade.Zeros(8)),
            "W",
            "shape [2147483647, 2147483647, 2147483647] of F64 overflows a 64-bit byte count");

    [Fact]
    public void ShapeTimesElementSizeDisagreesWithTheOffsets() =>
        Rejected(
            HandMade.File("{\"W\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[0,40]}}", HandMade.Zeros(40)),
            "W",
            "shape [2, 3] of F64 needs 48 bytes, but data_offsets [0, 40] span 40");

    [Fact]
    public void TheSpanOfOffsetsNotStartingAtZeroIsTheirDifference() =>
        Rejected(
            HandMade.File(
                "{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"W\":{\"dtype\":\"F64\",\"shape\":[2,3],\"data_offsets\":[8,48]}}",
                HandMade.Zeros(48)),
            "W",
            "shape [2, 3] of F64 needs 48 bytes, but data_offsets [8, 48] span 40.");

    [Theory]
    [InlineData("[0]", "must be an array of two integers")]
    [InlineData("[0,8,16]", "must be an array of two integers")]
    [InlineData("{\"begin\":0}", "must be an array of two integers")]
    [InlineData("[-8,0]", "data_offsets begin -8 is not a non-negative integer")]
    [InlineData("[0,8.0]", "data_offsets end 8.0 is not a non-negative integer")]
    [InlineData("[8,0]", "data_offsets [8, 0] end before they begin")]
    public void InvalidOffsets(string offsets, string problem) =>
        Rejected(HandMade.File($"{{\"W\":{{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":{offsets}}}}}", HandMade.Zeros(8)), "W", problem);

    [Fact]
    public void OffsetsBeyondTheDataArea() =>
        Rejected(
            HandMade.File("{\"W\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[9223372036854775799,9223372036854775807]}}", HandMade.Zeros(8)),
            "W",
            "run past the end of the file, whose data area has 8 bytes");

    [Fact]
    public void TruncatedFile()
    {
        byte[] whole = HandMade.File(Header(), TwoTensorData);
        Rejected(whole[..^3], "b", "data_offsets [16, 20] run past the end of the file, whose data area has 17 bytes (truncated file?)");
        Rejected(whole[..12], null, "only 4 bytes follow it (truncated file?)");
    }

    [Fact]
    public void OverlappingTensors() =>
        Rejected(
            HandMade.File("{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", HandMade.Zeros(16)),
            "b",
            "data_offsets [8, 16] overlap tensor \"a\" [0, 16]");

    [Fact]
    public void TheSameBytesClaimedTwice() =>
        Rejected(
            HandMade.File("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}", HandMade.Zeros(8)),
            "b",
            "overlap tensor \"a\" [0, 8]");

    [Fact]
    public void GapBetweenTensors() =>
        Rejected(
            HandMade.File("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[16,24]}}", HandMade.Zeros(24)),
            "b",
            "leave a gap of 8 bytes after byte 8 of the data area");

    [Fact]
    public void DataThatDoesNotStartAtZero() =>
        Rejected(
            HandMade.File("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", HandMade.Zeros(16)),
            "a",
            "leave a gap of 8 bytes after byte 0");

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public void TrailingBytesThatBelongToNoTensor(int extra) =>
        Rejected(HandMade.File(Header(), TwoTensorData.Concat(HandMade.Zeros(extra)).ToArray()), null,
            $"the data area has {20 + extra} bytes but the tensors cover 20; {extra} trailing bytes belong to no tensor.");

    [Fact]
    public void DataWithNoTensors() => Rejected(HandMade.File("{}", HandMade.Zeros(8)), null, "the data area has 8 bytes but the tensors cover 0");

    [Fact]
    public void DuplicateTensorName() =>
        Rejected(
            HandMade.File("{\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[8,16]}}", HandMade.Zeros(16)),
            "a",
            "the name appears twice in the header");

    [Theory]
    [InlineData("{\"\\ud800\":{}}", null, "a tensor name is not valid Unicode")]
    [InlineData("{\"__metadata__\":{\"\\udc00\":\"v\"}}", null, "a metadata key is not valid Unicode")]
    [InlineData("{\"__metadata__\":{\"k\":\"x\\ud800\"}}", null, "metadata \"k\" is not valid Unicode")]
    [InlineData("{\"W\":{\"\\ud800\":1}}", "W", "a field name is not valid Unicode")]
    [InlineData("{\"W\":{\"dtype\":\"\\ud800\",\"shape\":[],\"data_offsets\":[0,8]}}", "W", "\"dtype\" is not valid Unicode")]
    public void LoneSurrogateEscapes(string header, string? tensor, string problem) => Rejected(HandMade.File(header, []), tensor, problem);

    [Theory]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{}}", "\"__metadata__\" appears twice")]
    [InlineData("{\"__metadata__\":[]}", "\"__metadata__\" must be an object of strings, but it is an array")]
    [InlineData("{\"__metadata__\":{\"step\":42}}", "metadata \"step\" must be a string, but it is a number")]
    [InlineData("{\"__metadata__\":{\"k\":\"1\",\"k\":\"2\"}}", "metadata \"k\" appears twice")]
    public void InvalidMetadata(string header, string problem) => Rejected(HandMade.File(header, []), null, problem);

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public void NamesAreShortenedOnlyPastTwoHundredCharacters(int length)
    {
        string name = new('x', length);
        Rejected(HandMade.File($"{{\"{name}\":1}}", []), name, "must be an object");
    }

    [Fact]
    public void HostileNamesAreShortenedInMessages()
    {
        string name = new('x', 10_000);
        CheckpointFormatException e = Rejected(HandMade.File($"{{\"{name}\":1}}", []), name, "must be an object");
        Assert.True(e.Message.Length < 400);
        Assert.Equal(name, e.TensorName);
    }

    [Fact]
    public void LoadNamesTheFilePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"nlpsymbolic-bad-{Guid.NewGuid():N}.safetensors");
        File.WriteAllBytes(path, HandMade.File(Header(), TwoTensorData[..^1]));
        try
        {
            CheckpointFormatException e = Assert.Throws<CheckpointFormatException>(() => SafeTensorsFile.Load(path));
            Assert.StartsWith($"{path}: tensor \"b\": ", e.Message);
            Assert.Equal(path, e.FilePath);
            Assert.IsAssignableFrom<FormatException>(e);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void StreamsThatCannotSeekAreRefusedUpFront()
    {
        var stream = new UnseekableStream(HandMade.File(Header(), TwoTensorData));
        Assert.Contains("seekable", Assert.Throws<ArgumentException>(() => SafeTensorsFile.Read(stream)).Message);
    }

    /// <summary>A header for tensor "a" (F64 [2], bytes 0-16) and "b" (I32 [], bytes 16-20).</summary>
    private static string Header() =>
        "{\"a\":{\"dtype\":\"F64\",\"shape\":[2],\"data_offsets\":[0,16]},\"b\":{\"dtype\":\"I32\",\"shape\":[],\"data_offsets\":[16,20]}}";

    private static CheckpointFormatException Rejected(byte[] file, string? tensor, string problem)
    {
        CheckpointFormatException e = Assert.Throws<CheckpointFormatException>(() => HandMade.Read(file));
        string prefix = tensor is null ? $"{HandMade.Source}: " : $"{HandMade.Source}: tensor \"{(tensor.Length > 200 ? tensor[..200] + "..." : tensor)}\": ";
        Assert.StartsWith(prefix, e.Message);
        Assert.Contains(problem, e.Message);
        Assert.Equal(tensor, e.TensorName);
        return e;
    }

    private sealed class UnseekableStream(byte[] content) : MemoryStream(content)
    {
        public override bool CanSeek => false;
    }
}
