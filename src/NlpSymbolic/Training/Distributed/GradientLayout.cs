using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace NlpSymbolic.Training;

/// <summary>
/// A parameter set's gradients as one flat vector of numbers for the exchange between ranks, cut into one chunk
/// per rank; each rank finishes the shard tree for its chunk and then every rank gathers every chunk.
/// </summary>
/// <remarks>
/// A dense parameter is its gradient entries. A parameter with sparse columns contributes only the columns some
/// rank touched this step (their union, agreed on beforehand): each such column is a flag (1 when the sending
/// subtree touched it) followed by its entries. Chunks never split a column from its flag.
/// </remarks>
internal sealed class GradientLayout
{
    private const int DenseUnit = 1 << 14;

    private readonly ParameterSet _parameters;
    private readonly int _size;
    private readonly List<Unit> _units = new();
    private readonly int[] _chunkFirstUnit;

    private readonly bool[] _leftOut;

    /// <summary>
    /// Lays out <paramref name="parameters"/> for <paramref name="size"/> ranks, sparse parameters with no columns
    /// yet, without the parameters marked in <paramref name="leftOut"/> (they cross on their own).
    /// </summary>
    internal GradientLayout(ParameterSet parameters, int size, bool[] leftOut)
    {
        _parameters = parameters;
        _size = size;
        _leftOut = leftOut;
        _chunkFirstUnit = new int[size + 1];
        ChunkStart = new int[size + 1];
        Build(new List<int>?[parameters.Count]);
    }

    /// <summary>
    /// Lays the flat vector out again with <paramref name="columns"/>[p] (increasing) as the columns of sparse
    /// parameter p that cross this step; dense parameters are always whole.
    /// </summary>
    internal void Build(IReadOnlyList<List<int>?> columns)
    {
        _units.Clear();
        int flat = 0;
        for (int p = 0; p < _parameters.Count; p++)
        {
            Parameter parameter = _parameters[p];
            if (_leftOut[p])
            {
                continue;
            }

            if (parameter.SparseColumns)
            {
                for (int i = 0; i < (columns[p]?.Count ?? 0); i++)
                {
                    int column = columns[p]![i];
                    _units.Add(new Unit(p, column * parameter.Rows, parameter.Rows, column, flat));
                    flat = checked(flat + 1 + parameter.Rows);
                }

                continue;
            }

            for (int start = 0; start < parameter.Length; start += DenseUnit)
            {
                int length = Math.Min(DenseUnit, parameter.Length - start);
                _units.Add(new Unit(p, start, length, -1, flat));
                flat = checked(flat + length);
            }
        }

        Length = flat;
        for (int c = 0, u = 0; c <= _size; c++)
        {
            long target = (long)c * flat / _size;
            while (u < _units.Count && _units[u].Flat < target)
            {
                u++;
            }

            _chunkFirstUnit[c] = u;
            ChunkStart[c] = u < _units.Count ? _units[u].Flat : flat;
        }
    }

    /// <summary>Numbers in the flat vector.</summary>
    internal int Length { get; private set; }

    /// <summary>Where each chunk starts in the flat vector; entry <c>size</c> is <see cref="Length"/>.</summary>
    internal int[] ChunkStart { get; }

    /// <summary>The length of chunk <paramref name="chunk"/>.</summary>
    internal int ChunkLength(int chunk) => ChunkStart[chunk + 1] - ChunkStart[chunk];

    /// <summary>Writes chunk <paramref name="chunk"/> of <paramref name="source"/>'s gradients (and touched flags) to <paramref name="into"/>.</summary>
    internal void Pack(ParameterSet source, int chunk, Span<double> into)
    {
        for (int u = _chunkFirstUnit[chunk]; u < _chunkFirstUnit[chunk + 1]; u++)
        {
            Unit unit = _units[u];
            Parameter parameter = source[unit.Parameter];
            Span<double> target = into.Slice(unit.Flat - ChunkStart[chunk], unit.FlatLength);
            ReadOnlySpan<double> values = parameter.Gradients.AsSpan(unit.Start, unit.Length);
            if (unit.Column < 0)
            {
                values.CopyTo(target);
            }
            else if (parameter.IsColumnTouched(unit.Column))
            {
                target[0] = 1;
                values.CopyTo(target[1..]);
            }
            else
            {
                target.Clear();
            }
        }
    }

    /// <summary>
    /// <c>into += from</c> over chunk <paramref name="chunk"/>; a column that <paramref name="from"/> did not touch
    /// leaves <paramref name="into"/>'s as it is, and one that only <paramref name="from"/> touched is copied.
    /// </summary>
    internal void Combine(Span<double> into, ReadOnlySpan<double> from, int chunk)
    {
        for (int u = _chunkFirstUnit[chunk]; u < _chunkFirstUnit[chunk + 1]; u++)
        {
            Unit unit = _units[u];
            int at = unit.Flat - ChunkStart[chunk];
            Span<double> a = into.Slice(at, unit.FlatLength);
            ReadOnlySpan<double> b = from.Slice(at, unit.FlatLength);
            if (unit.Column < 0)
            {
                TensorPrimitives.Add(a, b, a);
            }
            else if (b[0] != 0)
            {
                if (a[0] != 0)
                {
                    TensorPrimitives.Add(a[1..], b[1..], a[1..]);
                }
                else
                {
                    b.CopyTo(a);
                }
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="target"/>'s gradients to the whole flat vector times <paramref name="scale"/>; a sparse
    /// parameter's flagged columns are recorded as touched in increasing order.
    /// </summary>
    internal void Unpack(ReadOnlySpan<double> flat, ParameterSet target, double scale)
    {
        foreach (Parameter parameter in target)
        {
            if (parameter.SparseColumns)
            {
                parameter.ZeroGradient();
            }
        }

        foreach (Unit unit in _units)
        {
            Parameter parameter = target[unit.Parameter];
            ReadOnlySpan<double> source = flat.Slice(unit.Flat, unit.FlatLength);
            if (unit.Column >= 0)
            {
                if (source[0] == 0)
                {
                    continue;
                }

                source = source[1..];
                parameter.TouchColumn(unit.Column);
            }

            Span<double> values = parameter.Gradients.AsSpan(unit.Start, unit.Length);
            if (scale != 1.0)
            {
                TensorPrimitives.Multiply(source, scale, values);
            }
            else
            {
                source.CopyTo(values);
            }
        }
    }

    /// <summary>A dense slice of a parameter (<see cref="Column"/> −1), or one column of a sparse one.</summary>
    private readonly record struct Unit(int Parameter, int Start, int Length, int Column, int Flat)
    {
        public int FlatLength => Column < 0 ? Length : Length + 1;
    }
}
