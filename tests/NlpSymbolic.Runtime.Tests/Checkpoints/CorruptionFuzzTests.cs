using System;
using System.Text;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>
/// Seeded random damage to a valid file: every outcome is either a successful read or a
/// <see cref="CheckpointFormatException"/>, never another exception type.
/// </summary>
public sealed class CorruptionFuzzTests
{
    private static readonly byte[] Valid = HandMade.File(
        "{\"__metadata__\":{\"step\":\"7\"},\"W\":{\"dtype\":\"F64\",\"shape\":[2,2],\"data_offsets\":[0,32]},"
        + "\"n\":{\"dtype\":\"I32\",\"shape\":[1],\"data_offsets\":[32,36]},\"h\":{\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[36,38]}}",
        HandMade.Zeros(38));

    [Fact]
    public void RandomByteEditsAndTruncationsGiveOnlyFormatErrors()
    {
        var random = new Random(20240611);
        // Characters that steer the JSON towards interesting states rather than plain syntax errors.
        byte[] vocabulary = Encoding.ASCII.GetBytes("{}[]\",:-0123456789e.\\u ");
        for (int trial = 0; trial < 3000; trial++)
        {
            byte[] file = (byte[])Valid.Clone();
            int edits = random.Next(1, 4);
            for (int e = 0; e < edits; e++)
            {
                int at = random.Next(file.Length);
                file[at] = random.Next(3) == 0 ? (byte)random.Next(256) : vocabulary[random.Next(vocabulary.Length)];
            }

            if (random.Next(4) == 0)
            {
                file = file[..random.Next(file.Length)];
            }

            try
            {
                HandMade.Read(file);
            }
            catch (CheckpointFormatException)
            {
            }
            catch (Exception other)
            {
                Assert.Fail($"trial {trial}: {other.GetType().Name}: {other.Message}\n{Convert.ToHexString(file)}");
            }
        }
    }
}
