using System;

namespace NlpSymbolic.Checkpoints;

/// <summary>Sizes, kinds and file names of <see cref="SafeTensorDType"/> values.</summary>
internal static class SafeTensorDTypeFacts
{
    // Types the format defines that this reader does not decode; listed so the error can say
    // "not supported" rather than "unknown", which would wrongly suggest a corrupt file.
    private static readonly string[] OtherFormatTypes =
    [
        "BOOL", "U8", "I8", "I16", "U16", "U32", "U64", "C64",
        "F4", "F6_E2M3", "F6_E3M2", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F8_E4M3FNUZ", "F8_E5M2FNUZ",
    ];

    internal static int ElementSize(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
        SafeTensorDType.F32 or SafeTensorDType.I32 => 4,
        SafeTensorDType.F16 or SafeTensorDType.BF16 => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors element type."),
    };

    internal static bool IsFloatingPoint(this SafeTensorDType dtype) => dtype switch
    {
        SafeTensorDType.F64 or SafeTensorDType.F32 or SafeTensorDType.F16 or SafeTensorDType.BF16 => true,
        SafeTensorDType.I64 or SafeTensorDType.I32 => false,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors element type."),
    };

    /// <summary>Case-sensitive, like the reference: "f64" is not a dtype.</summary>
    internal static bool TryParse(string text, out SafeTensorDType dtype)
    {
        foreach (SafeTensorDType candidate in Enum.GetValues<SafeTensorDType>())
        {
            if (string.Equals(candidate.ToString(), text, StringComparison.Ordinal))
            {
                dtype = candidate;
                return true;
            }
        }

        dtype = default;
        return false;
    }

    internal static bool IsOtherFormatType(string text) => Array.IndexOf(OtherFormatTypes, text) >= 0;
}
