using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
/// the results of the current compilation and of the one before: a method not seen in two compilations is dropped,
/// so the cache holds about as many results as there are methods.
/// </remarks>
internal sealed class ParseCache
{
    private readonly object gate = new();
    private readonly WeakReference<Compilation?> lastCompilation = new(null);
    private Dictionary<Key, Entry> current = new();
    private Dictionary<Key, Entry> previous = new();

    public MethodParseResult Parse(GeneratorAttributeSyntaxContext context, Func<GeneratorAttributeSyntaxContext, MethodParseResult> parse)
    {
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var compilation = context.SemanticModel.Compilation;
        var start = syntax.GetLocation().GetLineSpan().StartLinePosition;
        var key = new Key(DeclarationFingerprint.Of(compilation), syntax.SyntaxTree.FilePath, start.Character, syntax.ToString());
        var anchor = new Anchor(syntax.SpanStart, start.Line);

        Entry? found;
        lock (gate)
        {
            if (!lastCompilation.TryGetTarget(out var last) || !ReferenceEquals(last, compilation))
            {
                (previous, current) = (current, new Dictionary<Key, Entry>());
                lastCompilation.SetTarget(compilation);
            }

            if (current.TryGetValue(key, out found) || previous.TryGetValue(key, out found))
            {
                found = found.MovedTo(anchor);
                current[key] = found;
                return found.Result;
            }
        }

        var result = parse(context);

        // A result that points outside its method (a containing type's name) cannot be moved with the method.
        if (result.IsWithin(syntax.SyntaxTree.FilePath, syntax.Span))
        {
            lock (gate)
            {
                current[key] = new Entry(result, anchor);
            }
        }

        return result;
    }

    /// <summary>What a method's parse depends on; where the method starts is not part of it.</summary>
    private sealed record Key(DeclarationFingerprint Declarations, string FilePath, int Column, string Text);

    private readonly record struct Anchor(int Position, int Line);

    private sealed record Entry(MethodParseResult Result, Anchor At)
    {
        public Entry MovedTo(Anchor anchor) => anchor == At
            ? this
            : new Entry(Result.Moved(anchor.Position - At.Position, anchor.Line - At.Line), anchor);
    }
}
