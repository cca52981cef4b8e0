using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Hands out identifiers for generated code. Generated names avoid every identifier the user's method
/// mentions and every C# keyword, so user code may name things <c>da</c>, <c>dResult</c> or <c>ws</c>
/// without a collision; user variables keep their own names.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> userIdentifiers;
    private readonly HashSet<string> taken = new();

    public NameAllocator(IEnumerable<string> userIdentifiers) => this.userIdentifiers = new HashSet<string>(userIdentifiers);

    /// <summary>A user's own name, kept as written unless an earlier user variable already has it.</summary>
    public string Claim(string name) => taken.Add(name) ? name : Fresh(name);

    /// <summary><paramref name="hint"/> itself if free, else <c>hint_1</c>, <c>hint_2</c>, …</summary>
    public string Fresh(string hint)
    {
        if (IsFree(hint))
        {
            taken.Add(hint);
            return hint;
        }

        for (var i = 1; ; i++)
        {
            var candidate = hint + "_" + i;
            if (IsFree(candidate))
            {
                taken.Add(candidate);
                return candidate;
            }
        }
    }

    /// <summary>The first free <c>prefix1</c>, <c>prefix2</c>, … (for temporaries).</summary>
    public string Numbered(string prefix)
    {
        for (var i = 1; ; i++)
        {
            var candidate = prefix + i;
            if (IsFree(candidate))
            {
                taken.Add(candidate);
                return candidate;
            }
        }
    }

    private bool IsFree(string name) =>
        !taken.Contains(name)
        && !userIdentifiers.Contains(name)
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>An identifier as it must appear in source: keywords get '@'.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
