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
/// The fence: every construct the lowerers refuse, as one list. Each method reports one kind of construct at its own
/// syntax, with what the diagnostic says about it and, where there is one, the form that works instead; the lowerers
/// decide when a construct is outside the fence and call here, so the messages can be read (and changed) in one place.
/// Internal errors (a value missing that nothing reported explains) are not the fence's: they stay where they are found.
/// </summary>
internal sealed class LoweringFence : Lowerer
{
    public LoweringFence(Lowerers lowerers)
        : base(lowerers)
    {
    }

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

    /// <summary>NLPSYM102 for a tuple's component type, naming the first component that has no supported kind.</summary>
    internal void UnsupportedTupleType(SyntaxNode at, string what, ITypeSymbol type, IReadOnlyList<TupleComponent> components)
    {
        var bad = components.Select((c, i) => (c, i)).First(p => p.c.Kind is null);
        State.Report(DiagnosticDescriptors.UnsupportedTupleType, at, what, type.ToDisplayString(), $" (its component '{bad.c.Accessor(bad.i)}' is {bad.c.Type.ToDisplayString()})");
    }

    internal void UnsupportedLocal(SyntaxNode at, ILocalSymbol local) =>
        State.Report(DiagnosticDescriptors.UnsupportedType, at, $"Local '{local.Name}'", local.Type.ToDisplayString());

    internal void RefLocal(SyntaxNode at, ILocalSymbol local) => State.Report(DiagnosticDescriptors.RefLocal, at, local.Name);

