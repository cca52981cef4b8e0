using System;

namespace NlpSymbolic.Checkpoints;

/// <summary>Reorders elements between row-major (file order) and column-major (MathNet storage order).</summary>
internal static class LayoutOrder
{
    /// <summary>Copies <paramref name="source"/>, ordered by <paramref name="layout"/>, into row-major <paramref name="rowMajor"/>.</summary>
    internal static void ToRowMajor<T>(ReadOnlySpan<T> source, TensorLayout layout, int[] shape, Span<T> rowMajor)
    {
        if (layout == TensorLayout.RowMajor || /* Stryker disable once Equality : a rank-1 tensor has the same order either way; the cursor gives the same copy */ shape.Length <= 1)
        {
            source.CopyTo(rowMajor);
            return;
        }

        var column = new ColumnMajorCursor(shape);
        for (int row = 0; row < rowMajor.Length; row++, column.Advance())
        {
            rowMajor[row] = source[column.Offset];
        }
    }

    /// <summary>Copies row-major <paramref name="rowMajor"/> into <paramref name="destination"/>, ordered by <paramref name="layout"/>.</summary>
    internal static void FromRowMajor<T>(ReadOnlySpan<T> rowMajor, int[] shape, TensorLayout layout, Span<T> destination)
    {
        if (layout == TensorLayout.RowMajor || /* Stryker disable once Equality : a rank-1 tensor has the same order either way; the cursor gives the same copy */ shape.Length <= 1)
        {
            rowMajor.CopyTo(destination);
            return;
        }

        var column = new ColumnMajorCursor(shape);
        for (int row = 0; row < rowMajor.Length; row++, column.Advance())
        {
            destination[column.Offset] = rowMajor[row];
        }
    }

    /// <summary>
    /// Walks the multi-index in row-major order and keeps its column-major offset up to date
    /// incrementally (an odometer), so any rank costs amortised O(1) per element.
    /// </summary>
    private struct ColumnMajorCursor
    {
        private readonly int[] _shape;
        private readonly int[] _stride;
        private readonly int[] _index;

        internal ColumnMajorCursor(int[] shape)
        {
            _shape = shape;
            _stride = new int[shape.Length];
            _index = new int[shape.Length];
            int stride = 1;
            for (int d = 0; d < shape.Length; d++)
            {
                _stride[d] = stride;
                stride *= shape[d];
            }

            Offset = 0;
        }

        internal int Offset { get; private set; }

        internal void Advance()
        {
            for (int d = _shape.Length - 1; d >= 0; d--)
            {
                _index[d]++;
                Offset += _stride[d];
                if (_index[d] < _shape[d])
                {
                    return;
                }

                Offset -= _shape[d] * _stride[d];
                _index[d] = 0;
            }
        }
    }
}
