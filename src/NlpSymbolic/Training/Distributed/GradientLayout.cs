using System;
using System.Collections.Generic;
using System.Numerics.Tensors;

namespace NlpSymbolic.Training;

/// <summary>
/// A parameter set's gradients as one flat vector of numbers for the exchange between ranks, cut into one chunk
/// per rank; each rank finishes the shard tree for its chunk and then every rank gathers every chunk.
/// </summary>
/// <remarks>
/// A dense parameter is its gradient entries. A parameter with sparse columns goes dense here (the documented
/// cost: the whole matrix crosses the network every step, plus one number per column): each column is a flag
/// (1 when some shard touched it) followed by its entries. Chunks never split a column from its flag.
/// </remarks>
internal sealed class GradientLayout
{
    private const int DenseUnit = 1 << 14;

    private readonly Unit[] _units;
    private readonly int[] _chunkFirstUnit;

    /// <summary>Lays out <paramref name="parameters"/> in chunks for <paramref name="size"/> ranks.</summary>
    internal GradientLayout(ParameterSet parameters, int size)
    {
        var units = new List<Unit>();
        int flat = 0;
        for (int p = 0; p < parameters.Count; p++)
        {
            Parameter parameter = parameters[p];
            if (parameter.SparseColumns)
            {
                for (int column = 0; column < parameter.Columns; column++)
                {
                    units.Add(new Unit(p, column * parameter.Rows, parameter.Rows, column, flat));
                    flat = checked(flat + 1 + parameter.Rows);
                }

                continue;
            }

            for (int start = 0; start < parameter.Length; start += DenseUnit)
            {
                int length = Math.Min(DenseUnit, parameter.Length - start);
                units.Add(new Unit(p, start, length, -1, flat));
                flat = checked(flat + length);
            }
        }

        _units = units.ToArray();
        Length = flat;
        _chunkFirstUnit = new int[size + 1];
        ChunkStart = new int[size + 1];
        for (int c = 0, u = 0; c <= size; c++)
        {
            long target = (long)c * flat / size;
            while (u < _units.Length && _units[u].Flat < target)
            {
                u++;
            }

            _chunkFirstUnit[c] = u;
            ChunkStart[c] = u < _units.Length ? _units[u].Flat : flat;
        }
    }

    /// <summary>Numbers in the flat vector.</summary>
    internal int Length { get; }

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
