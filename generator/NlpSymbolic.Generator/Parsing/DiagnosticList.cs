using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>The diagnostics one method's parse reports, as data, in the order they were found.</summary>
internal sealed class DiagnosticList
{
    private readonly List<DiagnosticInfo> items = new();

    public IReadOnlyList<DiagnosticInfo> Items => items;

    public bool HasErrors => items.Any(IsError);

    public void Report(DiagnosticDescriptor descriptor, Location location, params string[] arguments) =>
        items.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(location), arguments.ToEquatableArray()));

    public void AddRange(IEnumerable<DiagnosticInfo> diagnostics) => items.AddRange(diagnostics);

    public EquatableArray<DiagnosticInfo> ToEquatableArray() => items.ToEquatableArray();

    private static bool IsError(DiagnosticInfo info) =>
        DiagnosticDescriptors.ById(info.DescriptorId).DefaultSeverity == DiagnosticSeverity.Error;
}
