using System.Runtime.CompilerServices;

// The benchmarks compare the blocked kernels with the portable loops they replace (MatrixMath's *ByColumns),
// which stay internal: generated code reaches them only through Workspace.
[assembly: InternalsVisibleTo("NlpSymbolic.Benchmarks")]
