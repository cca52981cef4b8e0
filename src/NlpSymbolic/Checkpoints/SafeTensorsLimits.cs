namespace NlpSymbolic.Checkpoints;

/// <summary>Limits shared by the reader and the writer.</summary>
internal static class SafeTensorsLimits
{
    /// <summary>
    /// The reference implementation's cap on the JSON header (100,000,000 bytes). Enforced before
    /// the header is allocated, so a forged length cannot make the reader allocate gigabytes.
    /// </summary>
    internal const long MaxHeaderBytes = 100_000_000;

    /// <summary>The 8-byte little-endian header length that opens every file.</summary>
    internal const int LengthPrefixBytes = 8;
}
