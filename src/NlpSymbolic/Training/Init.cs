using System;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Storage;

namespace NlpSymbolic.Training;

/// <summary>
/// Weight initialisers, as in-place fills of existing matrices and vectors and as factories.
/// </summary>
/// <remarks>
/// <para>
/// Every initialiser draws from a <see cref="Random"/>, or from <c>new Random(seed)</c> for the overloads
/// taking a seed, and fills entries in storage order (column-major for matrices). The same seed therefore
/// gives bit-identical weights run after run: seeded <see cref="Random"/> keeps its algorithm for
/// compatibility. Uniform draws use only correctly rounded arithmetic and so agree on every machine; normal
/// draws (Box–Muller) also go through <see cref="Math.Log(double)"/>, <see cref="Math.Cos"/> and
/// <see cref="Math.Sin"/>, which the operating system's maths library may round differently in the last bit.
/// </para>
/// <para>
/// Xavier/Glorot initialisers read the fans from the shape of <c>W</c> in <c>y = W x</c>: fan-in is the
/// column count and fan-out the row count. The formulas are symmetric in the two, so an embedding matrix
/// with one column per word gets the same scale either way round.
/// </para>
/// </remarks>
public static class Init
{
    /// <summary>Sets every entry of <paramref name="matrix"/> to zero.</summary>
    public static void Zeros(Matrix<double> matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        matrix.Clear();
    }

    /// <summary>Sets every entry of <paramref name="vector"/> to zero.</summary>
    public static void Zeros(Vector<double> vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        vector.Clear();
    }

    /// <summary>A new dense matrix of zeros.</summary>
    public static Matrix<double> Zeros(int rows, int columns) => Matrix<double>.Build.Dense(rows, columns);

    /// <summary>A new dense vector of zeros.</summary>
    public static Vector<double> Zeros(int length) => Vector<double>.Build.Dense(length);

