"""Independent safetensors reader and writer for the C# interop tests.

Standard library only (struct + json), because neither numpy nor the safetensors package can be
assumed. It follows the reference implementation's rules: a little-endian u64 header length, a
UTF-8 JSON header (at most 100,000,000 bytes) padded with spaces to 8 bytes, row-major data, and
tensors that tile the data area exactly, sorted by offset.

  python3 safetensors_interop.py read FILE    prints {"metadata": {...}, "tensors": {name: {dtype, shape, values}}}
                                              with values nested by shape (C order)
  python3 safetensors_interop.py write FILE   reads the same form from stdin, values flat, and writes FILE

Non-finite floats travel as the strings "nan", "inf" and "-inf", since JSON has no literal for them.
"""
import json
import math
import struct
import sys

MAX_HEADER = 100_000_000
FORMATS = {"F64": "d", "F32": "f", "F16": "e", "I64": "q", "I32": "i"}
SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4}


def product(shape):
    n = 1
    for d in shape:
        n *= d
    return n


def decode(dtype, raw):
    n = len(raw) // SIZES[dtype]
    if dtype == "BF16":
        # bfloat16 is the upper half of a float32.
        halves = struct.unpack("<%dH" % n, raw)
        return [struct.unpack("<f", struct.pack("<I", h << 16))[0] for h in halves]
    return list(struct.unpack("<%d%s" % (n, FORMATS[dtype]), raw))


def encode(dtype, values):
    if dtype == "BF16":
        words = [struct.unpack("<I", struct.pack("<f", v))[0] >> 16 for v in values]
        return struct.pack("<%dH" % len(words), *words)
    return struct.pack("<%d%s" % (len(values), FORMATS[dtype]), *values)


def nest(values, shape):
    if not shape:
        return values[0]
    if len(shape) == 1:
        return values
    step = product(shape[1:])
    return [nest(values[i * step:(i + 1) * step], shape[1:]) for i in range(shape[0])]


def to_json_number(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "nan" if math.isnan(v) else ("inf" if v > 0 else "-inf")
    return v


def from_json_number(v, dtype):
    if isinstance(v, str):
        return float(v)
    return int(v) if dtype.startswith("I") else float(v)


def read(path):
    with open(path, "rb") as f:
        content = f.read()
    (n,) = struct.unpack("<Q", content[:8])
    assert n <= MAX_HEADER, "header too large"
    assert 8 + n <= len(content), "header runs past the end"
    header = json.loads(content[8:8 + n].decode("utf-8"))
    metadata = header.pop("__metadata__", None) or {}
    assert all(isinstance(v, str) for v in metadata.values()), "metadata must be strings"
    data = content[8 + n:]
    expected = 0
    tensors = {}
    for name, info in sorted(header.items(), key=lambda kv: tuple(kv[1]["data_offsets"])):
        begin, end = info["data_offsets"]
        assert begin == expected, "tensor %s does not start where the previous one ends" % name
        assert end - begin == product(info["shape"]) * SIZES[info["dtype"]], "tensor %s: size mismatch" % name
        expected = end
        values = [to_json_number(v) for v in decode(info["dtype"], data[begin:end])]
        tensors[name] = {"dtype": info["dtype"], "shape": info["shape"], "values": nest(values, info["shape"])}
    assert expected == len(data), "tensors do not cover the data area"
    return {"metadata": metadata, "tensors": tensors}


def write(path, spec):
    # The reference writer's order: wider elements first, then by name, so offsets are aligned.
    items = sorted(spec["tensors"].items(), key=lambda kv: (-SIZES[kv[1]["dtype"]], kv[0]))
    header, chunks, offset = {}, [], 0
    for name, t in items:
        raw = encode(t["dtype"], [from_json_number(v, t["dtype"]) for v in t["values"]])
        assert len(raw) == product(t["shape"]) * SIZES[t["dtype"]], "tensor %s: values do not fill the shape" % name
        header[name] = {"dtype": t["dtype"], "shape": t["shape"], "data_offsets": [offset, offset + len(raw)]}
        chunks.append(raw)
        offset += len(raw)
    if spec.get("metadata"):
        header["__metadata__"] = spec["metadata"]
    # Keys in reverse order: a reader must not depend on header order matching data order.
    text = json.dumps(dict(reversed(list(header.items()))), separators=(",", ":")).encode("utf-8")
    text += b" " * ((8 - len(text) % 8) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(chunks))


if __name__ == "__main__":
    command, file = sys.argv[1], sys.argv[2]
    if command == "read":
        json.dump(read(file), sys.stdout)
    elif command == "write":
        write(file, json.load(sys.stdin))
    else:
        sys.exit("unknown command " + command)
