using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// The columns of the sparse parameters that some rank touched in a step, agreed on in the same all-gather as the
/// shard losses: each rank sends one bit per column (32 to a number, an integer and so exact in a double), and the
/// union is the OR of every rank's bits, read in increasing column order.
/// </summary>
/// <remarks>
/// The block has a fixed size (a 50,000-word vocabulary is 1,563 numbers), so one collective with no counts to
/// exchange first does it, and reading the union allocates nothing once the lists have grown.
/// </remarks>
internal sealed class ColumnUnion
{
    private const int BitsPerNumber = 32;

    private readonly ParameterSet _parameters;
    private readonly int[] _firstNumber;
    private readonly List<int>?[] _columns;

    internal ColumnUnion(ParameterSet parameters)
    {
        _parameters = parameters;
        _firstNumber = new int[parameters.Count];
        _columns = new List<int>?[parameters.Count];
        int numbers = 0;
        for (int p = 0; p < parameters.Count; p++)
        {
            _firstNumber[p] = numbers;
            if (parameters[p].SparseColumns)
            {
                numbers = checked(numbers + ((parameters[p].Columns + BitsPerNumber - 1) / BitsPerNumber));
                _columns[p] = new List<int>();
            }
        }

        Numbers = numbers;
    }

    /// <summary>The numbers each rank sends: its bits for every sparse parameter.</summary>
    internal int Numbers { get; }

    /// <summary>Per parameter, the union's columns in increasing order (null for a dense parameter), after <see cref="Read"/>.</summary>
    internal IReadOnlyList<List<int>?> Columns => _columns;

    /// <summary>Sets the bits of the columns that <paramref name="subtree"/> touched in <paramref name="into"/> (<see cref="Numbers"/> long, cleared by the caller).</summary>
    internal void Write(ParameterSet subtree, Span<double> into)
    {
        for (int p = 0; p < _parameters.Count; p++)
        {
            if (!_parameters[p].SparseColumns)
            {
                continue;
            }

            Span<double> bits = into.Slice(_firstNumber[p]);
            foreach (int column in subtree[p].TouchedColumns)
            {
                int at = column / BitsPerNumber;
                bits[at] = (uint)bits[at] | (1u << (column % BitsPerNumber));
            }
        }
    }

    /// <summary>
    /// Reads the union of the <paramref name="ranks"/> blocks of bits that start at <paramref name="offset"/> and
    /// follow each other every <paramref name="stride"/> numbers in <paramref name="all"/>.
    /// </summary>
    internal void Read(ReadOnlySpan<double> all, int offset, int stride, int ranks)
    {
        for (int p = 0; p < _parameters.Count; p++)
        {
            if (_columns[p] is not { } columns)
            {
                continue;
            }

            columns.Clear();
            int first = offset + _firstNumber[p];
            int count = _parameters[p].Columns;
            for (int n = 0; n * BitsPerNumber < count; n++)
            {
                uint word = 0;
                for (int q = 0; q < ranks; q++)
                {
                    word |= (uint)all[first + (q * stride) + n];
                }

                while (word != 0)
                {
                    int bit = System.Numerics.BitOperations.TrailingZeroCount(word);
                    columns.Add((n * BitsPerNumber) + bit);
                    word &= word - 1;
                }
            }
        }
    }
}
