using System;
using NlpSymbolic.Training;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// A checkpoint was refused because a parameter holds NaN or an infinity (somewhere training never looked: an
/// embedding column no example touched, a value set by hand). The file was not written, so an earlier checkpoint
/// of the same path still holds the last good state.
/// </summary>
public sealed class NonFiniteParameterException : InvalidOperationException
{
    /// <summary>Creates the exception for the first non-finite entry of a parameter.</summary>
    /// <param name="filePath">The checkpoint that was not written.</param>
    /// <param name="parameter">The parameter holding the value.</param>
    /// <param name="index">The entry's index in <see cref="Parameter.Values"/> (column-major for a matrix).</param>
    public NonFiniteParameterException(string filePath, Parameter parameter, int index)
        : base(Compose(filePath, parameter, index))
    {
        ArgumentNullException.ThrowIfNull(parameter);
        FilePath = filePath;
        ParameterName = parameter.Name;
        Index = index;
        Value = parameter.Values[index];
    }

    /// <summary>The checkpoint that was not written.</summary>
    public string FilePath { get; }

    /// <summary>The parameter holding the value.</summary>
    public string ParameterName { get; }

    /// <summary>The entry's index in the parameter's column-major storage.</summary>
    public int Index { get; }

    /// <summary>The value (NaN or an infinity).</summary>
    public double Value { get; }

    private static string Compose(string filePath, Parameter parameter, int index)
    {
        var where = parameter.IsMatrix ? $"row {index % parameter.Rows}, column {index / parameter.Rows}" : $"entry {index}";
        return $"{filePath}: not written: parameter \"{parameter.Name}\" holds {parameter.Values[index]} at {where} (index {index}); a checkpoint keeps only finite values";
    }

    /// <summary>Throws for the first non-finite entry of any parameter.</summary>
    internal static void ThrowIfAny(string filePath, ParameterSet parameters)
    {
        foreach (Parameter p in parameters)
        {
            var values = p.Values.AsSpan();
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsFinite(values[i]))
                {
                    throw new NonFiniteParameterException(filePath, p, i);
                }
            }
        }
    }
}
