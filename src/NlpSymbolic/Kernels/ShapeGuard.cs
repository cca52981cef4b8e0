using System;
using System.Diagnostics.CodeAnalysis;
using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

/// <summary>
/// Shape and index validation with messages that name the operation and every shape involved.
/// </summary>
/// <remarks>
/// Messages are only formatted on the failing path (in the throw methods), so the checks cost a
/// comparison and never allocate when shapes agree. Roles are complete noun phrases
/// ("the destination", "dy") so messages read naturally.
/// </remarks>
internal static class ShapeGuard
{
    internal static void SameLength<T>(
        string operation, Vector<T> a, Vector<T> b, string paramName,
        string aRole = "the first vector", string bRole = "the second vector")
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (a.Count != b.Count)
        {
            ThrowLengths(operation, aRole, a.Count, bRole, b.Count, paramName);
        }
    }

    internal static void SameShape<T>(
        string operation, Matrix<T> a, Matrix<T> b, string paramName,
        string aRole = "the first matrix", string bRole = "the second matrix")
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
        {
            ThrowShapes(operation, aRole, a, bRole, b, paramName);
        }
    }

    internal static void NotEmpty<T>(string operation, Vector<T> v, string paramName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if (v.Count == 0)
        {
            throw new ArgumentException($"{operation}: the vector is empty; the result is undefined.", paramName);
        }
    }

    internal static void Index(string operation, int index, int length, string paramName)
    {
        if ((uint)index >= (uint)length)
        {
            ThrowIndex(operation, index, length, paramName);
        }
    }

    internal static void Index<T>(string operation, int row, int column, Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if ((uint)row >= (uint)m.RowCount || (uint)column >= (uint)m.ColumnCount)
        {
            string paramName = (uint)row >= (uint)m.RowCount ? "i" : "j";
            throw new ArgumentOutOfRangeException(
                paramName,
                $"{operation}: index ({row}, {column}) is outside a {Shape(m)} matrix.");
        }
    }

    internal static void Row<T>(string operation, int row, Matrix<T> m, string paramName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if ((uint)row >= (uint)m.RowCount)
        {
            throw new ArgumentOutOfRangeException(
                paramName, row, $"{operation}: row {row} is outside a {Shape(m)} matrix.");
        }
    }

    internal static void Column<T>(string operation, int column, Matrix<T> m, string paramName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        if ((uint)column >= (uint)m.ColumnCount)
        {
            throw new ArgumentOutOfRangeException(
                paramName, column, $"{operation}: column {column} is outside a {Shape(m)} matrix.");
        }
    }

    internal static string Shape<T>(Matrix<T> m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> => $"{m.RowCount}×{m.ColumnCount}";

    [DoesNotReturn]
    internal static void Throw(string message, string paramName) => throw new ArgumentException(message, paramName);

    [DoesNotReturn]
    private static void ThrowLengths(string operation, string aRole, int a, string bRole, int b, string paramName) =>
        throw new ArgumentException(
            $"{operation}: {aRole} has length {a} but {bRole} has length {b}.", paramName);

    [DoesNotReturn]
    private static void ThrowShapes<T>(
        string operation, string aRole, Matrix<T> a, string bRole, Matrix<T> b, string paramName)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        throw new ArgumentException(
            $"{operation}: {aRole} is {Shape(a)} but {bRole} is {Shape(b)}.", paramName);

    [DoesNotReturn]
    private static void ThrowIndex(string operation, int index, int length, string paramName) =>
        throw new ArgumentOutOfRangeException(
            paramName, index, $"{operation}: index {index} is outside a vector of length {length}.");
}
