using System;
using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Precision;

/// <summary>A float32 tensor goes to an F32 safetensors entry and back bit for bit, and numpy reads it as float32.</summary>
public sealed class Float32CheckpointTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nlpsymbolic-f32-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static Matrix<float> W { get; } = Matrix<float>.Build.DenseOfArray(new float[,]
    {
        { 1.5f, -2f, float.Epsilon }, { 0.1f, float.MaxValue, -0.0f },
    });

    private static Vector<float> B { get; } = Vector<float>.Build.Dense([0.3f, float.NaN, float.NegativeInfinity, 1e-30f]);

    [Fact]
    public void A_float32_matrix_and_vector_round_trip_bit_for_bit_through_F32()
    {
        string path = Save();
        SafeTensorsFile file = SafeTensorsFile.Load(path);

        Assert.Equal(SafeTensorDType.F32, file["layer.W"].DType);
        Assert.Equal(SafeTensorDType.F32, file["layer.b"].DType);
        Matrix<float> w = file["layer.W"].ToSingleMatrix();
        Vector<float> b = file["layer.b"].ToSingleVector();
        for (int i = 0; i < W.RowCount; i++)
        {
            for (int j = 0; j < W.ColumnCount; j++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(W[i, j]), BitConverter.SingleToInt32Bits(w[i, j]));
            }
        }

        for (int i = 0; i < B.Count; i++)
        {
            Assert.Equal(BitConverter.SingleToInt32Bits(B[i]), BitConverter.SingleToInt32Bits(b[i]));
        }
    }

    [Fact]
    public void The_file_holds_four_little_endian_bytes_per_value_row_major()
    {
        byte[] bytes = File.ReadAllBytes(Save());
        long headerLength = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        JsonNode header = JsonNode.Parse(Encoding.UTF8.GetString(bytes, 8, (int)headerLength))!;
        JsonNode entry = header["layer.W"]!;
        Assert.Equal("F32", (string?)entry["dtype"]);
        long begin = (long)entry["data_offsets"]![0]!, end = (long)entry["data_offsets"]![1]!;
        Assert.Equal(6 * sizeof(float), end - begin);
        int data = 8 + (int)headerLength + (int)begin;
        // Row-major: the second value in the file is W[0, 1].
        Assert.Equal(W[0, 1], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 4, 4)));
        Assert.Equal(W[1, 1], BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(data + 16, 4)));
    }

    [NumpyFact]
    public void Numpy_reads_the_file_as_float32()
    {
        string path = Save();
        string script =
            "import json, struct, sys, numpy as np\n" +
            "raw = open(sys.argv[1], 'rb').read()\n" +
            "n = struct.unpack('<Q', raw[:8])[0]\n" +
            "header = json.loads(raw[8:8 + n])\n" +
            "e = header['layer.W']\n" +
            "assert e['dtype'] == 'F32'\n" +
            "a = np.frombuffer(raw[8 + n + e['data_offsets'][0]:8 + n + e['data_offsets'][1]], dtype='<f4').reshape(e['shape'])\n" +
            "print(a.dtype, a.shape, repr(float(a[0, 1])), repr(float(a[1, 0])))\n";
        string output = NumpyFactAttribute.Run(script, path).Trim();
        Assert.Equal($"float32 (2, 3) -2.0 {(double)0.1f:R}", output);
    }

    private string Save()
    {
        string path = Path.Combine(_folder, "float32.safetensors");
        SafeTensors.Save(path, [NamedTensor.FromSingleMatrix("layer.W", W), NamedTensor.FromSingleVector("layer.b", B)]);
        return path;
    }
}

/// <summary>A test that needs numpy under Debian's python3; skipped, naming the install command, when it is absent.</summary>
internal sealed class NumpyFactAttribute : FactAttribute
{
    private const string Python = "/usr/bin/python3";
    private static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using Process? p = Process.Start(new ProcessStartInfo(Python, "-c \"import numpy\"") { RedirectStandardError = true, UseShellExecute = false });
            return p is not null && p.WaitForExit(30_000) && p.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false;
        }
    });

    public NumpyFactAttribute()
    {
        if (!Available.Value)
        {
            Skip = "numpy for Debian's python3 is not installed (apt-get install -y python3-numpy)";
        }
    }

    internal static string Run(string script, string argument)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "python3 did not finish within a minute");
        Assert.True(process.ExitCode == 0, $"numpy script failed:\n{stderr}");
        return stdout.Result;
    }
}
