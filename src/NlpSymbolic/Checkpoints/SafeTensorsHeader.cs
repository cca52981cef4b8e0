using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Unicode;

namespace NlpSymbolic.Checkpoints;

/// <summary>
/// Parses and validates a safetensors JSON header against the size of the data area that follows
/// it. The header is untrusted: every field is checked, arithmetic is overflow-checked, and the
/// tensors must tile the data area exactly (as the reference implementation requires), so a file
/// that passes cannot make the reader allocate more than the file holds or read out of bounds.
/// </summary>
internal sealed class SafeTensorsHeader
{
    private const string SupportedTypes = "F64, F32, F16, BF16, I64, I32";

    private SafeTensorsHeader(IReadOnlyDictionary<string, string> metadata, TensorEntry[] entries)
    {
        Metadata = metadata;
        Entries = entries;
    }

    internal IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>The tensors in data-area order (by offset).</summary>
    internal TensorEntry[] Entries { get; }

    internal static SafeTensorsHeader Parse(byte[] header, long dataLength, string source)
    {
        if (!Utf8.IsValid(header))
        {
            throw new CheckpointFormatException(source, null, "the header is not valid UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw new CheckpointFormatException(source, null, $"the header is not valid JSON ({e.Message})", e);
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CheckpointFormatException(source, null, $"the header must be a JSON object, but it is {Article(root.ValueKind)}.");
            }

            IReadOnlyDictionary<string, string> metadata = new Dictionary<string, string>();
            var entries = new List<TensorEntry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.EnumerateObject())
            {
                string name = Text(() => property.Name, "a tensor name", null, source);
                if (!seen.Add(name))
                {
                    throw name == NamedTensor.MetadataKey
                        ? new CheckpointFormatException(source, null, $"\"{NamedTensor.MetadataKey}\" appears twice in the header.")
                        : new CheckpointFormatException(source, name, "the name appears twice in the header.");
                }

                if (name == NamedTensor.MetadataKey)
                {
                    metadata = ParseMetadata(property.Value, source);
                }
                else
                {
                    entries.Add(ParseEntry(name, property.Value, dataLength, source));
                }
            }

            TensorEntry[] ordered = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToArray();
            CheckTiling(ordered, dataLength, source);
            return new SafeTensorsHeader(metadata, ordered);
        }
    }

    private static Dictionary<string, string> ParseMetadata(JsonElement value, string source)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        // The reference reads "__metadata__" as an optional map, so null means "none".
        if (value.ValueKind == JsonValueKind.Null)
        {
            return metadata;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointFormatException(source, null, $"\"{NamedTensor.MetadataKey}\" must be an object of strings, but it is {Article(value.ValueKind)}.");
        }

        foreach (JsonProperty entry in value.EnumerateObject())
        {
            string key = Text(() => entry.Name, "a metadata key", null, source);
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new CheckpointFormatException(source, null, $"metadata \"{CheckpointFormatException.Shorten(key)}\" must be a string, but it is {Article(entry.Value.ValueKind)}.");
            }

            string text = Text(() => entry.Value.GetString()!, $"metadata \"{CheckpointFormatException.Shorten(key)}\"", null, source);
            if (!metadata.TryAdd(key, text))
            {
                throw new CheckpointFormatException(source, null, $"metadata \"{CheckpointFormatException.Shorten(key)}\" appears twice.");
            }
        }

        return metadata;
    }

    private static TensorEntry ParseEntry(string name, JsonElement value, long dataLength, string source)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new CheckpointFormatException(source, name, $"the entry must be an object with dtype, shape and data_offsets, but it is {Article(value.ValueKind)}.");
        }

        JsonElement? dtypeField = null, shapeField = null, offsetsField = null;
        foreach (JsonProperty field in value.EnumerateObject())
        {
            // Unknown fields are ignored, as the reference does; repeated known ones are ambiguous.
            ref JsonElement? slot = ref dtypeField;
            string fieldName = Text(() => field.Name, "a field name", name, source);
            switch (fieldName)
            {
                case "dtype": slot = ref dtypeField; break;
                case "shape": slot = ref shapeField; break;
                case "data_offsets": slot = ref offsetsField; break;
                default: continue;
            }

            if (slot is not null)
            {
                throw new CheckpointFormatException(source, name, $"\"{fieldName}\" appears twice in the entry.");
            }

            slot = field.Value;
        }

        SafeTensorDType dtype = ParseDType(Required(dtypeField, "dtype", name, source), name, source);
        int[] shape = ParseShape(Required(shapeField, "shape", name, source), name, source);
        (long begin, long end) = ParseOffsets(Required(offsetsField, "data_offsets", name, source), name, source);

        long elements, bytes;
        try
        {
            elements = 1;
            foreach (int dim in shape)
            {
                elements = checked(elements * dim);
            }

            bytes = checked(elements * dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new CheckpointFormatException(source, name, $"shape {TensorShape.Format(shape)} of {dtype} overflows a 64-bit byte count.");
        }

        string offsets = $"[{begin}, {end}]";
        if (end < begin)
        {
            throw new CheckpointFormatException(source, name, $"data_offsets {offsets} end before they begin.");
        }

        if (end - begin != bytes)
        {
            throw new CheckpointFormatException(
                source, name, $"shape {TensorShape.Format(shape)} of {dtype} needs {bytes} bytes, but data_offsets {offsets} span {end - begin}.");
        }

        if (end > dataLength)
        {
            throw new CheckpointFormatException(
                source, name, $"data_offsets {offsets} run past the end of the file, whose data area has {dataLength} bytes (truncated file?).");
        }

        if (elements > Array.MaxLength)
        {
            throw new CheckpointFormatException(source, name, $"shape {TensorShape.Format(shape)} has {elements} elements, more than one array can hold.");
        }

        return new TensorEntry(name, dtype, shape, (int)elements, begin, end);
    }

    private static JsonElement Required(JsonElement? field, string fieldName, string name, string source) =>
        field ?? throw new CheckpointFormatException(source, name, $"the entry has no \"{fieldName}\".");

    private static SafeTensorDType ParseDType(JsonElement value, string name, string source)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new CheckpointFormatException(source, name, $"\"dtype\" must be a string, but it is {Article(value.ValueKind)}.");
        }

        string text = Text(() => value.GetString()!, "\"dtype\"", name, source);
        if (SafeTensorDTypeFacts.TryParse(text, out SafeTensorDType dtype))
        {
            return dtype;
        }

        throw new CheckpointFormatException(
            source,
            name,
            SafeTensorDTypeFacts.IsOtherFormatType(text)
                ? $"dtype \"{text}\" is not supported by this reader (supported: {SupportedTypes})."
                : $"unknown dtype \"{Shorten(text)}\" (supported: {SupportedTypes}).");
    }

    private static int[] ParseShape(JsonElement value, string name, string source)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new CheckpointFormatException(source, name, $"\"shape\" must be an array of dimensions, but it is {Article(value.ValueKind)}.");
        }

        var shape = new int[value.GetArrayLength()];
        int i = 0;
        foreach (JsonElement dim in value.EnumerateArray())
        {
            long parsed = NonNegativeInteger(dim, "shape dimension", name, source);
            if (parsed > int.MaxValue)
            {
                throw new CheckpointFormatException(source, name, $"shape dimension {parsed} is larger than this reader supports ({int.MaxValue}).");
            }

            shape[i++] = (int)parsed;
        }

        return shape;
    }

    private static (long Begin, long End) ParseOffsets(JsonElement value, string name, string source)
    {
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2)
        {
            throw new CheckpointFormatException(source, name, "\"data_offsets\" must be an array of two integers [begin, end].");
        }

        return (NonNegativeInteger(value[0], "data_offsets begin", name, source),
                NonNegativeInteger(value[1], "data_offsets end", name, source));
    }

    private static long NonNegativeInteger(JsonElement value, string what, string name, string source)
    {
        // TryGetInt64 rejects fractions and exponents ("2.0", "1e3"), as the reference does for usize.
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out long parsed) && parsed >= 0)
        {
            return parsed;
        }

        string shown = value.ValueKind == JsonValueKind.Number ? Shorten(value.GetRawText()) : Article(value.ValueKind);
        throw new CheckpointFormatException(source, name, $"{what} {shown} is not a non-negative integer.");
    }

    private static void CheckTiling(TensorEntry[] ordered, long dataLength, string source)
    {
        long expected = 0;
        TensorEntry? previous = null;
        foreach (TensorEntry entry in ordered)
        {
            if (entry.Begin < expected)
            {
                throw new CheckpointFormatException(
                    source, entry.Name, $"data_offsets [{entry.Begin}, {entry.End}] overlap tensor \"{CheckpointFormatException.Shorten(previous!.Name)}\" [{previous.Begin}, {previous.End}].");
            }

            if (entry.Begin > expected)
            {
                throw new CheckpointFormatException(
                    source, entry.Name, $"data_offsets [{entry.Begin}, {entry.End}] leave a gap of {entry.Begin - expected} bytes after byte {expected} of the data area; tensors must be contiguous.");
            }

            expected = entry.End;
            previous = entry;
        }

        if (expected != dataLength)
        {
            throw new CheckpointFormatException(
                source, null, $"the data area has {dataLength} bytes but the tensors cover {expected}; {dataLength - expected} trailing bytes belong to no tensor.");
        }
    }

    /// <summary>
    /// Reads a JSON string or key. The bytes are valid UTF-8 by now, but a \u escape can still
    /// encode a lone surrogate, which System.Text.Json refuses to decode (as the reference refuses
    /// to parse it); that must surface as a format error, not an InvalidOperationException.
    /// </summary>
    private static string Text(Func<string> read, string what, string? name, string source)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException e)
        {
            throw new CheckpointFormatException(source, name, $"{what} is not valid Unicode (a \\u escape encodes a lone surrogate).", e);
        }
    }

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    private static string Shorten(string text) => CheckpointFormatException.Shorten(text, 40);
}
