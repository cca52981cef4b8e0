using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// The reports of constructs outside the fence that more than one lowerer meets: what a diagnostic says about the
/// construct, and what to write instead.
/// </summary>
internal sealed class LoweringFence
{
    private readonly Lowerers lowerers;

    public LoweringFence(Lowerers lowerers) => this.lowerers = lowerers;

    private LoweringState State => lowerers.State;

    internal void ReportUnsupportedStatement(IOperation statement)
    {
        var syntax = statement.Syntax;
        var (what, location) = syntax switch
        {
            ForEachStatementSyntax s => ("A 'foreach' loop (use a for loop over the index)", (SyntaxNodeOrToken)s.ForEachKeyword),
            SwitchStatementSyntax s => ("A 'switch' statement (use if/else)", s.SwitchKeyword),
            TryStatementSyntax s => ("A 'try' statement", s.TryKeyword),
            UsingStatementSyntax s => ("A 'using' statement", s.UsingKeyword),
            LockStatementSyntax s => ("A 'lock' statement", s.LockKeyword),
            ThrowStatementSyntax s => ("A 'throw' statement", s.ThrowKeyword),
            GotoStatementSyntax s => ("A 'goto' statement", s.GotoKeyword),
            BreakStatementSyntax s => ("A 'break' outside a loop", s.BreakKeyword),
            ContinueStatementSyntax s => ("A 'continue' outside a loop", s.ContinueKeyword),
            LabeledStatementSyntax s => ("A labeled statement", s.Identifier),
            LocalFunctionStatementSyntax s => ("A local function", s.Identifier),
            CheckedStatementSyntax s => ("A 'checked' block", s.Keyword),
            UnsafeStatementSyntax s => ("An 'unsafe' block", s.UnsafeKeyword),
            FixedStatementSyntax s => ("A 'fixed' statement", s.FixedKeyword),
            YieldStatementSyntax s => ("A 'yield' statement", s.YieldKeyword),
            _ => ("This statement", (SyntaxNodeOrToken)syntax),
        };
        State.Diagnostics.Add(new DiagnosticInfo(
            DiagnosticDescriptors.UnsupportedStatement.Id,
            LocationInfo.From(location.GetLocation()),
            new[] { what }.ToEquatableArray()));
    }

    internal void ReportUnsupportedCall(IOperation operation, INamedTypeSymbol? owner, string member)
    {
        var what = owner is null ? member : owner.ToDisplayString() + "." + member;
        // LINQ over a vector's elements has a MathNet method of its own with a derivative rule: name it.
        var instead = owner?.ToDisplayString() == "System.Linq.Enumerable" && member is "Max" or "Min" or "Sum"
            ? $"; for a vector write v.{(member == "Sum" ? "Sum" : member + "imum")}() instead"
            : string.Empty;
        State.Report(
            DiagnosticDescriptors.UnsupportedCall,
            operation.Syntax,
            what,
            "supported here: operators and methods of Vector<double> and Matrix<double>, System.Math and NlpSymbolic.Functions (see the README's vocabulary)" + instead);
    }

    internal IrOperand? UnsupportedType(IOperation operation, string what)
    {
        State.Report(DiagnosticDescriptors.UnsupportedType, operation.Syntax, $"'{UnsupportedSyntax.Shorten(what)}'", operation.Type?.ToDisplayString() ?? "?");
        return null;
    }
}
