using System;
using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Every operation of the catalogue (<see cref="Operations"/>) that can carry a gradient has its derivative rule:
/// <see cref="ActivityAnalysis"/> treats an operation without a rule as one that sends no gradient to its
/// arguments, so a differentiable operation that lost its rule would give a silently zero gradient. These
/// tests make that a failing test instead.
/// </summary>
public sealed class OperationCatalogueTests
{
    /// <summary>
    /// Operations with a differentiable argument and result that deliberately send no gradient back, each with
    /// its reason. Anything else of that shape must have a rule.
    /// </summary>
    private static readonly Dictionary<string, string> ConstantByDesign = new(StringComparer.Ordinal)
    {
    };

    public static TheoryData<string> DifferentiableOperations()
    {
        var data = new TheoryData<string>();
        foreach (var operation in Operations.All.Where(NeedsRule))
        {
            data.Add(operation.Id.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DifferentiableOperations))]
    public void EveryDifferentiableOperationHasARule(string id)
    {
        if (ConstantByDesign.ContainsKey(id))
        {
            return;
        }

        Assert.True(Operations.RuleOf(Enum.Parse<OperationId>(id)) is not null,
            $"Operation '{id}' takes a differentiable argument and gives a differentiable value but has no .Rule(…) in the catalogue: its gradient would be silently zero.");
    }

    [Fact]
    public void EveryRuleBelongsToAnOperationAndNamesRealArguments()
    {
        var ids = Operations.All.Select(o => o.Id).ToHashSet();
        foreach (var rule in Operations.All.Select(o => o.Derivative).OfType<AdjointRule>())
        {
            Assert.True(ids.Contains(rule.Operation), $"The catalogue has a rule for '{rule.Operation}', which is not in the catalogue.");
            var arity = Operations.ById(rule.Operation).Signatures
                .Select(Arguments)
                .Where(a => a.Count > 0 && !a[^1].EndsWith("...", StringComparison.Ordinal))
                .Select(a => a.Count)
                .DefaultIfEmpty(int.MaxValue)
                .Max();
            foreach (var term in rule.Terms.Where(t => t.Argument >= 0))
            {
                Assert.True(term.Argument < arity, $"A term of '{rule.Operation}' sends gradient to argument {term.Argument}, but the operation takes {arity}.");
            }
        }
    }

    [Fact]
    public void TheCheckFindsAnOperationWhoseRuleIsMissing()
    {
        // The check itself must be able to fail: the catalogue has operations of that shape, and every one
        // of them is looked up (a rule-less copy of one would not pass).
        var needing = Operations.All.Where(NeedsRule).ToList();
        Assert.Contains(needing, o => o.Id == OperationId.VectorTanh);
        Assert.True(NeedsRule(Operations.ById(OperationId.VectorTanh) with { Derivative = null }));
    }

    [Fact]
    public void EveryOperationIdHasExactlyOneCatalogueEntry()
    {
        // Parsing names a few operations by id (Identity, Square, Not, …): the enum makes a misspelt id a compile
        // error, and this makes an id without an entry (or with two) a test failure. Call and TupleItem are the
        // IR's own statements, not catalogue operations.
        var entries = Operations.All.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.Count());
        foreach (var id in Enum.GetValues<OperationId>().Where(i => i is not (OperationId.Call or OperationId.TupleItem)))
        {
            Assert.True(entries.TryGetValue(id, out var count) && count == 1, $"OperationId.{id} has {(entries.TryGetValue(id, out var n) ? n : 0)} catalogue entries, not one.");
        }

        Assert.False(entries.ContainsKey(OperationId.Call) || entries.ContainsKey(OperationId.TupleItem));
    }

    [Fact]
    public void EveryForwardKernelExistsOnTheWorkspace()
    {
        var methods = typeof(NlpSymbolic.Workspace).GetMethods().Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var named = Operations.All
            .SelectMany(o => ExpressionTrees.Nodes(o.Forward).OfType<ForwardKernelCall>().Select(k => (o.Id, Kernel: k.Kernel.ToString())))
            .ToList();
        Assert.Contains(named, n => n.Kernel == "Softplus");
        foreach (var (id, kernel) in named)
        {
            Assert.True(methods.Contains(kernel), $"Operation '{id}' computes its value with ws.{kernel}(…), which the runtime's Workspace does not have.");
        }
    }

    [Fact]
    public void EveryActivationIsNamedAfterItsResultAndHasARule()
    {
        // The flags are read by naming; an activation without a rule would be named as the lecture's z but get no δ.
        foreach (var operation in Operations.All.Where(o => o.Has(OperationFlags.Activation)))
        {
            Assert.NotNull(operation.Derivative);
        }
    }

    private static bool NeedsRule(OperationDefinition operation) =>
        operation.ResultKind.IsDifferentiable()
        && !Operations.IsStore(operation.Id)
        && operation.Signatures.Any(s => Arguments(s).Any(a => Kind(a) is { } kind && kind.IsDifferentiable()));

    private static List<string> Arguments(string signature)
    {
        var open = signature.IndexOf('(');
        var inner = signature[(open + 1)..^1];
        return inner.Length == 0 ? new List<string>() : inner.Split(',').ToList();
    }

    private static ValueKind? Kind(string argument) =>
        Enum.TryParse<ValueKind>(argument.Replace("...", string.Empty, StringComparison.Ordinal), out var kind) ? kind : null;
}
