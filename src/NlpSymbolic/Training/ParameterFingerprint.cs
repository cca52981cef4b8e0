using System;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NlpSymbolic.Training;

/// <summary>
/// A SHA-256 of a parameter set's values, so two runs (on one process or on many) can be seen to agree bit for bit.
/// </summary>
public static class ParameterFingerprint
{
    /// <summary>The SHA-256 of every parameter's name and values (little-endian IEEE doubles), in set order.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] Sha256(ParameterSet parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (Parameter parameter in parameters)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(parameter.Name));
            hash.AppendData(MemoryMarshal.AsBytes(parameter.Values.AsSpan()));
        }

        return hash.GetHashAndReset();
    }

    /// <summary>The fingerprint as 64 lower-case hexadecimal digits.</summary>
    /// <param name="parameters">The parameters.</param>
    /// <returns>The hexadecimal SHA-256.</returns>
    public static string Sha256Hex(ParameterSet parameters) => Convert.ToHexStringLower(Sha256(parameters));
}