    /// <summary>Fills <paramref name="matrix"/> with draws from U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static void Uniform(Matrix<double> matrix, double low, double high, Random random)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckUniform(low, high);
        ArgumentNullException.ThrowIfNull(random);
        double[] data = Storage(matrix);
        FillUniform(data, low, high, random);
        WriteBack(matrix, data);
    }

    /// <summary>Fills <paramref name="matrix"/> with draws from U[<paramref name="low"/>, <paramref name="high"/>) seeded by <paramref name="seed"/>.</summary>
    public static void Uniform(Matrix<double> matrix, double low, double high, int seed) =>
        Uniform(matrix, low, high, new Random(seed));

    /// <summary>Fills <paramref name="vector"/> with draws from U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static void Uniform(Vector<double> vector, double low, double high, Random random)
    {
        ArgumentNullException.ThrowIfNull(vector);
        CheckUniform(low, high);
        ArgumentNullException.ThrowIfNull(random);
        double[] data = Storage(vector);
        FillUniform(data, low, high, random);
        WriteBack(vector, data);
    }

    /// <summary>Fills <paramref name="vector"/> with draws from U[<paramref name="low"/>, <paramref name="high"/>) seeded by <paramref name="seed"/>.</summary>
    public static void Uniform(Vector<double> vector, double low, double high, int seed) =>
        Uniform(vector, low, high, new Random(seed));

    /// <summary>A new dense matrix with entries drawn from U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Matrix<double> Uniform(int rows, int columns, double low, double high, Random random)
    {
        Matrix<double> m = Matrix<double>.Build.Dense(rows, columns);
        Uniform(m, low, high, random);
        return m;
    }

    /// <summary>A new dense matrix with entries drawn from U[<paramref name="low"/>, <paramref name="high"/>) seeded by <paramref name="seed"/>.</summary>
    public static Matrix<double> Uniform(int rows, int columns, double low, double high, int seed) =>
        Uniform(rows, columns, low, high, new Random(seed));

    /// <summary>A new dense vector with entries drawn from U[<paramref name="low"/>, <paramref name="high"/>).</summary>
    public static Vector<double> Uniform(int length, double low, double high, Random random)
    {
        Vector<double> v = Vector<double>.Build.Dense(length);
        Uniform(v, low, high, random);
        return v;
    }

    /// <summary>A new dense vector with entries drawn from U[<paramref name="low"/>, <paramref name="high"/>) seeded by <paramref name="seed"/>.</summary>
    public static Vector<double> Uniform(int length, double low, double high, int seed) =>
        Uniform(length, low, high, new Random(seed));

    /// <summary>Fills <paramref name="matrix"/> with draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public static void Normal(Matrix<double> matrix, double mean, double standardDeviation, Random random)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        CheckNormal(mean, standardDeviation);
        ArgumentNullException.ThrowIfNull(random);
        double[] data = Storage(matrix);
        FillNormal(data, mean, standardDeviation, random);
        WriteBack(matrix, data);
    }

    /// <summary>Fills <paramref name="matrix"/> with draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) seeded by <paramref name="seed"/>.</summary>
    public static void Normal(Matrix<double> matrix, double mean, double standardDeviation, int seed) =>
        Normal(matrix, mean, standardDeviation, new Random(seed));

    /// <summary>Fills <paramref name="vector"/> with draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public static void Normal(Vector<double> vector, double mean, double standardDeviation, Random random)
    {
        ArgumentNullException.ThrowIfNull(vector);
        CheckNormal(mean, standardDeviation);
        ArgumentNullException.ThrowIfNull(random);
        double[] data = Storage(vector);
        FillNormal(data, mean, standardDeviation, random);
        WriteBack(vector, data);
    }

    /// <summary>Fills <paramref name="vector"/> with draws from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) seeded by <paramref name="seed"/>.</summary>
    public static void Normal(Vector<double> vector, double mean, double standardDeviation, int seed) =>
        Normal(vector, mean, standardDeviation, new Random(seed));

    /// <summary>A new dense matrix with entries drawn from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public static Matrix<double> Normal(int rows, int columns, double mean, double standardDeviation, Random random)
    {
        Matrix<double> m = Matrix<double>.Build.Dense(rows, columns);
        Normal(m, mean, standardDeviation, random);
        return m;
    }

    /// <summary>A new dense matrix with entries drawn from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) seeded by <paramref name="seed"/>.</summary>
    public static Matrix<double> Normal(int rows, int columns, double mean, double standardDeviation, int seed) =>
        Normal(rows, columns, mean, standardDeviation, new Random(seed));

    /// <summary>A new dense vector with entries drawn from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²).</summary>
    public static Vector<double> Normal(int length, double mean, double standardDeviation, Random random)
    {
        Vector<double> v = Vector<double>.Build.Dense(length);
        Normal(v, mean, standardDeviation, random);
        return v;
    }

    /// <summary>A new dense vector with entries drawn from N(<paramref name="mean"/>, <paramref name="standardDeviation"/>²) seeded by <paramref name="seed"/>.</summary>
    public static Vector<double> Normal(int length, double mean, double standardDeviation, int seed) =>
        Normal(length, mean, standardDeviation, new Random(seed));

    /// <summary>
    /// Xavier/Glorot uniform: fills <paramref name="matrix"/> from U[−a, a) with
    /// a = <paramref name="gain"/> · √(6 / (fan-in + fan-out)), fan-in = columns, fan-out = rows.
    /// </summary>
    public static void XavierUniform(Matrix<double> matrix, Random random, double gain = 1.0)
    {
        double limit = XavierScale(matrix, gain, 6.0);
        Uniform(matrix, -limit, limit, random);
    }

    /// <summary>Xavier/Glorot uniform (see <see cref="XavierUniform(Matrix{double}, Random, double)"/>) seeded by <paramref name="seed"/>.</summary>
    public static void XavierUniform(Matrix<double> matrix, int seed, double gain = 1.0) =>
        XavierUniform(matrix, new Random(seed), gain);

    /// <summary>A new dense <paramref name="rows"/>×<paramref name="columns"/> matrix with Xavier/Glorot uniform entries.</summary>
    public static Matrix<double> XavierUniform(int rows, int columns, Random random, double gain = 1.0)
    {
        Matrix<double> m = Matrix<double>.Build.Dense(rows, columns);
        XavierUniform(m, random, gain);
        return m;
    }

    /// <summary>A new dense <paramref name="rows"/>×<paramref name="columns"/> matrix with Xavier/Glorot uniform entries seeded by <paramref name="seed"/>.</summary>
    public static Matrix<double> XavierUniform(int rows, int columns, int seed, double gain = 1.0) =>
        XavierUniform(rows, columns, new Random(seed), gain);

    /// <summary>
    /// Xavier/Glorot normal: fills <paramref name="matrix"/> from N(0, σ²) with
    /// σ = <paramref name="gain"/> · √(2 / (fan-in + fan-out)), fan-in = columns, fan-out = rows.
    /// </summary>
    public static void XavierNormal(Matrix<double> matrix, Random random, double gain = 1.0)
    {
        double std = XavierScale(matrix, gain, 2.0);
        Normal(matrix, 0.0, std, random);
    }

    /// <summary>Xavier/Glorot normal (see <see cref="XavierNormal(Matrix{double}, Random, double)"/>) seeded by <paramref name="seed"/>.</summary>
    public static void XavierNormal(Matrix<double> matrix, int seed, double gain = 1.0) =>
        XavierNormal(matrix, new Random(seed), gain);

    /// <summary>A new dense <paramref name="rows"/>×<paramref name="columns"/> matrix with Xavier/Glorot normal entries.</summary>
    public static Matrix<double> XavierNormal(int rows, int columns, Random random, double gain = 1.0)
    {
        Matrix<double> m = Matrix<double>.Build.Dense(rows, columns);
        XavierNormal(m, random, gain);
        return m;
    }

    /// <summary>A new dense <paramref name="rows"/>×<paramref name="columns"/> matrix with Xavier/Glorot normal entries seeded by <paramref name="seed"/>.</summary>
    public static Matrix<double> XavierNormal(int rows, int columns, int seed, double gain = 1.0) =>
        XavierNormal(rows, columns, new Random(seed), gain);

    private static double XavierScale(Matrix<double> matrix, double gain, double numerator)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        HyperparameterGuard.Positive(gain, "Xavier gain", nameof(gain));
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
        {
            throw new ArgumentException(
                $"Xavier initialisation needs a non-empty matrix to read fan-in and fan-out from, got {matrix.RowCount}×{matrix.ColumnCount}.",
                nameof(matrix));
        }

        return gain * Math.Sqrt(numerator / (matrix.ColumnCount + matrix.RowCount));
    }

    private static void FillUniform(Span<double> data, double low, double high, Random random)
    {
        double width = high - low;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = low + width * random.NextDouble();
        }
    }

    // Box–Muller, both outputs used: deterministic given the generator, and simple enough to reproduce by hand.
    private static void FillNormal(Span<double> data, double mean, double standardDeviation, Random random)
    {
        for (int i = 0; i < data.Length; i += 2)
        {
            double u1 = 1.0 - random.NextDouble(); // (0, 1]: keeps the logarithm finite
            double u2 = random.NextDouble();
            double radius = Math.Sqrt(-2.0 * Math.Log(u1));
            double angle = 2.0 * Math.PI * u2;
            data[i] = mean + standardDeviation * (radius * Math.Cos(angle));
            if (i + 1 < data.Length)
            {
                data[i + 1] = mean + standardDeviation * (radius * Math.Sin(angle));
            }
        }
    }

    private static void CheckUniform(double low, double high)
    {
        HyperparameterGuard.Finite(low, "The lower bound", nameof(low));
        HyperparameterGuard.Finite(high, "The upper bound", nameof(high));
        if (!(low <= high))
        {
            throw new ArgumentException($"Uniform initialisation needs low ≤ high, got low {low:R} and high {high:R}.", nameof(high));
        }
    }

    private static void CheckNormal(double mean, double standardDeviation)
    {
        HyperparameterGuard.Finite(mean, "The mean", nameof(mean));
        HyperparameterGuard.NonNegative(standardDeviation, "The standard deviation", nameof(standardDeviation));
    }

    // Dense storage is filled in place; any other storage gets a column-major scratch array copied in
    // afterwards, so the draw order (and so the values) is the same whatever the storage.
    private static double[] Storage(Matrix<double> m) =>
        m.Storage is DenseColumnMajorMatrixStorage<double> dense ? dense.Data : new double[m.RowCount * m.ColumnCount];

    private static double[] Storage(Vector<double> v) =>
        v.Storage is DenseVectorStorage<double> dense ? dense.Data : new double[v.Count];

    private static void WriteBack(Matrix<double> m, double[] data)
    {
        if (m.Storage is not DenseColumnMajorMatrixStorage<double>)
        {
            m.SetSubMatrix(0, 0, Matrix<double>.Build.DenseOfColumnMajor(m.RowCount, m.ColumnCount, data));
        }
    }

    private static void WriteBack(Vector<double> v, double[] data)
    {
        if (v.Storage is not DenseVectorStorage<double>)
        {
            v.SetValues(data);
        }
    }
}
