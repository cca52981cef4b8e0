using System.Collections.Generic;
using Microsoft.CodeAnalysis.CSharp;

namespace NlpSymbolic.Generator.Emission;

/// <summary>
/// Hands out identifiers for generated code. Generated locals avoid every identifier the user's method
/// mentions and every C# keyword, so user code may name things <c>tmp1</c> or <c>Wx</c> without a collision;
/// user variables keep their own names unless a generated parameter (<see cref="Reserve"/>) already has it.
/// </summary>
internal sealed class NameAllocator
{
    private readonly HashSet<string> userIdentifiers;
    private readonly HashSet<string> taken = new();

    public NameAllocator(IEnumerable<string> userIdentifiers) => this.userIdentifiers = new HashSet<string>(userIdentifiers);

    /// <summary>A user's own name, kept as written unless an earlier user variable or a generated parameter already has it.</summary>
    public string Claim(string name) => taken.Add(name) ? name : Fresh(name);

    /// <summary>
    /// A generated parameter's name (<c>dResult</c>, <c>dx</c>, <c>ws</c>): part of a public signature, so it
    /// yields only to the names already taken (the user's parameters) and to keywords, never to the body's
    /// locals; a local of the same name is renamed instead, when it is <see cref="Claim"/>ed afterwards.
    /// </summary>
    public string Reserve(string hint) => Take(hint, ignoreUserIdentifiers: true);

    /// <summary><paramref name="hint"/> itself if free, else <c>hint_1</c>, <c>hint_2</c>, …</summary>
    public string Fresh(string hint) => Take(hint, ignoreUserIdentifiers: false);

    /// <summary>The first free <c>prefix1</c>, <c>prefix2</c>, … (for temporaries).</summary>
    public string Numbered(string prefix)
    {
        for (var i = 1; ; i++)
        {
            if (IsFree(prefix + i, ignoreUserIdentifiers: false))
            {
                taken.Add(prefix + i);
                return prefix + i;
            }
        }
    }

    /// <summary>Gives a name back, so that the next method written from the same names numbers its temporaries from 1 again.</summary>
    public void Release(string name) => taken.Remove(name);

    private string Take(string hint, bool ignoreUserIdentifiers)
    {
        var candidate = hint;
        for (var i = 1; !IsFree(candidate, ignoreUserIdentifiers); i++)
        {
            candidate = hint + "_" + i;
        }

        taken.Add(candidate);
        return candidate;
    }

    private bool IsFree(string name, bool ignoreUserIdentifiers) =>
        !taken.Contains(name)
        && (ignoreUserIdentifiers || !userIdentifiers.Contains(name))
        && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
        && SyntaxFacts.GetContextualKeywordKind(name) == SyntaxKind.None;

    /// <summary>An identifier as it must appear in source: keywords get '@'.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;
}
