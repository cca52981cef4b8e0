using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// Everything in a compilation that the binding of one method body can depend on, apart from that body: every
/// file's tokens outside member bodies (types, signatures, fields and their initialisers, attributes, usings,
/// top-level statements) and its directives, each file's path and parse options, the references, the
/// compilation's options and name. C# binds a body against declarations only, never against another body, so
/// two compilations with equal fingerprints bind an unchanged method to the same thing: what
/// <see cref="ParseCache"/> relies on to skip re-binding methods an edit did not touch. Trivia (whitespace,
/// comments) is left out, so a blank line changes nothing here.
/// </summary>
internal sealed class DeclarationFingerprint : IEquatable<DeclarationFingerprint>
{
    // Weak tables: a tree or compilation that is gone takes its fingerprint with it. A tree an edit did not
    // replace is the same object in the next compilation, so only edited files are walked again.
    private static readonly ConditionalWeakTable<SyntaxTree, TreeHash> Trees = new();
    private static readonly ConditionalWeakTable<Compilation, DeclarationFingerprint> Compilations = new();

    private readonly ulong hashA;
    private readonly ulong hashB;
    private readonly ImmutableArray<MetadataReference> references;
    private readonly ImmutableArray<ParseOptions> parseOptions;
    private readonly CompilationOptions options;
    private readonly string? assemblyName;

    private DeclarationFingerprint(Compilation compilation)
    {
        var hash = new StableHash();
        var parse = ImmutableArray.CreateBuilder<ParseOptions>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var treeHash = Trees.GetValue(tree, static t => new TreeHash(t));
            hash.Add(treeHash.A);
            hash.Add(treeHash.B);
            parse.Add(tree.Options);
        }

        (hashA, hashB) = (hash.A, hash.B);
        references = compilation.ExternalReferences;
        parseOptions = parse.ToImmutable();
        options = compilation.Options;
        assemblyName = compilation.AssemblyName;
    }

    public static DeclarationFingerprint Of(Compilation compilation) =>
        Compilations.GetValue(compilation, static c => new DeclarationFingerprint(c));

    public bool Equals(DeclarationFingerprint? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || hashA != other.hashA || hashB != other.hashB || assemblyName != other.assemblyName
            || references.Length != other.references.Length || parseOptions.Length != other.parseOptions.Length
            || !options.Equals(other.options))
        {
            return false;
        }

        // References are the same objects from one edit to the next; a different object may be different metadata.
        for (var i = 0; i < references.Length; i++)
        {
            if (!ReferenceEquals(references[i], other.references[i]))
            {
                return false;
            }
        }

        for (var i = 0; i < parseOptions.Length; i++)
        {
            if (!parseOptions[i].Equals(other.parseOptions[i]))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is DeclarationFingerprint other && Equals(other);

    public override int GetHashCode() => unchecked((int)hashA);

    /// <summary>A member's body: a block or <c>=&gt; expression</c> of a method, constructor, operator, accessor or property.</summary>
    private static bool IsMemberBody(SyntaxNode node) =>
        node switch
        {
            BlockSyntax or ArrowExpressionClauseSyntax => node.Parent is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or BasePropertyDeclarationSyntax,
            _ => false,
        };

    /// <summary>
    /// One file's path, its syntax outside member bodies (each node's kind where it opens and closes, so that the
    /// same tokens grouped otherwise differ; each token's kind and text; tokens the parser skipped) and its
    /// directives. A body counts as present, not as what it says.
    /// </summary>
    private sealed class TreeHash
    {
        private const ulong Closes = 1UL << 40;

        public TreeHash(SyntaxTree tree)
        {
            var hash = new StableHash();
            hash.Add(tree.FilePath);
            var root = tree.GetRoot();
            var stack = new Stack<(SyntaxNodeOrToken Item, bool Closing)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (item, closing) = stack.Pop();
                if (item.IsToken)
                {
                    var token = item.AsToken();
                    hash.Add((ulong)token.RawKind);
                    hash.Add(token.Text);
                    if (token.HasStructuredTrivia)
                    {
                        AddSkipped(ref hash, token.LeadingTrivia);
                        AddSkipped(ref hash, token.TrailingTrivia);
                    }

                    continue;
                }

                var node = item.AsNode()!;
                if (closing)
                {
                    hash.Add(Closes | (uint)node.RawKind);
                    continue;
                }

                if (IsMemberBody(node))
                {
                    hash.Add("{body}");
                    continue;
                }

                hash.Add((ulong)node.RawKind);
                stack.Push((node, true));
                var children = node.ChildNodesAndTokens();
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }

            // #if, #define, #nullable and #pragma change what declarations mean even where the tokens are the same.
            for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
            {
                hash.Add(directive.ToString());
            }

            (A, B) = (hash.A, hash.B);
        }

        public ulong A { get; }

        public ulong B { get; }

        private static void AddSkipped(ref StableHash hash, SyntaxTriviaList trivia)
        {
            foreach (var piece in trivia)
            {
                if (piece.IsKind(SyntaxKind.SkippedTokensTrivia))
                {
                    hash.Add(piece.ToString());
                }
            }
        }
    }

    /// <summary>Two independent 64-bit FNV-1a style hashes: 128 bits, so that two different declarations never meet by chance.</summary>
    private struct StableHash
    {
        private ulong a;
        private ulong b;
        private bool started;

        public ulong A => started ? a : 14695981039346656037UL;

        public ulong B => started ? b : 0x9E3779B97F4A7C15UL;

        public void Add(string text)
        {
            Add((ulong)text.Length);
            foreach (var c in text)
            {
                Add((ulong)c);
            }
        }

        public void Add(ulong value)
        {
            if (!started)
            {
                (a, b, started) = (14695981039346656037UL, 0x9E3779B97F4A7C15UL, true);
            }

            unchecked
            {
                a = (a ^ value) * 1099511628211UL;
                b = (b ^ (value + 0x632BE59BD9B4E019UL)) * 0xBF58476D1CE4E5B9UL;
                b ^= b >> 31;
            }
        }
    }
}
