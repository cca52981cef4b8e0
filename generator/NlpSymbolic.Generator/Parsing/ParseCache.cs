using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The parse of each <c>[Differentiable]</c> method, kept from one run of the generator to the next.
/// <c>ForAttributeWithMetadataName</c> calls the transform again for every method whenever the compilation
/// changes, and binding a method is almost all of the generator's time; a method whose own text, file and column
/// are unchanged, in a compilation whose declarations are unchanged (<see cref="DeclarationFingerprint"/>),
/// binds to the same thing, so its earlier result is handed back, moved to where the method now starts.
/// </summary>
/// <remarks>
/// One cache per pipeline (<see cref="DifferentiableGenerator.Initialize"/>), so per project and driver. It keeps
/// the results asked for in the current compilation and in the one before: a method not seen in two compilations
/// is dropped, so the cache holds about as many results as there are methods.
/// </remarks>
internal sealed class ParseCache
{
    // A method's text and where it starts, per syntax node: a file an edit did not touch keeps its nodes.
    private static readonly ConditionalWeakTable<SyntaxNode, MethodText> Texts = new();

    /// <summary>The names of the methods parsed (bound, not taken from a cache) on this thread: what the tests count.</summary>
    [ThreadStatic]
    private static List<string>? boundOnThisThread;

    private readonly object gate = new();
    private readonly WeakReference<Compilation?> lastCompilation = new(null);
    private DeclarationFingerprint? declarations;
    private Dictionary<Key, Entry> current = new();
    private Dictionary<Key, Entry> previous = new();
    private Dictionary<Slot, DeclarationFacts> currentFacts = new();
    private Dictionary<Slot, DeclarationFacts> previousFacts = new();

    public static List<string> BoundOnThisThread => boundOnThisThread ??= new List<string>();

    public MethodParseResult Parse(GeneratorAttributeSyntaxContext context, Func<GeneratorAttributeSyntaxContext, MethodParseResult> parse)
    {
        var text = Texts.GetValue(context.TargetNode, static node => new MethodText(node));
        var key = KeyOf(text, context.SemanticModel.Compilation);
        lock (gate)
        {
            if (Find(key) is { } found)
            {
                found = found.MovedTo(text.At);
                current[key] = found;

                // What is known of the declaration stays too, for when an edit inside this method's body binds it again.
                var slot = new Slot(key.Declarations, key.FilePath, text.Slot);
                if (previousFacts.TryGetValue(slot, out var facts))
                {
                    currentFacts[slot] = facts;
                }

                return found.Result;
            }
        }

        var result = parse(context);
        BoundOnThisThread.Add(context.TargetSymbol.Name);

        // A result that points outside its method (a containing type's name) cannot be moved with the method.
        if (result.IsWithin(text.FilePath, context.TargetNode.Span))
        {
            lock (gate)
            {
                current[key] = new Entry(result, text.At);
            }
        }

        return result;
    }

    /// <summary>
    /// The method's documentation id, which names it across the pipeline; from its cached parse when there is one,
    /// since computing it binds the method's signature.
    /// </summary>
    public string? MethodId(GeneratorAttributeSyntaxContext context)
    {
        var key = KeyOf(Texts.GetValue(context.TargetNode, static node => new MethodText(node)), context.SemanticModel.Compilation);
        lock (gate)
        {
            if (Find(key) is { Result.MethodId: { } id })
            {
                return id;
            }
        }

        return context.TargetSymbol.GetDocumentationCommentId();
    }

    /// <summary>Whether the compiler reports declaration errors within the method (see <see cref="Fact"/>).</summary>
    public bool HasDeclarationErrors(GeneratorAttributeSyntaxContext context, Func<bool> compute) =>
        Fact(context, static facts => facts.HasDeclarationErrors, static (facts, value) => facts.HasDeclarationErrors = value, compute);

    /// <summary>The aliases the names in scope at the method's body hide (see <see cref="Fact"/>).</summary>
    public EquatableArray<string> ShadowedAliases(GeneratorAttributeSyntaxContext context, Func<EquatableArray<string>> compute) =>
        Fact(context, static facts => facts.ShadowedAliases, static (facts, value) => facts.ShadowedAliases = value, compute);

