using MathNet.Numerics.LinearAlgebra;

namespace NlpSymbolic;

// The value generated code gives a vector or matrix component of a tuple result before any return has assigned it
// (an early return merges "returned here" with "not yet"). Empty, so its adjoint (ZerosLike) is empty too: on a path
// where a merge chose it, nothing of another shape is ever added to that adjoint. Never written.
public sealed partial class Workspace
{
    /// <summary>A vector of length 0 standing for "not assigned yet" in generated code; never written.</summary>
    public static readonly Vector<double> UnassignedVector = Vector<double>.Build.Dense(0);

    /// <summary>A 0 × 0 matrix standing for "not assigned yet" in generated code; never written.</summary>
    public static readonly Matrix<double> UnassignedMatrix = Matrix<double>.Build.Dense(0, 0);
}
