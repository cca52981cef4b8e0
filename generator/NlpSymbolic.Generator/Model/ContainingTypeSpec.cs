namespace NlpSymbolic.Generator.Model;

/// <summary>One partial type around the method, outermost first: <c>partial {Keyword} {NameWithTypeParameters}</c>.</summary>
internal sealed record ContainingTypeSpec(string Keyword, string NameWithTypeParameters);
