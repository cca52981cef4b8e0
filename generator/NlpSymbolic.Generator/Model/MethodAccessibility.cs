namespace NlpSymbolic.Generator.Model;

/// <summary>How visible a [Differentiable] method is; its generated methods are as visible (Emission spells the keywords).</summary>
internal enum MethodAccessibility
{
    Private,
    PrivateProtected,
    Protected,
    Internal,
    ProtectedInternal,
    Public,
}
