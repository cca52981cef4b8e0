namespace NlpSymbolic.Data;

/// <summary>The CRC-32 of gzip (ISO 3309, reflected polynomial 0xEDB88320), computed as the bytes go by.</summary>
internal struct Crc32
{
    private static readonly uint[] Table = CreateTable();

    private uint state;

    public Crc32() => state = 0xFFFFFFFFu;

    /// <summary>The CRC of the bytes appended so far.</summary>
    public readonly uint Value => ~state;

    public void Append(System.ReadOnlySpan<byte> bytes)
    {
        var crc = state;
        foreach (var b in bytes)
        {
            // Stryker disable once Bitwise : on a uint, >>> and >> are the same shift
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        state = crc;
    }

    private static uint[] CreateTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                // Stryker disable once Bitwise : on a uint, >>> and >> are the same shift
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
