using System;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using Xunit;

namespace NlpSymbolic.Generator.Tests;

/// <summary>
/// Every kernel the rules and the reverse sweep call exists on the runtime's <c>Workspace</c> under the names the
/// emitter writes: <c>ws.K</c> where a kernel starts an adjoint or gives a value, <c>ws.AccumulateK</c> where it
/// adds into one, and the two forms of a pair take the same arguments (the accumulating one after its destination).
/// </summary>
public sealed class KernelCatalogueTests
{
    private static readonly System.Reflection.MethodInfo[] Methods = typeof(NlpSymbolic.Workspace).GetMethods();

    public static TheoryData<string> AllKernels()
    {
        var data = new TheoryData<string>();
        foreach (var kernel in Enum.GetValues<Kernel>())
        {
            data.Add(kernel.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void TheRuntimeHasTheKernelInEachFormTheEmitterWrites(string name)
    {
        var kernel = Enum.Parse<Kernel>(name);
        if (Kernels.Starts(kernel))
        {
            Assert.True(Methods.Any(m => m.Name == kernel.ToString()), $"Workspace has no {kernel}: the emitter starts adjoints with ws.{kernel}(…).");
        }

        if (Kernels.Accumulates(kernel))
        {
            Assert.True(Methods.Any(m => m.Name == "Accumulate" + kernel), $"Workspace has no Accumulate{kernel}: the emitter adds with ws.Accumulate{kernel}(d, …).");
        }
    }

    [Theory]
    [MemberData(nameof(AllKernels))]
    public void BothFormsOfAPairTakeTheSameArguments(string name)
    {
        var kernel = Enum.Parse<Kernel>(name);
        if (!Kernels.Starts(kernel) || !Kernels.Accumulates(kernel))
        {
            return;
        }

        // Each accumulating overload has a starting overload with its parameters minus the destination. Types are
        // compared by name: a generic kernel's Vector<T> is another Type in each method (its own T).
        foreach (var accumulate in Methods.Where(m => m.Name == "Accumulate" + kernel))
        {
            var rest = accumulate.GetParameters().Skip(1).Select(p => p.ParameterType.ToString()).ToArray();
            Assert.True(
                Methods.Any(m => m.Name == kernel.ToString() && m.GetParameters().Select(p => p.ParameterType.ToString()).SequenceEqual(rest)),
                $"Accumulate{kernel}({string.Join(", ", accumulate.GetParameters().Select(p => p.ParameterType.Name))}) has no {kernel} taking the same arguments after the destination.");
        }
    }

    [Fact]
    public void TheCheckFailsOnAKernelTheRuntimeLacks()
    {
        // The lookups above must be able to fail: a made-up name is not found in either form.
        Assert.DoesNotContain(Methods, m => m.Name == "AccumulateNoSuchKernel" || m.Name == "NoSuchKernel");
        Assert.Contains(Methods, m => m.Name == "Accumulate" + Kernel.TanhGradient);
    }
}
