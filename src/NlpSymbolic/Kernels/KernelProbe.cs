using System;
using System.Runtime.CompilerServices;

// The pruning tests read the probe below.
[assembly: InternalsVisibleTo("NlpSymbolic.Tests")]

namespace NlpSymbolic;

/// <summary>
/// A test-only count of the kernels a test must see skipped, not just not needed: a null gradient argument means
/// "not wanted", and the tests prove that the product mᵀu feeding such a gradient (dx += Wᵀ dy) never runs. One
/// thread-static increment per call of a kernel that does thousands of multiply-adds.
/// </summary>
internal static class KernelProbe
{
    /// <summary>Products mᵀ u into a vector (alone, or fused with dW += dy xᵀ) run on this thread.</summary>
    [ThreadStatic]
    internal static long TransposeProducts;
}
