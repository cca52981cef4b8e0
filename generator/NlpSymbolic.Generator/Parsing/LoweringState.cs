using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// What lowering writes as it goes, in one place: the IR being built (statements and fresh value ids), the current
/// SSA value of every variable, the loops around the statement, the diagnostics, and what the pipeline needs
/// afterwards (calls, early returns, whether the body had compile errors). The lowerers share this one object; every
/// other fact they read is in the immutable <see cref="LoweringFacts"/>.
/// </summary>
internal sealed class LoweringState
{
    /// <summary>The IR being emitted: blocks, statements, value ids and their names.</summary>
    public IrBuilder Builder { get; } = new();

    /// <summary>Each variable's current value; replaced wholesale when a branch starts from a copy.</summary>
    public Dictionary<VariableKey, IrOperand> Variables { get; set; } = new();

    /// <summary>The break/continue flags of the loops around the statement being lowered, innermost on top.</summary>
    public Stack<LoopFlags> Loops { get; } = new();

    public List<DiagnosticInfo> Diagnostics { get; } = new();

    /// <summary>Arrays built by a declaration, and the variable that holds each.</summary>
    public Dictionary<int, VariableKey> BuiltArrays { get; } = new();

    /// <summary>The local whose declaration is being lowered, when its initializer creates an array.</summary>
    public VariableKey? DeclaringArray { get; set; }

    /// <summary>Each <c>return</c> that is not the method's last statement.</summary>
    public List<SyntaxNode> EarlyReturns { get; } = new();

    /// <summary>True when the body has compile errors of its own; then nothing is generated and nothing reported.</summary>
    public bool InvalidCode { get; set; }

    /// <summary>The [Differentiable] methods this body calls, each call once.</summary>
    public List<CallSite> Calls { get; } = new();

    /// <summary>The calls to functions whose derivative must be declared with [DerivativeOf], each once.</summary>
    public List<ExternalCall> ExternalCalls { get; } = new();

    /// <summary>The source line of the last return that assigned the result.</summary>
    public int ResultSource { get; set; } = -1;

    public void Report(DiagnosticDescriptor descriptor, SyntaxNode at, params string[] arguments) =>
        Diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(at), arguments.ToEquatableArray()));
}
