using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>
/// Files written here are read correctly by an independent Python implementation, and files it
/// writes are read correctly here. Skipped when python3 is absent.
/// </summary>
public sealed class PythonInteropTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nlpsymbolic-interop-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [PythonFact]
    public void PythonReadsWhatCSharpWrites()
    {
        Matrix<double> w = Matrix<double>.Build.DenseOfArray(new double[,] { { 1.5, -2, 3e-300 }, { 0.1, double.MaxValue, -0.0 } });
        double[] special = [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.3];
        string path = Path.Combine(_folder, "from-csharp.safetensors");
        SafeTensors.Save(
            path,
            [
                NamedTensor.FromMatrix("layer.W", w),
                new NamedTensor("special", [2, 2], special, storeAs: SafeTensorDType.F32),
                NamedTensor.FromScalar("lr", 0.001),
                NamedTensor.FromInt64("step", 9_007_199_254_740_993),
                NamedTensor.FromInt64s("tokens", [3], new long[] { -1, 0, int.MaxValue }, SafeTensorDType.I32),
                new NamedTensor("empty", [0, 3], Array.Empty<double>()),
                new NamedTensor("cube", [2, 1, 3], new double[] { 1, 2, 3, 4, 5, 6 }),
            ],
            new Dictionary<string, string> { ["epoch"] = "3", ["note"] = "naïve \"quotes\"" });

        JsonNode python = JsonNode.Parse(PythonScript.Run("", "read", path))!;
        JsonNode tensors = python["tensors"]!;

        Assert.Equal("3", (string?)python["metadata"]!["epoch"]);
        Assert.Equal("naïve \"quotes\"", (string?)python["metadata"]!["note"]);

        // Python nests by shape in C order, so [i][j] must be W[i, j].
        Assert.Equal("F64", (string?)tensors["layer.W"]!["dtype"]);
        Assert.Equal(new[] { 2, 3 }, Ints(tensors["layer.W"]!["shape"]!));
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                Assert.Equal(w[i, j], Number(tensors["layer.W"]!["values"]![i]![j]!));
            }
        }

        Assert.True(double.IsNegative(Number(tensors["layer.W"]!["values"]![1]![2]!)), "-0.0 keeps its sign");
        Assert.Equal("F32", (string?)tensors["special"]!["dtype"]);
        Assert.Equal(special.Select(v => (double)(float)v), tensors["special"]!["values"]!.AsArray().SelectMany(row => row!.AsArray()).Select(v => Number(v!)));
        Assert.Equal(0.001, Number(tensors["lr"]!["values"]!));
        Assert.Empty(tensors["lr"]!["shape"]!.AsArray());
        Assert.Equal(9_007_199_254_740_993, (long)tensors["step"]!["values"]!);
        Assert.Equal("I32", (string?)tensors["tokens"]!["dtype"]);
        Assert.Equal(new long[] { -1, 0, int.MaxValue }, tensors["tokens"]!["values"]!.AsArray().Select(v => (long)v!));
        Assert.Equal(new[] { 0, 3 }, Ints(tensors["empty"]!["shape"]!));
        Assert.Equal(5.0, Number(tensors["cube"]!["values"]![1]![0]![1]!));
    }

    [PythonFact]
    public void CSharpReadsWhatPythonWrites()
    {
        var spec = new JsonObject
        {
            ["metadata"] = new JsonObject { ["format"] = "pt", ["step"] = "12" },
            ["tensors"] = new JsonObject
            {
                ["W"] = Tensor("F64", [2, 3], 1.5, -2.25, 1e-310, 0.1, double.MaxValue, double.NaN),
                ["w32"] = Tensor("F32", [3], 0.5, -3.75, double.NegativeInfinity),
                ["w16"] = Tensor("F16", [2], 65504, -0.000244140625),
                ["wbf16"] = Tensor("BF16", [2], 1.5, -123.5),
                ["step"] = IntTensor("I64", [], 9_007_199_254_740_993),
                ["ids"] = IntTensor("I32", [2, 2], -2_147_483_648, 0, 7, 2_147_483_647),
                ["empty"] = Tensor("F64", [3, 0]),
            },
        };
        string path = Path.Combine(_folder, "from-python.safetensors");
        PythonScript.Run(spec.ToJsonString(), "write", path);

        SafeTensorsFile read = SafeTensorsFile.Load(path);
        Assert.Equal("pt", read.Metadata["format"]);
        Assert.Equal("12", read.Metadata["step"]);

        Matrix<double> w = read["W"].ToMatrix();
        Assert.Equal(new[] { 1.5, -2.25, 1e-310 }, w.Row(0).ToArray());
        Assert.Equal(0.1, w[1, 0]);
        Assert.Equal(double.MaxValue, w[1, 1]);
        Assert.True(double.IsNaN(w[1, 2]));
        Assert.Equal(new[] { 0.5, -3.75, double.NegativeInfinity }, read["w32"].Doubles.ToArray());
        Assert.Equal(new[] { 65504, -0.000244140625 }, read["w16"].Doubles.ToArray());
        Assert.Equal(new[] { 1.5, -123.5 }, read["wbf16"].Doubles.ToArray());
        Assert.Equal(9_007_199_254_740_993, read["step"].Int64s[0]);
        Assert.Equal(new long[] { int.MinValue, 0, 7, int.MaxValue }, read["ids"].Int64s.ToArray());
        Assert.Equal(SafeTensorDType.I32, read["ids"].DType);
        Assert.Equal(new[] { 3, 0 }, read["empty"].Shape);

        // And back: what Python wrote, C# rewrites, Python reads the same values.
        string again = Path.Combine(_folder, "roundtrip.safetensors");
        SafeTensors.Save(again, read.Tensors.Where(t => t.IsFloatingPoint && t.DType == SafeTensorDType.F64).Select(t => new NamedTensor(t.Name, t.Shape.ToArray(), t.Doubles.ToArray())));
        JsonNode python = JsonNode.Parse(PythonScript.Run("", "read", again))!;
        Assert.Equal(double.MaxValue, Number(python["tensors"]!["W"]!["values"]![1]![1]!));
    }

    private static JsonObject Tensor(string dtype, int[] shape, params double[] values) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(shape.Select(d => (JsonNode?)d).ToArray()),
        ["values"] = new JsonArray(values.Select(Encode).ToArray()),
    };

    private static JsonObject IntTensor(string dtype, int[] shape, params long[] values) => new()
    {
        ["dtype"] = dtype,
        ["shape"] = new JsonArray(shape.Select(d => (JsonNode?)d).ToArray()),
        ["values"] = new JsonArray(values.Select(v => (JsonNode?)v).ToArray()),
    };

    private static JsonNode? Encode(double v) =>
        double.IsNaN(v) ? "nan" : double.IsPositiveInfinity(v) ? "inf" : double.IsNegativeInfinity(v) ? "-inf" : JsonValue.Create(v);

    private static double Number(JsonNode node) =>
        node.GetValueKind() == JsonValueKind.String
            ? (string)node! switch { "nan" => double.NaN, "inf" => double.PositiveInfinity, "-inf" => double.NegativeInfinity, var s => throw new FormatException(s) }
            : (double)node;

    private static int[] Ints(JsonNode node) => node.AsArray().Select(v => (int)v!).ToArray();
}
