namespace NlpSymbolic.Checkpoints;

/// <summary>
/// How the elements of an in-memory buffer are ordered. Files always hold row-major (C order) data;
/// a buffer in another order is converted on save and on load.
/// </summary>
public enum TensorLayout
{
    /// <summary>C order: the last index varies fastest. The safetensors file order.</summary>
    RowMajor,

    /// <summary>
    /// Fortran order: the first index varies fastest. MathNet's dense matrix storage is column-major,
    /// so a <c>Matrix&lt;double&gt;</c>'s backing array is described by this layout with shape
    /// [rows, columns].
    /// </summary>
    ColumnMajor,
}
