using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace NlpSymbolic.Tool;

/// <summary>
/// What MSBuild hands a generator for the properties a project declares as <c>CompilerVisibleProperty</c>: global
/// options named <c>build_property.Name</c>; no per-file options. The generator tests drive the generator with it too.
/// </summary>
internal sealed class BuildProperties : AnalyzerConfigOptionsProvider
{
    private readonly Options global;

    public BuildProperties(IReadOnlyDictionary<string, string> properties)
    {
        var values = new Dictionary<string, string>();
        foreach (var (name, value) in properties)
        {
            values["build_property." + name] = value;
        }

        global = new Options(values);
    }

    public override AnalyzerConfigOptions GlobalOptions => global;

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => Options.None;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => Options.None;

    private sealed class Options : AnalyzerConfigOptions
    {
        public static readonly Options None = new(new Dictionary<string, string>());

        private readonly Dictionary<string, string> values;

        public Options(Dictionary<string, string> values) => this.values = values;

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
