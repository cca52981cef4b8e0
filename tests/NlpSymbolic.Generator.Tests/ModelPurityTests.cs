using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;
using Xunit;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// The values flowing between pipeline steps must be plain data with value equality: a Roslyn symbol,
/// node, tree, semantic model, compilation or location inside them would keep whole compilations alive
/// and defeat the incremental cache (every edit would make them unequal).
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] PipelineValues =
    {
        typeof(MethodParseResult),
        typeof(DifferentiableMethodSpec),
        typeof(IrMethod),
        typeof(AdjointProgram),
        typeof(DifferentiationResult),
        typeof(PlannedMethod),
        typeof(NlpSymbolic.Generator.Planning.EmissionPlan),
        typeof(MethodLocations),
        typeof(GeneratedSource),
        typeof(CallGraphNode),
        typeof(BlockedMethods),
        typeof(ModelTypeSpec),
    };

    private static readonly Type[] Forbidden =
    {
        typeof(ISymbol),
        typeof(SyntaxNode),
        typeof(SyntaxTree),
        typeof(SemanticModel),
        typeof(Compilation),
        typeof(Location),

        // The same hazards under other names.
        typeof(IOperation),
        typeof(SyntaxToken),
        typeof(SyntaxTrivia),
        typeof(SyntaxNodeOrToken),
        typeof(SyntaxTokenList),
        typeof(SyntaxReference),
        typeof(Diagnostic),
        typeof(DiagnosticDescriptor),
        typeof(AttributeData),
        typeof(TypedConstant),
        typeof(SourceText),
    };

    /// <summary>Plain values that are known to be fine (TextSpan and LinePositionSpan are explicitly allowed).</summary>
    private static readonly Type[] Leaves =
    {
        typeof(string),
        typeof(decimal),
        typeof(TextSpan),
        typeof(LinePositionSpan),
        typeof(LinePosition),
    };

    public static TheoryData<Type> Roots()
    {
        var data = new TheoryData<Type>();
        foreach (var type in PipelineValues)
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void PipelineValuesHoldNoRoslynObjects(Type root)
    {
        var problems = RoslynObjects(root);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(Roots))]
    public void PipelineValuesHaveValueEquality(Type root)
    {
        var problems = EqualityProblems(root);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record Impure(string Name, EquatableArray<Holder> Items, Inner? Maybe);

    private sealed record Holder(int Id, Location Where, int[] Ids) : IEquatable<Holder>;

    private struct Inner
    {
        public ITypeSymbol Type { get; set; }
    }

    [Fact]
    public void TheWalkFindsImpurities()
    {
        var roslyn = RoslynObjects(typeof(Impure));
        Assert.Contains(roslyn, p => p.Contains("Items<T>.Where is Location", StringComparison.Ordinal));
        Assert.Contains(roslyn, p => p.Contains("Maybe<T>.Type is ITypeSymbol", StringComparison.Ordinal));
        var equality = EqualityProblems(typeof(Impure));
        Assert.Contains(equality, p => p.Contains("Items<T>.Ids is Int32[]", StringComparison.Ordinal));
        Assert.Contains(equality, p => p.Contains("Maybe<T> is Inner", StringComparison.Ordinal));
    }

    private static List<string> RoslynObjects(Type root)
    {
        var problems = new List<string>();
        foreach (var (type, path) in Reachable(root))
        {
            if (Forbidden.FirstOrDefault(f => f.IsAssignableFrom(type)) is { } forbidden)
            {
                problems.Add($"{path} is {Name(type)} ({Name(forbidden)})");
            }
            else if (type == typeof(object) || type.IsInterface || type == typeof(Type) || typeof(Delegate).IsAssignableFrom(type))
            {
                problems.Add($"{path} is {Name(type)}, which could hold anything");
            }
        }

        return problems;
    }

    private static List<string> EqualityProblems(Type root)
    {
        var problems = new List<string>();
        foreach (var (type, path) in Reachable(root))
        {
            if (type.IsArray || (type.IsGenericType && IsReferenceEqualCollection(type.GetGenericTypeDefinition())))
            {
                problems.Add($"{path} is {Name(type)}, compared by reference (use EquatableArray<T>)");
            }
            else if (!type.IsPrimitive && !type.IsEnum && !Leaves.Contains(type) && !IsNullable(type)
                && !Forbidden.Any(f => f.IsAssignableFrom(type)) && !HasValueEquality(type))
            {
                problems.Add($"{path} is {Name(type)}, which has no value equality (make it a record or IEquatable<T>)");
            }
        }

        return problems;
    }

    [Fact]
    public void TheWalkReachesTheWholeModel()
    {
        // Guards the walker itself: it must see through EquatableArray<T>, nullables and nested records.
        var reached = Reachable(typeof(MethodParseResult)).Select(r => r.Type).ToHashSet();
        Assert.Contains(typeof(DiagnosticInfo), reached);
        Assert.Contains(typeof(LocationInfo), reached);
        Assert.Contains(typeof(TextSpan), reached);
        Assert.Contains(typeof(ContainingTypeSpec), reached);
        Assert.Contains(typeof(IrParameter), reached);
        Assert.Contains(typeof(IrValue), reached);
        Assert.Contains(typeof(IrStatement), reached);
        Assert.Contains(typeof(IrIf), reached);
        Assert.Contains(typeof(IrLoop), reached);
        Assert.Contains(typeof(IrPhi), reached);
        Assert.Contains(typeof(IrCallee), reached);
        Assert.Contains(typeof(CallSite), reached);
        Assert.Contains(typeof(IrOperand), reached);
        Assert.Contains(typeof(ValueKind), reached);

        var adjoint = Reachable(typeof(AdjointProgram)).Select(r => r.Type).ToHashSet();
        Assert.Contains(typeof(AdjointStatement), adjoint);
        Assert.Contains(typeof(AdjointIf), adjoint);
        Assert.Contains(typeof(AdjointLoop), adjoint);
        Assert.Contains(typeof(AccumulationForm), adjoint);
        Assert.Contains(typeof(IrMethod), adjoint);
        Assert.Contains(typeof(AdjointDeclaration), adjoint);
        Assert.Contains(typeof(KernelCall), adjoint);
        Assert.Contains(typeof(Kernel), adjoint);
        Assert.Contains(typeof(PullbackCall), adjoint);
    }

    /// <summary>The same source parsed in two unrelated compilations gives equal pipeline values.</summary>
    [Fact]
    public void EqualSourcesGiveEqualPipelineValues()
    {
        const string source = """
            using System;
            using MathNet.Numerics.LinearAlgebra;
            using NlpSymbolic;
            namespace Tests;
            public static partial class C
            {
                [Differentiable]
                public static double F(double x, Vector<double> v, Matrix<double> W, int k)
                {
                    var h = Functions.Tanh(W * v);
                    var s = h.Sum() * x + v[k];
                    return Math.Exp(s) + (x > 0 ? x : -x);
                }

                [Differentiable]
                public static double G(int n) => n * 2.0;

                [Differentiable]
                public static double H(double x) => Math.Atan2(x, 1);

                [Differentiable]
                public static double L(double x) => 2 * H(x) + G(3);
            }
            """;
        var first = GeneratorHarness.Run(source);
        var second = GeneratorHarness.Run(source);
        foreach (var step in new[] { TrackingNames.Parse, TrackingNames.Diagnostics, TrackingNames.Differentiate, TrackingNames.CallGraph })
        {
            var a = Outputs(first, step);
            var b = Outputs(second, step);
            Assert.NotEmpty(a);
            Assert.Equal(a.Count, b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                Assert.NotSame(a[i], b[i]);
                Assert.Equal(a[i], b[i]);
                Assert.Equal(a[i].GetHashCode(), b[i].GetHashCode());
            }
        }

        // The values themselves, not only their declared types, hold no Roslyn objects.
        foreach (var value in new[] { TrackingNames.Parse, TrackingNames.Differentiate, TrackingNames.CallGraph }.SelectMany(step => Outputs(first, step)))
        {
            AssertNoRoslynObjects(value, value.GetType().Name, new HashSet<object>(ReferenceEqualityComparer.Instance));
        }
    }

    private static List<object> Outputs(GeneratorRun run, string step) =>
        run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).ToList();

    private static void AssertNoRoslynObjects(object? value, string path, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        var type = value.GetType();
        if (Forbidden.FirstOrDefault(f => f.IsInstanceOfType(value)) is { } forbidden)
        {
            throw new XunitException($"{path} holds a {Name(type)} ({Name(forbidden)})");
        }

        if (value is IEnumerable sequence && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            var i = 0;
            foreach (var item in sequence)
            {
                AssertNoRoslynObjects(item, $"{path}[{i++}]", seen);
            }

            return;
        }

        if (Leaves.Contains(type))
        {
            return;
        }

        foreach (var property in InstanceProperties(type))
        {
            AssertNoRoslynObjects(property.GetValue(value), path + "." + property.Name, seen);
        }
    }

    // ---------------------------------------------------------------- the walk

    private static IEnumerable<(Type Type, string Path)> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<(Type, string)>();
        queue.Enqueue((root, Name(root)));
        while (queue.Count > 0)
        {
            var (type, path) = queue.Dequeue();
            if (!seen.Add(type))
            {
                continue;
            }

            yield return (type, path);
            foreach (var (next, step) in Children(type))
            {
                queue.Enqueue((next, path + step));
            }
        }
    }

    private static IEnumerable<(Type Type, string Step)> Children(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || Leaves.Contains(type) || Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            yield break;
        }

        if (type.IsArray)
        {
            yield return (type.GetElementType()!, "[]");
            yield break;
        }

        if (type.IsAbstract && !type.IsInterface && type.Assembly == typeof(MethodParseResult).Assembly)
        {
            // An abstract model type (IrNode, AdjointNode) holds whatever its subtypes hold.
            foreach (var subtype in type.Assembly.GetTypes().Where(t => !t.IsAbstract && type.IsAssignableFrom(t)).OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                yield return (subtype, " as " + subtype.Name);
            }
        }

        if (type.IsGenericType)
        {
            var definition = type.GetGenericTypeDefinition();
            if (definition == typeof(EquatableArray<>) || definition == typeof(Nullable<>) || IsReferenceEqualCollection(definition))
            {
                yield return (type.GetGenericArguments()[0], "<T>");
                yield break;
            }
        }

        // Only the model's own types are opened up: anything else reached is judged as it is.
        if (type.Assembly != typeof(MethodParseResult).Assembly && type.Assembly != typeof(ModelPurityTests).Assembly)
        {
            yield break;
        }

        foreach (var property in InstanceProperties(type))
        {
            yield return (property.PropertyType, "." + property.Name);
        }

        foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            yield return (field.FieldType, "." + field.Name);
        }
    }

    private static IEnumerable<PropertyInfo> InstanceProperties(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0);

    private static bool IsReferenceEqualCollection(Type definition) =>
        definition == typeof(List<>) || definition == typeof(ImmutableArray<>) || definition == typeof(IEnumerable<>)
        || definition == typeof(IReadOnlyList<>) || definition == typeof(IList<>) || definition == typeof(Dictionary<,>)
        || definition == typeof(HashSet<>) || definition == typeof(ImmutableList<>) || definition == typeof(IReadOnlyCollection<>);

    private static bool IsNullable(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Nullable<>);

    private static bool HasValueEquality(Type type)
    {
        if (typeof(IEquatable<>).MakeGenericType(type).IsAssignableFrom(type))
        {
            return true;
        }

        var equals = type.GetMethod(nameof(Equals), new[] { typeof(object) });
        return equals is not null && equals.DeclaringType == type;
    }

    private static string Name(Type type) =>
        type.IsGenericType
            ? type.Name.Split('`')[0] + "<" + string.Join(", ", type.GetGenericArguments().Select(Name)) + ">"
            : type.Name;
}
