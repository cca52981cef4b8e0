using System;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// Runs an adjoint kernel inside a frame and checks the two properties every adjoint must have:
/// it adds onto the (randomly pre-filled) destination, and it leaves every other input bit-for-bit intact.
/// </summary>
internal static class AdjointScope
{
    public static void Check(Vector<double> dst, Vector<double> expected, Action<Workspace> kernel, params object[] inputs)
    {
        object[] snapshots = Snapshot(inputs);
        Frame.Run(kernel);
        Near.Equal(expected, dst);
        Verify(inputs, snapshots);
    }

    public static void Check(Matrix<double> dst, Matrix<double> expected, Action<Workspace> kernel, params object[] inputs)
    {
        object[] snapshots = Snapshot(inputs);
        Frame.Run(kernel);
        Near.Equal(expected, dst);
        Verify(inputs, snapshots);
    }

    private static object[] Snapshot(object[] inputs)
    {
        var copies = new object[inputs.Length];
        for (int i = 0; i < inputs.Length; i++)
        {
            copies[i] = inputs[i] switch
            {
                Vector<double> v => v.Clone(),
                Matrix<double> m => m.Clone(),
                _ => throw new ArgumentException("inputs must be vectors or matrices"),
            };
        }

        return copies;
    }

    private static void Verify(object[] inputs, object[] snapshots)
    {
        for (int i = 0; i < inputs.Length; i++)
        {
            if (inputs[i] is Vector<double> v)
            {
                Near.Same((Vector<double>)snapshots[i], v);
            }
            else
            {
                Near.Same((Matrix<double>)snapshots[i], (Matrix<double>)inputs[i]);
            }
        }
    }
}