    internal void UnsupportedExpression(IOperation operation) =>
        State.Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, UnsupportedSyntax.Describe(operation));

    internal void UnsupportedConversion(IConversionOperation conversion) =>
        State.Report(DiagnosticDescriptors.UnsupportedExpression, conversion.Syntax, $"The conversion from '{conversion.Operand.Type?.ToDisplayString()}' to '{conversion.Type?.ToDisplayString()}'");

    /// <summary>A write to something that is not a variable of the method: a model field, or anything else.</summary>
    internal void UnsupportedTarget(IOperation target)
    {
        if (Facts.ModelFieldOf(target) is { } field)
        {
            State.Report(DiagnosticDescriptors.ModelFieldAssignment, target.Syntax, field.Name);
            return;
        }

        State.Report(DiagnosticDescriptors.UnsupportedAssignmentTarget, target.Syntax, UnsupportedSyntax.DescribeTarget(target));
    }

    internal void ExternalField(IFieldReferenceOperation field) =>
        State.Report(DiagnosticDescriptors.ExternalState, field.Syntax, $"The field '{field.Field.Name}'");

    internal void ExternalThis(IOperation operation) => State.Report(DiagnosticDescriptors.ExternalState, operation.Syntax, "'this'");

    internal void ExternalProperty(IPropertyReferenceOperation property) =>
        State.Report(DiagnosticDescriptors.ExternalState, property.Syntax, $"The property '{property.Property.Name}'");

    internal void TupleAsOneValue(IOperation operation) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Using the tuple '{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}' as one value");

    internal void TupleComparison(IOperation operation) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Comparing tuples ('{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}'; compare their components)");

    internal void TupleOfOrdinaryCall(IInvocationOperation invocation) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, invocation.Syntax, $"The tuple returned by '{invocation.TargetMethod.Name}', which is not [Differentiable] ('{UnsupportedSyntax.Shorten(invocation.Syntax.ToString())}')");

    internal void UnsupportedTupleExpression(IOperation operation) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"The tuple expression '{UnsupportedSyntax.Shorten(operation.Syntax.ToString())}'");

    internal void NestedTuple(IOperation element) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, element.Syntax, $"A nested tuple ('{UnsupportedSyntax.Shorten(element.Syntax.ToString())}')");

    internal void NestedDeconstruction(IOperation element) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, element.Syntax, $"A nested deconstruction ('{UnsupportedSyntax.Shorten(element.Syntax.ToString())}'; deconstruct one tuple at a time)");

    internal void ComponentConversion(IOperation at, ValueKind from, ValueKind to) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, at.Syntax, $"Converting a {from.ShortName()} component to {to.ShortName()} in '{UnsupportedSyntax.Shorten(at.Syntax.ToString())}'");

    internal void UnknownTupleMember(IOperation tuple, IFieldSymbol field) =>
        State.Report(DiagnosticDescriptors.UnsupportedTupleUse, tuple.Syntax, $"The member '{field.Name}' of a tuple");

    internal void BuiltArrayAliased(SyntaxNode at, string array, string how) =>
        State.Report(DiagnosticDescriptors.BuiltArrayAliased, at, array, how);

    /// <summary>An array created anywhere but as a local's value, or of an element type other than a vector or double.</summary>
    internal void UnsupportedArrayCreation(IArrayCreationOperation creation, ValueKind? kind)
    {
        var what = kind is ValueKind.VectorArray or ValueKind.ScalarArray
            ? "here; create it as the value of a local declaration ('var hs = new Vector<double>[n];'), then write and read its elements"
            : "of this type; arrays built in a [Differentiable] method hold Vector<double> or double ('var hs = new Vector<double>[n];')";
        State.Report(DiagnosticDescriptors.UnsupportedArrayCreation, creation.Syntax, UnsupportedSyntax.Shorten(creation.Syntax.ToString()), what);
    }

    internal void BuiltBufferElementWrite(IOperation target, ILocalSymbol local) =>
        State.Report(DiagnosticDescriptors.BuiltBufferElementWrite, target.Syntax, target.Syntax.ToString(), local.Name);

    internal void ElementwiseMap(IInvocationOperation invocation) =>
        State.Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, UnsupportedSyntax.Shorten(invocation.Syntax.ToString()), UnsupportedSyntax.ElementwiseAlternative(invocation));

    /// <summary>A member of a catalogue owner with no entry for these argument kinds: what is supported, and a form that works.</summary>
    internal void NotInCatalogue(IOperation operation, string owner, string member, IReadOnlyList<IrOperand> arguments)
    {
        var shown = operation.Syntax.ToString();
        var supported = "supported here: " + Operations.DescribeSupported(owner) + " (on " + UnsupportedSyntax.OwnerDisplay(owner) + ")";
        var instead = OperationAlternatives.For(owner, member, arguments.Select(a => a.Kind).ToList(), UnsupportedSyntax.OperandTexts(operation));
        State.Report(DiagnosticDescriptors.UnsupportedCall, operation.Syntax, UnsupportedSyntax.Shorten(shown), instead is null ? supported : instead + "; " + supported);
    }

    internal void Recursion(IInvocationOperation invocation) =>
        State.Report(DiagnosticDescriptors.Recursion, invocation.Syntax, invocation.TargetMethod.Name);

    internal void InstanceCallOnAnotherObject(IInvocationOperation invocation) =>
        State.Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"A call to the [Differentiable] instance method '{invocation.TargetMethod.Name}' of another object ('{UnsupportedSyntax.Shorten(invocation.Syntax.ToString())}'; make it static and pass what it reads as parameters)");

    internal void ArglistArgument(IArgumentOperation argument) =>
        State.Report(DiagnosticDescriptors.UnsupportedExpression, argument.Syntax, $"An '__arglist' argument ('{UnsupportedSyntax.Shorten(argument.Syntax.ToString())}')");

    internal void LeftOutBufferArgument(IInvocationOperation invocation, IArgumentOperation argument, ValueKind kind) =>
        State.Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"Leaving out '{argument.Parameter!.Name}' (its default is null; pass a {kind.ShortName()})");

    /// <summary>A function in source whose signature no pullback can have: what a derivative needs, or how to get there.</summary>
    internal void NoPullbackPossible(IInvocationOperation invocation, string shown, string reason)
    {
        var target = invocation.TargetMethod;
        var fix = target.IsStatic
            ? $"a derivative, generated ([Differentiable]) or declared ([DerivativeOf]), needs a static method that takes double, Vector<double>, Matrix<double> (arrays, int, bool) by value and returns one of the first three, but {reason}"
            : $"make '{target.Name}' static, passing what it reads as parameters, then mark it [Differentiable] or declare its derivative with [DerivativeOf]";
        State.Report(DiagnosticDescriptors.CallWithoutDerivative, invocation.Syntax, shown, fix);
    }
}
