using System;
using System.Collections.Generic;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// The tape of a frame: what a loop or branch of the forward sweep saves for the reverse sweep. Generated
// code pushes a block's values at its end and pops them, in reverse order, at the start of the block's
// reverse, so every pop matches a push. Values of one kind share a stack; the lists keep their capacity,
// so a steady-state call allocates nothing. Memory grows linearly with the number of loop iterations.
public sealed partial class Workspace
{
    private readonly List<double> _scalars = new();
    private readonly List<int> _ints = new();
    private readonly List<object> _references = new();

    /// <summary>Where a pullback puts the gradient of a scalar argument that nobody needs.</summary>
    public double Scratch;

    /// <summary>Saves a scalar on this frame's tape for the reverse sweep.</summary>
    public void Push(double value) => _scalars.Add(value);

    /// <summary>Saves an int (an index, a trip count) on this frame's tape.</summary>
    public void Push(int value) => _ints.Add(value);

    /// <summary>Saves a branch's condition on this frame's tape, so the reverse sweep replays the path that ran.</summary>
    public void Push(bool value) => _ints.Add(value ? 1 : 0);

    /// <summary>Saves a vector by reference (each iteration rents its own buffer, so it is not overwritten).</summary>
    public void Push(Vector<double> value) => _references.Add(value);

    /// <summary>Saves a matrix by reference.</summary>
    public void Push(Matrix<double> value) => _references.Add(value);

    /// <summary>Saves a scalar array by reference.</summary>
    public void Push(double[] value) => _references.Add(value);

    /// <summary>Saves an array of vectors by reference.</summary>
    public void Push(Vector<double>[] value) => _references.Add(value);

    /// <summary>Saves an int array (token ids) by reference.</summary>
    public void Push(int[] value) => _references.Add(value);

    /// <summary>The scalar pushed last; throws if the forward sweep pushed none (a bug in generated code).</summary>
    public double PopScalar() => Pop(_scalars);

    /// <summary>The int pushed last.</summary>
    public int PopInt() => Pop(_ints);

    /// <summary>The condition pushed last.</summary>
    public bool PopBool() => Pop(_ints) != 0;

    /// <summary>The vector pushed last (vectors, matrices and arrays share one stack, popped in reverse push order).</summary>
    public Vector<double> PopVector() => (Vector<double>)Pop(_references);

    /// <summary>The matrix pushed last.</summary>
    public Matrix<double> PopMatrix() => (Matrix<double>)Pop(_references);

    /// <summary>The scalar array pushed last.</summary>
    public double[] PopScalarArray() => (double[])Pop(_references);

    /// <summary>The array of vectors pushed last.</summary>
    public Vector<double>[] PopVectorArray() => (Vector<double>[])Pop(_references);

    /// <summary>The int array pushed last.</summary>
    public int[] PopIntArray() => (int[])Pop(_references);

    /// <summary>Values saved on this frame's tape (all kinds); 0 after a balanced forward and reverse sweep.</summary>
    public int TapeLength => _scalars.Count + _ints.Count + _references.Count;

    /// <summary>
    /// What the last <see cref="Exit"/> of this frame found left on the tape: 0 after a generated backward
    /// that completed (every push popped); non-zero only if an exception cut a sweep short.
    /// </summary>
    public int TapeLengthAtLastExit { get; private set; }

    private static T Pop<T>(List<T> stack)
    {
        if (stack.Count == 0)
        {
            throw new InvalidOperationException(
                "Workspace tape underflow: the reverse sweep popped a value the forward sweep did not push. This is a bug in the generated code; please report it.");
        }

        var last = stack.Count - 1;
        var value = stack[last];
        stack.RemoveAt(last);
        return value;
    }

    private void ClearTape()
    {
        _scalars.Clear();
        _ints.Clear();
        _references.Clear();
    }

    /// <summary>A copy of <paramref name="v"/> in a buffer of this frame.</summary>
    public Vector<double> Copy(Vector<double> v)
    {
        ArgumentNullException.ThrowIfNull(v);
        var copy = RentVector(v.Count);
        v.CopyTo(copy);
        return copy;
    }

    /// <summary>A copy of <paramref name="m"/> in a buffer of this frame.</summary>
    public Matrix<double> Copy(Matrix<double> m)
    {
        ArgumentNullException.ThrowIfNull(m);
        var copy = RentMatrix(m.RowCount, m.ColumnCount);
        m.CopyTo(copy);
        return copy;
    }

    /// <summary>A zero array of the same length (allocated: arrays only need scratch gradients in rare calls).</summary>
    public double[] ZerosLike(double[] a) => new double[a.Length];

    /// <summary>Zero vectors of the same lengths, from this frame's buffers.</summary>
    public Vector<double>[] ZerosLike(Vector<double>[] a)
    {
        var zeros = new Vector<double>[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            zeros[i] = ZerosLike(a[i]);
        }

        return zeros;
    }

    /// <summary>dst[i] += src[i]: the adjoint of an array chosen by a branch.</summary>
    public void Accumulate(double[] dst, double[] src)
    {
        if (dst.Length != src.Length)
        {
            throw new ArgumentException($"Accumulate: the destination array has length {dst.Length} but the source has length {src.Length}.", nameof(src));
        }
        for (var i = 0; i < dst.Length; i++)
        {
            dst[i] += src[i];
        }
    }

    /// <summary>dst[i] += src[i] for every vector of the array.</summary>
    public void Accumulate(Vector<double>[] dst, Vector<double>[] src)
    {
        if (dst.Length != src.Length)
        {
            throw new ArgumentException($"Accumulate: the destination array has length {dst.Length} but the source has length {src.Length}.", nameof(src));
        }
        for (var i = 0; i < dst.Length; i++)
        {
            Accumulate(dst[i], src[i]);
        }
    }
}
