using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>What a diagnostic says about a construct outside the fence: its description, and what to write instead.</summary>
internal sealed partial class BodyLowerer
{
    private void ReportUnsupportedStatement(IOperation statement)
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
        diagnostics.Add(new DiagnosticInfo(
            DiagnosticDescriptors.UnsupportedStatement.Id,
            LocationInfo.From(location.GetLocation()),
            new[] { what }.ToEquatableArray()));
    }

    private void Report(DiagnosticDescriptor descriptor, SyntaxNode at, params string[] arguments) =>
        diagnostics.Add(new DiagnosticInfo(descriptor.Id, LocationInfo.From(at), arguments.ToEquatableArray()));

    private void ReportUnsupportedCall(IOperation operation, INamedTypeSymbol? owner, string member)
    {
        var what = owner is null ? member : owner.ToDisplayString() + "." + member;
        // LINQ over a vector's elements has a MathNet method of its own with a derivative rule: name it.
        var instead = owner?.ToDisplayString() == "System.Linq.Enumerable" && member is "Max" or "Min" or "Sum"
            ? $"; for a vector write v.{(member == "Sum" ? "Sum" : member + "imum")}() instead"
            : string.Empty;
        Report(
            DiagnosticDescriptors.UnsupportedCall,
            operation.Syntax,
            what,
            "supported here: operators and methods of Vector<double> and Matrix<double>, System.Math and NlpSymbolic.Functions (see the README's vocabulary)" + instead);
    }

    private IrOperand? UnsupportedType(IOperation operation, string what)
    {
        Report(DiagnosticDescriptors.UnsupportedType, operation.Syntax, $"'{Shorten(what)}'", operation.Type?.ToDisplayString() ?? "?");
        return null;
    }

    /// <summary>
    /// What to write instead of <c>v.Map(f)</c>: the element-wise function itself when <c>f</c> is one the
    /// vocabulary has (<c>Map(Math.Tanh)</c> → <c>Tanh(M)</c>), else the list of them and the way to give any
    /// other function a derivative.
    /// </summary>
    private static string ElementwiseAlternative(IInvocationOperation invocation)
    {
        var receiver = invocation.Instance is { } instance ? Shorten(instance.Syntax.ToString()) : "v";
        var function = invocation.Arguments.Select(a => a.Value).OfType<IDelegateCreationOperation>()
            .Select(d => (d.Target as IMethodReferenceOperation)?.Method.Name).FirstOrDefault();
        var instead = function switch
        {
            "Tanh" or "Sigmoid" or "Relu" or "LeakyRelu" or "HardTanh" => $"write {function}({receiver})",
            _ => $"use the element-wise function instead, e.g. Tanh({receiver}) (NlpSymbolic.Functions: Tanh, Sigmoid, Relu, LeakyRelu, HardTanh; also PointwiseExp(), PointwiseLog()); for another function, declare its derivative with [DerivativeOf] on a static method that maps it, and call that method",
        };
        return $"it applies a function element by element, whose derivative the generator cannot see; {instead}";
    }

    /// <summary>The user's text of each operand of a binary operator (for suggestions such as <c>M.Transpose() * v</c>).</summary>
    private static IReadOnlyList<string> OperandTexts(IOperation operation) => operation switch
    {
        IBinaryOperation binary => new[] { binary.LeftOperand.Syntax.ToString(), binary.RightOperand.Syntax.ToString() },
        IInvocationOperation invocation => (invocation.Instance is null ? new string[0] : new[] { invocation.Instance.Syntax.ToString() })
            .Concat(invocation.Arguments.Select(a => a.Value.Syntax.ToString())).ToArray(),
        _ => new string[0],
    };

    private static string OwnerDisplay(string owner) => owner switch
    {
        "Vector" => "Vector<double>",
        "Matrix" => "Matrix<double>",
        "Math" => "System.Math",
        "Functions" => "NlpSymbolic.Functions",
        "VectorBuilder" => "Vector<double>.Build",
        "MatrixBuilder" => "Matrix<double>.Build",
        _ => owner,
    };

    private static string Describe(IOperation operation)
    {
        var text = Shorten(operation.Syntax.ToString());
        return operation switch
        {
            IObjectCreationOperation => $"Creating an object ('{text}')",
            IArrayCreationOperation => $"Creating an array ('{text}')",
            IDelegateCreationOperation { Target: IMethodReferenceOperation } => $"A method used as a function value ('{text}')",
            IAnonymousFunctionOperation or IDelegateCreationOperation => $"A lambda ('{text}')",
            IBinaryOperation binary => $"The operator in '{text}' on {binary.LeftOperand.Type?.ToDisplayString()} and {binary.RightOperand.Type?.ToDisplayString()}",
            IUnaryOperation unary => $"The operator in '{text}' on {unary.Operand.Type?.ToDisplayString()}",
            _ => $"'{text}'",
        };
    }

    private static string DescribeTarget(IOperation target) => target switch
    {
        IArrayElementReferenceOperation => $"the array element '{target.Syntax}'",
        IPropertyReferenceOperation { Property.IsIndexer: true } => $"the element '{target.Syntax}'",
        IPropertyReferenceOperation property => $"the property '{property.Property.Name}'",
        IFieldReferenceOperation field => $"the field '{field.Field.Name}'",
        _ => $"'{target.Syntax}'",
    };

    private static string Shorten(string text)
    {
        var oneLine = SourceLine.Of(text);
        return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
    }
}
