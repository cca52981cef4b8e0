using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using NlpSymbolic.Checkpoints;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>Safetensors files assembled byte by byte, independent of the writer under test.</summary>
internal static class HandMade
{
    internal const string Source = "hand-made.safetensors";

    /// <summary>The length prefix (of the UTF-8 header as given, no padding added), the header, then the data.</summary>
    internal static byte[] File(string header, byte[] data) => File(Encoding.UTF8.GetBytes(header), data);

    internal static byte[] File(byte[] header, byte[] data) => Prefix((ulong)header.Length).Concat(header).Concat(data).ToArray();

    /// <summary>A file whose length prefix claims <paramref name="declaredHeaderLength"/>, followed by <paramref name="rest"/>.</summary>
    internal static byte[] WithDeclaredLength(ulong declaredHeaderLength, byte[] rest) => Prefix(declaredHeaderLength).Concat(rest).ToArray();

    internal static byte[] F64(params double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    internal static byte[] Zeros(int count) => new byte[count];

    internal static SafeTensorsFile Read(byte[] file) => SafeTensorsFile.Read(new MemoryStream(file), Source);

    /// <summary>The header text and the data area of a file, split by its own length prefix.</summary>
    internal static (string Header, byte[] Data) Split(byte[] file)
    {
        int length = checked((int)BinaryPrimitives.ReadUInt64LittleEndian(file));
        return (Encoding.UTF8.GetString(file, 8, length), file[(8 + length)..]);
    }

    internal static byte[] Written(params NamedTensor[] tensors)
    {
        var stream = new MemoryStream();
        SafeTensors.Write(stream, tensors);
        return stream.ToArray();
    }

    private static byte[] Prefix(ulong length)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, length);
        return bytes;
    }
}
