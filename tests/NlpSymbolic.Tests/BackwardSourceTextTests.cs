using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using NlpSymbolic.Tests.Models;
using Xunit;

namespace NlpSymbolic.Tests;

/// <summary>
/// The generated backward as text at run time: <c>Type.BackwardSources.Name</c> and
/// <see cref="Differentiation.SourceOf"/> give the same text as the file the compiler wrote to disk
/// (this project sets EmitCompilerGeneratedFiles), for a static method and a model class's instance method.
/// </summary>
public sealed class BackwardSourceTextTests
{
    [Fact]
    public void TheConstantIsTheGeneratedFile()
    {
        var text = LectureModels.BackwardSources.WindowScoreTanh;
        Assert.Equal(EmittedFile("NlpSymbolic.Tests.Models.LectureModels.WindowScoreTanh("), text);
        Assert.Contains("public static double WindowScoreTanhBackward(", text);
    }

    [Fact]
    public void SourceOfFindsTheSameTextByName()
    {
        Assert.Equal(LectureModels.BackwardSources.WindowScoreTanh, Differentiation.SourceOf(typeof(LectureModels), nameof(LectureModels.WindowScoreTanh)));
        var modelMethod = Differentiation.SourceOf(typeof(WindowTagger), nameof(WindowTagger.Loss));
        Assert.Equal(EmittedFile("NlpSymbolic.Tests.Models.WindowTagger.Loss("), modelMethod);
        Assert.Contains("public double LossBackward(", modelMethod);
    }

    [Fact]
    public void SourceOfAMethodThatIsNotDifferentiableNamesWhatThereIs()
    {
        var error = Assert.Throws<ArgumentException>(() => Differentiation.SourceOf(typeof(WindowTagger), "Accuracy"));
        Assert.Equal("methodName", error.ParamName);
        Assert.Contains("no generated source for 'Accuracy'", error.Message);
        Assert.Contains("Loss", error.Message);
    }

    [Fact]
    public void SourceOfATypeWithoutDifferentiableMethodsSaysWhy()
    {
        var error = Assert.Throws<ArgumentException>(() => Differentiation.SourceOf(typeof(string), "Length"));
        Assert.Equal("type", error.ParamName);
        Assert.Contains("NlpSymbolicEmitBackwardSources", error.Message);
    }

    [Fact]
    public void SourceOfNullThrows()
    {
        Assert.Throws<ArgumentNullException>(() => Differentiation.SourceOf(null!, "Loss"));
        Assert.Throws<ArgumentNullException>(() => Differentiation.SourceOf(typeof(WindowTagger), null!));
    }

    /// <summary>The one file under obj/…/generated whose name starts with <paramref name="prefix"/>.</summary>
    private static string EmittedFile(string prefix, [CallerFilePath] string here = "")
    {
        var obj = Path.Combine(Path.GetDirectoryName(here)!, "obj");
        var files = Directory.EnumerateFiles(obj, prefix + "*.g.cs", SearchOption.AllDirectories)
            .Where(path => path.Contains(Path.DirectorySeparatorChar + "generated" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(path => new FileInfo(path))
            .OrderByDescending(file => file.LastWriteTimeUtc)
            .ToList();
        Assert.NotEmpty(files);
        return File.ReadAllText(files[0].FullName);
    }
}
