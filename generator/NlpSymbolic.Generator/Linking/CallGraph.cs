using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Linking;

/// <summary>
/// A caller's generated code calls its callees' generated Forward and Pullback, so a method may be generated
/// only when every method it calls, directly or not, is. Decided over all methods at once: a callee may be in
/// another file, and fixing it must bring back its callers' output without anyone touching them.
/// </summary>
internal static class CallGraph
{
    /// <summary>Ordered: a method takes the worst state of itself and its callees.</summary>
    private enum State
    {
        Generated,

        /// <summary>Not generated because of compile errors, which the compiler reports; so nothing is said.</summary>
        NotCompiling,

        /// <summary>Not generated because of an error the generator reports (its own, or NLPSYM111 at a call).</summary>
        Reported,
    }

    /// <param name="failedHintNames">Methods whose differentiation failed (reported as NLPSYM901).</param>
    public static BlockedMethods Link(ImmutableArray<CallGraphNode> nodes, ImmutableArray<string> failedHintNames)
    {
        var failed = new HashSet<string>(failedHintNames);
        var states = nodes.Select(node => Own(node, failed)).ToArray();

        // By id rather than by node: a callee declared twice (a compile error) counts as its worst declaration.
        var byId = new Dictionary<string, State>();
        void Publish(int i)
        {
            if (nodes[i].MethodId is { } id && (!byId.TryGetValue(id, out var known) || known < states[i]))
            {
                byId[id] = states[i];
            }
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            Publish(i);
        }

        // States only grow and there are three, so this settles, cycles (mutual recursion) included.
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < nodes.Length; i++)
            {
                foreach (var call in nodes[i].Calls)
                {
                    if (byId.TryGetValue(call.CalleeId, out var callee) && callee > states[i])
                    {
                        states[i] = callee;
                        Publish(i);
                        changed = true;
                    }
                }
            }
        }
        while (changed);

        var hintNames = new List<string>();
        var diagnostics = new List<DiagnosticInfo>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i].HintName is { } hintName && states[i] != State.Generated)
            {
                hintNames.Add(hintName);
            }

            // Every call to a callee left out because of a reported error, also in a method with errors of its
            // own: one build shows every problem. A callee we know nothing of (from a reference) is generated.
            foreach (var call in nodes[i].Calls)
            {
                if (byId.TryGetValue(call.CalleeId, out var callee) && callee == State.Reported)
                {
                    diagnostics.Add(call.Diagnostic);
                }
            }
        }

        return new BlockedMethods(hintNames.ToEquatableArray(), diagnostics.ToEquatableArray());
    }

    private static State Own(CallGraphNode node, HashSet<string> failed) =>
        node.HasError ? State.Reported
        : node.HintName is null ? State.NotCompiling
        : failed.Contains(node.HintName) ? State.Reported
        : State.Generated;
}
