namespace NlpSymbolic.Generator.Model;

/// <summary>What the rest of the generator needs to know about an operation beyond its value and derivative.</summary>
[System.Flags]
internal enum OperationFlags
{
    None = 0,

    /// <summary>An activation a = f(z): its argument is the lecture's pre-activation z, named after a.</summary>
    Activation = 1,

    /// <summary>A product (<c>W x</c>, <c>a∘b</c>, <c>s·v</c>): a temporary of it is named by juxtaposing its factors.</summary>
    Product = 2,

    /// <summary>Reads an element (<c>xs[t]</c>): a temporary of it is named <c>xs_t</c>.</summary>
    ElementRead = 4,

    /// <summary>Writes an element of an array built in the method; its reverse clears the element's adjoint.</summary>
    Store = 8,

    /// <summary>Makes a fresh vector or matrix (zeros, a fill, a one-hot) whose elements a user may then try to set (NLPSYM rejects it).</summary>
    BuildsBuffer = 16,
}
