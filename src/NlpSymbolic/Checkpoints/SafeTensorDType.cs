namespace NlpSymbolic.Checkpoints;

/// <summary>
/// The element types this library reads from and writes to safetensors files. Member names are the
/// exact strings used in the file's <c>"dtype"</c> field.
/// </summary>
/// <remarks>
/// The format defines more types (BOOL, U8, F8 variants, C64, ...); a file that uses one of them is
/// rejected with a <see cref="CheckpointFormatException"/> that names the tensor and the type.
/// </remarks>
public enum SafeTensorDType
{
    /// <summary>IEEE 754 binary64, 8 bytes. The default for saved parameters: no precision is lost.</summary>
    F64,

    /// <summary>IEEE 754 binary32, 4 bytes. Read widened to <see cref="double"/> (exact); written rounded.</summary>
    F32,

    /// <summary>IEEE 754 binary16, 2 bytes. Read-only: widened to <see cref="double"/> (exact).</summary>
    F16,

    /// <summary>bfloat16 (the upper half of a binary32), 2 bytes. Read-only: widened to <see cref="double"/> (exact).</summary>
    BF16,

    /// <summary>Signed 64-bit integer, 8 bytes. For integer state such as step counters.</summary>
    I64,

    /// <summary>Signed 32-bit integer, 4 bytes. Read widened to <see cref="long"/>; written range-checked.</summary>
    I32,
}
