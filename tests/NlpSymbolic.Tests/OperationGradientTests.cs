using System.Collections.Generic;
using NlpSymbolic.Tests.GradientChecking;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>Every operation's generated gradient against central finite differences (and the contract checks).</summary>
public class OperationGradientTests
{
    public static IEnumerable<object[]> Scalars => GradientChecker.MethodsOf(typeof(ScalarOperations));

    public static IEnumerable<object[]> Vectors => GradientChecker.MethodsOf(typeof(VectorOperations));

    public static IEnumerable<object[]> Matrices => GradientChecker.MethodsOf(typeof(MatrixOperations));

    public static IEnumerable<object[]> ControlFlow => GradientChecker.MethodsOf(typeof(ControlFlowModels));

    public static IEnumerable<object[]> LoopsInBranches => GradientChecker.MethodsOf(typeof(LoopInBranchModels));

    public static IEnumerable<object[]> CountedLoops => GradientChecker.MethodsOf(typeof(CountedLoopModels));

    public static IEnumerable<object[]> RandomRegressions => GradientChecker.MethodsOf(typeof(RandomProgramRegressions));

    public static IEnumerable<object[]> Training => GradientChecker.MethodsOf(typeof(TrainingModels));

    public static IEnumerable<object[]> BuiltValues => GradientChecker.MethodsOf(typeof(BuiltValueOperations));

    [Theory]
    [MemberData(nameof(Scalars))]
    public void ScalarOperation(string name) => CheckSeeds(typeof(ScalarOperations), name);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void VectorOperation(string name) => CheckSeeds(typeof(VectorOperations), name);

    [Theory]
    [MemberData(nameof(Matrices))]
    public void MatrixOperation(string name) => CheckSeeds(typeof(MatrixOperations), name);

    [Theory]
    [MemberData(nameof(ControlFlow))]
    public void ControlFlowModel(string name) => CheckSeeds(typeof(ControlFlowModels), name);

    [Theory]
    [MemberData(nameof(LoopsInBranches))]
    public void LoopInBranchModel(string name) => CheckSeeds(typeof(LoopInBranchModels), name);

    [Theory]
    [MemberData(nameof(CountedLoops))]
    public void CountedLoopModel(string name) => CheckSeeds(typeof(CountedLoopModels), name);

    [Theory]
    [MemberData(nameof(RandomRegressions))]
    public void RandomProgramRegression(string name) => CheckSeeds(typeof(RandomProgramRegressions), name);

    [Theory]
    [MemberData(nameof(Training))]
    public void TrainingModel(string name) => CheckSeeds(typeof(TrainingModels), name);

    [Theory]
    [MemberData(nameof(BuiltValues))]
    public void BuiltValueOperation(string name) => CheckSeeds(typeof(BuiltValueOperations), name);

    private static void CheckSeeds(System.Type type, string name)
    {
        foreach (var seed in new[] { 1, 2, 3 })
        {
            GradientChecker.Check(type, name, seed);
        }
    }
}