    /// <summary>
    /// A fact about the method's declaration, from <paramref name="compute"/> or from an earlier parse of a method in
    /// the same slot of the same declarations: what declarations mean does not depend on bodies, so an edit inside
    /// the body keeps it. For what is costly and the same whatever the body says: the compiler's declaration errors
    /// (computing them completes the whole containing type, every member's signature) and the names in scope where
    /// the body starts.
    /// </summary>
    private T Fact<T>(GeneratorAttributeSyntaxContext context, Func<DeclarationFacts, T?> read, Action<DeclarationFacts, T> write, Func<T> compute)
        where T : struct
    {
        var text = Texts.GetValue(context.TargetNode, static node => new MethodText(node));
        var slot = new Slot(KeyOf(text, context.SemanticModel.Compilation).Declarations, text.FilePath, text.Slot);
        lock (gate)
        {
            if ((currentFacts.TryGetValue(slot, out var facts) || previousFacts.TryGetValue(slot, out facts)) && read(facts) is { } known)
            {
                currentFacts[slot] = facts;
                return known;
            }
        }

        var computed = compute();
        lock (gate)
        {
            if (!currentFacts.TryGetValue(slot, out var facts))
            {
                facts = previousFacts.TryGetValue(slot, out var earlier) ? earlier : new DeclarationFacts();
                currentFacts[slot] = facts;
            }

            write(facts, computed);
        }

        return computed;
    }

    /// <summary>
    /// The key of a method in <paramref name="compilation"/>. The first key asked for in a new compilation retires
    /// the entries nobody asked for since the one before, and an unchanged fingerprint is replaced by the one
    /// already in the keys, so that comparing keys compares fingerprints by reference.
    /// </summary>
    private Key KeyOf(MethodText text, Compilation compilation)
    {
        DeclarationFingerprint fingerprint;
        lock (gate)
        {
            if (!lastCompilation.TryGetTarget(out var last) || !ReferenceEquals(last, compilation))
            {
                var next = DeclarationFingerprint.Of(compilation);
                declarations = next.Equals(declarations) ? declarations : next;
                (previous, current) = (current, new Dictionary<Key, Entry>());
                (previousFacts, currentFacts) = (currentFacts, new Dictionary<Slot, DeclarationFacts>());
                lastCompilation.SetTarget(compilation);
            }

            fingerprint = declarations!;
        }

        return new Key(fingerprint, text.FilePath, text.Slot, text.Column, text.Text);
    }

    /// <summary>The entry for <paramref name="key"/>, kept for the next compilation too (the caller holds the lock).</summary>
    private Entry? Find(Key key)
    {
        if (current.TryGetValue(key, out var found) || previous.TryGetValue(key, out found))
        {
            current[key] = found;
            return found;
        }

        return null;
    }

    /// <summary>
    /// What a method's parse depends on; where the method starts is not part of it. The same text can declare two
    /// methods (in two classes of one file): <see cref="MethodText.Slot"/> tells them apart.
    /// </summary>
    private sealed record Key(DeclarationFingerprint Declarations, string FilePath, string Slot, int Column, string Text);

    private readonly record struct Anchor(int Position, int Line);

    /// <summary>A declaration, whatever its body says.</summary>
    private sealed record Slot(DeclarationFingerprint Declarations, string FilePath, string Path);

    /// <summary>A method's text (without its leading trivia) and where it starts, read off the file's text.</summary>
    private sealed class MethodText
    {
        public MethodText(SyntaxNode node)
        {
            var source = node.SyntaxTree.GetText();
            var start = source.Lines.GetLinePosition(node.SpanStart);
            (FilePath, Column, Text, At) = (node.SyntaxTree.FilePath, start.Character, source.ToString(node.Span), new Anchor(node.SpanStart, start.Line));
            Slot = SlotOf(node);
        }

        /// <summary>
        /// Where the declaration sits in its file: the index of it and of each enclosing declaration among its
        /// parent's children. In files with the same declarations (equal fingerprints), the same slot is the same
        /// member of the same types in the same namespaces.
        /// </summary>
        public string Slot { get; }

        public string FilePath { get; }

        private static string SlotOf(SyntaxNode node)
        {
            var indices = new List<int>();
            for (var child = node; child.Parent is { } parent; child = parent)
            {
                var index = 0;
                foreach (var sibling in parent.ChildNodes())
                {
                    if (sibling == child)
                    {
                        break;
                    }

                    index++;
                }

                indices.Add(index);
            }

            indices.Reverse();
            return string.Join(".", indices);
        }

        public int Column { get; }

        public string Text { get; }

        public Anchor At { get; }
    }

    /// <summary>What is known about one declaration, whatever its body says; null until computed.</summary>
    private sealed class DeclarationFacts
    {
        public bool? HasDeclarationErrors { get; set; }

        public EquatableArray<string>? ShadowedAliases { get; set; }
    }

    private sealed record Entry(MethodParseResult Result, Anchor At)
    {
        public Entry MovedTo(Anchor anchor) => anchor == At
            ? this
            : new Entry(Result.Moved(anchor.Position - At.Position, anchor.Line - At.Line), anchor);
    }
}
