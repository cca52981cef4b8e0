using System;
using System.Collections.Generic;
using System.Text;

namespace NlpSymbolic.Checkpoints;

/// <summary>Element counts and display of tensor shapes, shared by the writer, the reader and the loader.</summary>
internal static class TensorShape
{
    /// <summary>"[100, 300]"; "[]" for a scalar. The form every checkpoint message uses.</summary>
    internal static string Format(IReadOnlyList<int> shape)
    {
        var text = new StringBuilder("[");
        for (int i = 0; i < shape.Count; i++)
        {
            text.Append(i == 0 ? "" : ", ").Append(shape[i]);
        }

        return text.Append(']').ToString();
    }

    /// <summary>
    /// Checks a caller-supplied shape and returns its element count and a private copy, so later
    /// changes to the caller's array cannot desynchronise shape and data.
    /// </summary>
    internal static int[] Validated(int[] shape, string tensorName, string paramName, out int elementCount)
    {
        ArgumentNullException.ThrowIfNull(shape, paramName);
        long count = 1;
        foreach (int dim in shape)
        {
            if (dim < 0)
            {
                throw new ArgumentException(
                    $"Tensor \"{tensorName}\": shape {Format(shape)} has a negative dimension.", paramName);
            }

            count *= dim;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException(
                    $"Tensor \"{tensorName}\": shape {Format(shape)} has more elements than an array can hold.", paramName);
            }
        }

        elementCount = (int)count;
        return (int[])shape.Clone();
    }
}
