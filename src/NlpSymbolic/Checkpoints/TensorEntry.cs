namespace NlpSymbolic.Checkpoints;

/// <summary>One tensor's header entry after validation: its shape, type and place in the data area.</summary>
internal sealed record TensorEntry(string Name, SafeTensorDType DType, int[] Shape, int ElementCount, long Begin, long End);
