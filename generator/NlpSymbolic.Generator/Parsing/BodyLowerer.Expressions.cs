using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

internal sealed partial class BodyLowerer
{
    private const string DifferentiableAttributeName = "NlpSymbolic.DifferentiableAttribute";

    private static readonly Dictionary<string, string> Squares = new()
    {
        ["Multiply"] = "Square",
        ["Dot"] = "SquaredNorm",
    };

    /// <summary>Lowers an expression to an operand; null after reporting why it cannot be lowered.</summary>
    private IrOperand? Lower(IOperation operation, string hint)
    {
        if (operation.ConstantValue.HasValue && KindClassifier.Classify(operation.Type) is { } constantKind
            && LiteralFormatter.Format(operation.ConstantValue.Value) is { } literal)
        {
            return IrOperand.Constant(literal, constantKind);
        }

        if (TupleShape.IsTuple(operation.Type))
        {
            // Only deconstruction, a component (r.h) or a return takes a tuple apart; here it would be one value.
            Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Using the tuple '{Shorten(operation.Syntax.ToString())}' as one value");
            return null;
        }

        switch (operation)
        {
            case ITupleBinaryOperation:
                Report(DiagnosticDescriptors.UnsupportedTupleUse, operation.Syntax, $"Comparing tuples ('{Shorten(operation.Syntax.ToString())}'; compare their components)");
                return null;

            case IFieldReferenceOperation { Instance: { } tuple } component when TupleShape.IsTuple(tuple.Type):
                return LowerTupleComponent(tuple, component.Field, hint);

            case ILocalReferenceOperation local:
                // A local of an unsupported type was reported at its declaration; any other miss is our bug.
                if (KindClassifier.Classify(local.Local.Type) is not { } localKind)
                {
                    return null;
                }

                if (variables.TryGetValue(VariableKey.For(local.Local, localKind), out var localValue) && !IsUndefined(localValue))
                {
                    return localValue;
                }

                if (diagnostics.Count == 0 && !invalidCode)
                {
                    // Nothing reported explains the missing value (its declaration was not rejected): our bug, said out loud.
                    Report(DiagnosticDescriptors.InternalError, operation.Syntax, method.Name, $"no value for local '{local.Local.Name}' here");
                }

                return null;

            case IParameterReferenceOperation parameter:
                return KindClassifier.Classify(parameter.Parameter.Type) is { } parameterKind
                    && variables.TryGetValue(VariableKey.For(parameter.Parameter, parameterKind), out var parameterValue) ? parameterValue : null;

            case IConversionOperation conversion:
                return LowerConversion(conversion, hint);

            case IBinaryOperation { OperatorMethod: null, OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
            {
                var left = Lower(logical.LeftOperand, hint);
                if (left is null)
                {
                    return null;
                }

                var source = builder.CurrentSource;
                return logical.OperatorKind == BinaryOperatorKind.ConditionalAnd
                    ? LowerLazyAnd(left, () => Lower(logical.RightOperand, hint), source)
                    : LowerLazyOr(left, () => Lower(logical.RightOperand, hint), source);
            }

            case IBinaryOperation binary:
            {
                var left = Lower(binary.LeftOperand, hint);
                var right = Lower(binary.RightOperand, hint);
                return left is null || right is null
                    ? null
                    : LowerBinary(binary, binary.OperatorKind, binary.OperatorMethod, left, right, hint);
            }

            case IUnaryOperation unary:
                return LowerUnary(unary, hint);

            case IInvocationOperation invocation:
                return LowerInvocation(invocation, hint);

            case IPropertyReferenceOperation property:
                return LowerProperty(property, hint);

            case IArrayElementReferenceOperation element when element.Indices.Length == 1:
            {
                var array = Lower(element.ArrayReference, hint);
                var index = Lower(element.Indices[0], hint);
                return array is null || index is null
                    ? null
                    : IsBuiltArray(array) ? ReadElement(array, index, hint)
                    : EmitOrReport(operation, "builtin", "element", new[] { array, index }, hint);
            }

            case IConditionalOperation { WhenFalse: not null } conditional:
            {
                var kind = KindClassifier.Classify(conditional.Type);
                var condition = Lower(conditional.Condition, hint);
                if (kind is null)
                {
                    return UnsupportedType(operation, operation.Syntax.ToString());
                }

                if (new[] { conditional.WhenTrue, conditional.WhenFalse }.FirstOrDefault(IsBuiltArrayReference) is ILocalReferenceOperation builtArm)
                {
                    Report(DiagnosticDescriptors.BuiltArrayAliased, operation.Syntax, builtArm.Local.Name, "chosen by ?:");
                    return null;
                }

                return condition is null
                    ? null
                    : LowerChoice(condition, kind.Value, () => Lower(conditional.WhenTrue, hint), () => Lower(conditional.WhenFalse!, hint), builder.CurrentSource);
            }

            case IFieldReferenceOperation when ModelFieldOf(operation) is { } modelField:
                return variables[modelField];

            case IFieldReferenceOperation field:
                Report(DiagnosticDescriptors.ExternalState, operation.Syntax, $"The field '{field.Field.Name}'");
                return null;

            case IInstanceReferenceOperation:
                Report(DiagnosticDescriptors.ExternalState, operation.Syntax, "'this'");
                return null;

            case IArrayCreationOperation creation:
                return LowerArrayCreation(creation, hint);

            case IInvalidOperation:
                // The compiler reports the error; generating nothing keeps us quiet and correct.
                invalidCode = true;
                return null;

            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, Describe(operation));
                return null;
        }
    }

    private bool invalidCode;

    /// <summary>True when the body has compile errors of its own; then nothing is generated and nothing reported.</summary>
    public bool HasInvalidCode => invalidCode;

    private IrOperand? LowerConversion(IConversionOperation conversion, string hint)
    {
        var targetKind = KindClassifier.Classify(conversion.Type);
        var sourceKind = KindClassifier.Classify(conversion.Operand.Type);
        if (conversion.OperatorMethod is null && targetKind is not null && targetKind == sourceKind)
        {
            return Lower(conversion.Operand, hint);
        }

        if (conversion.OperatorMethod is null && targetKind == ValueKind.Scalar && sourceKind == ValueKind.Int)
        {
            var operand = Lower(conversion.Operand, hint);
            return operand is null ? null : EmitOrReport(conversion, "builtin", "convert", new[] { operand }, hint);
        }

        if (targetKind is null)
        {
            return UnsupportedType(conversion, conversion.Syntax.ToString());
        }

        if (conversion.Operand is ILocalReferenceOperation && sourceKind is null)
        {
            // A local of an unsupported type is reported once, at its declaration.
            return null;
        }

        if (conversion.Operand.Type is not null && sourceKind is null)
        {
            return UnsupportedType(conversion.Operand, conversion.Operand.Syntax.ToString());
        }

        Report(DiagnosticDescriptors.UnsupportedExpression, conversion.Syntax, $"The conversion from '{conversion.Operand.Type?.ToDisplayString()}' to '{conversion.Type?.ToDisplayString()}'");
        return null;
    }

    private IrOperand? LowerBinary(
        IOperation operation, BinaryOperatorKind kind, IMethodSymbol? operatorMethod, IrOperand left, IrOperand right, string hint)
    {
        if (operatorMethod is not null)
        {
            return LowerCall(operation, operatorMethod, new[] { left, right }, hint);
        }

        var member = kind switch
        {
            BinaryOperatorKind.Add => "op_Addition",
            BinaryOperatorKind.Subtract => "op_Subtraction",
            BinaryOperatorKind.Multiply => "op_Multiply",
            BinaryOperatorKind.Divide => "op_Division",
            BinaryOperatorKind.Remainder => "op_Modulus",
            BinaryOperatorKind.LessThan => "op_LessThan",
            BinaryOperatorKind.LessThanOrEqual => "op_LessThanOrEqual",
            BinaryOperatorKind.GreaterThan => "op_GreaterThan",
            BinaryOperatorKind.GreaterThanOrEqual => "op_GreaterThanOrEqual",
            BinaryOperatorKind.Equals => "op_Equality",
            BinaryOperatorKind.NotEquals => "op_Inequality",
            BinaryOperatorKind.ConditionalAnd => "op_ConditionalAnd",
            BinaryOperatorKind.ConditionalOr => "op_ConditionalOr",
            _ => kind.ToString(),
        };
        return EmitOrReport(operation, "builtin", member, new[] { left, right }, hint);
    }

    private IrOperand? LowerUnary(IUnaryOperation unary, string hint)
    {
        var operand = Lower(unary.Operand, hint);
        if (operand is null)
        {
            return null;
        }

        if (unary.OperatorMethod is not null)
        {
            return LowerCall(unary, unary.OperatorMethod, new[] { operand }, hint);
        }

        return unary.OperatorKind switch
        {
            UnaryOperatorKind.Plus => operand,
            UnaryOperatorKind.Minus => EmitOrReport(unary, "builtin", "op_UnaryNegation", new[] { operand }, hint),
            UnaryOperatorKind.Not => EmitOrReport(unary, "builtin", "op_LogicalNot", new[] { operand }, hint),
            _ => EmitOrReport(unary, "builtin", unary.OperatorKind.ToString(), new[] { operand }, hint),
        };
    }

    private IrOperand? LowerInvocation(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (target.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttributeName))
        {
            return LowerDifferentiableCall(invocation, hint);
        }

        if (target.MethodKind == MethodKind.LocalFunction
            || invocation.Instance is ILocalReferenceOperation { Local.Type: var localType } && KindClassifier.Classify(localType) is null)
        {
            // The local function, or the local holding a lambda, was already reported where it is declared.
            return null;
        }

        if (KindClassifier.BuilderName(target.ContainingType) is { } factory)
        {
            return LowerBuilderCall(invocation, factory, hint);
        }

        if (KindClassifier.OwnerName(target.ContainingType) is "Vector" or "Matrix" && target.Name.StartsWith("Map", System.StringComparison.Ordinal))
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, Shorten(invocation.Syntax.ToString()), ElementwiseAlternative(invocation));
            return null;
        }

        if (KindClassifier.OwnerName(target.ContainingType) is null)
        {
            if (target.MethodKind == MethodKind.Ordinary && (target.IsStatic || target.DeclaringSyntaxReferences.Length > 0))
            {
                return LowerExternalCall(invocation, hint);
            }

            ReportUnsupportedCall(invocation, target.ContainingType, target.Name);
            return null;
        }

        var arguments = new List<IrOperand>();
        if (!target.IsStatic && invocation.Instance is not null)
        {
            var receiver = Lower(invocation.Instance, hint);
            if (receiver is null)
            {
                return null;
            }

            arguments.Add(receiver);
        }

        if (LowerArguments(invocation, hint) is not { } lowered)
        {
            return null;
        }

        arguments.AddRange(lowered);
        return LowerCall(invocation, target, arguments, hint);
    }

    /// <summary>
    /// The arguments in parameter order; a params array written out (<c>Concat(a, b)</c>, or
    /// <c>Concat(new[] { a, b })</c>) becomes its elements.
    /// </summary>
    private List<IrOperand>? LowerArguments(IInvocationOperation invocation, string hint)
    {
        var arguments = new List<IrOperand>();
        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if ((argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.IsParams == true)
                && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
            {
                foreach (var element in initializer.ElementValues)
                {
                    var lowered = Lower(element, hint);
                    if (lowered is null)
                    {
                        return null;
                    }

                    arguments.Add(lowered);
                }

                continue;
            }

            var value = Lower(argument.Value, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        return arguments;
    }

    /// <summary>
    /// A call to another [Differentiable] method: forward through its generated <c>…Forward</c>, backward
    /// through its <c>…Pullback</c>, so its derivative is generated once, with the callee.
    /// </summary>
    private IrOperand? LowerDifferentiableCall(IInvocationOperation invocation, string hint)
    {
        var target = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
        {
            Report(DiagnosticDescriptors.Recursion, invocation.Syntax, target.Name);
            return null;
        }

        RecordCall(invocation, target);
        var resultKind = KindClassifier.Classify(target.ReturnType);
        if (TupleShape.Components(target.ReturnType) is { } components && TupleShape.IsSupported(components))
        {
            // Several outputs: the call's value is taken apart by the TupleItem statements that follow it.
            resultKind = ValueKind.Tuple;
        }

        if (resultKind is not (ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix or ValueKind.Tuple) || target.IsGenericMethod)
        {
            // The callee's own diagnostics explain what is wrong with it, and the recorded call gets NLPSYM111.
            invalidCode = true;
            return null;
        }

        var arguments = new List<IrOperand>();
        var differentiable = new List<bool>();
        if (!target.IsStatic)
        {
            // Another instance method of this model: its core takes the same fields first.
            if (invocation.Instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }
                || modelFields.Count == 0
                || !SymbolEqualityComparer.Default.Equals(target.ContainingType.OriginalDefinition, method.ContainingType.OriginalDefinition))
            {
                Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"A call to the [Differentiable] instance method '{target.Name}' of another object ('{Shorten(invocation.Syntax.ToString())}'; make it static and pass what it reads as parameters)");
                return null;
            }

            foreach (var (field, key) in modelFields)
            {
                arguments.Add(variables[key]);
                differentiable.Add(key.Kind is ValueKind.Scalar or ValueKind.Vector or ValueKind.Matrix
                    && !field.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "NlpSymbolic.NoDerivativeAttribute"));
            }
        }

        foreach (var argument in invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                // In code that compiles only __arglist(…) has no parameter; the callee may be fine, so say it here.
                Report(DiagnosticDescriptors.UnsupportedExpression, argument.Syntax, $"An '__arglist' argument ('{Shorten(argument.Syntax.ToString())}')");
                return null;
            }

            var kind = KindClassifier.Classify(parameter.Type);
            if (kind is null || parameter.RefKind != RefKind.None)
            {
                // The callee reports its parameter (NLPSYM003, NLPSYM005), and the recorded call gets NLPSYM111.
                invalidCode = true;
                return null;
            }

            var value = LowerCallArgument(invocation, argument, kind, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
            differentiable.Add(kind.Value.IsDifferentiable()
                && !parameter.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "NlpSymbolic.NoDerivativeAttribute"));
        }

        var qualified = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + target.Name;
        var callee = new IrCallee(qualified, differentiable.ToEquatableArray(), resultKind.Value);
        return builder.Emit(IrStatement.CallOperation, resultKind.Value, arguments, hint, callee);
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

    private readonly List<CallSite> calls = new();

    /// <summary>The [Differentiable] methods this body calls, each call once.</summary>
    public IReadOnlyList<CallSite> Calls => calls;

    /// <summary>
    /// Whether a callee gets generated is known only once every method has been parsed (its error may be in
    /// another file), so the call is recorded and the pipeline decides then: a callee without output leaves
    /// this method without output, and when an error of ours explains it, this call gets NLPSYM111.
    /// </summary>
    private void RecordCall(IInvocationOperation invocation, IMethodSymbol target)
    {
        if (target.OriginalDefinition.GetDocumentationCommentId() is not { } calleeId)
        {
            return;
        }

        var diagnostic = new DiagnosticInfo(
            DiagnosticDescriptors.CalleeNotDifferentiated.Id,
            LocationInfo.From(invocation.Syntax),
            new[] { target.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat), method.Name }.ToEquatableArray());
        var call = new CallSite(calleeId, diagnostic);
        if (!calls.Contains(call))
        {
            calls.Add(call);
        }
    }

    private IrOperand? LowerProperty(IPropertyReferenceOperation property, string hint)
    {
        var owner = KindClassifier.OwnerName(property.Property.ContainingType);
        if (owner is null)
        {
            if (property.Instance is null or IInstanceReferenceOperation)
            {
                Report(DiagnosticDescriptors.ExternalState, property.Syntax, $"The property '{property.Property.Name}'");
            }
            else
            {
                ReportUnsupportedCall(property, property.Property.ContainingType, property.Property.Name);
            }

            return null;
        }

        var arguments = new List<IrOperand>();
        if (property.Instance is not null)
        {
            var receiver = Lower(property.Instance, hint);
            if (receiver is null)
            {
                return null;
            }

            arguments.Add(receiver);
        }

        foreach (var argument in property.Arguments)
        {
            var value = Lower(argument.Value, hint);
            if (value is null)
            {
                return null;
            }

            arguments.Add(value);
        }

        var member = property.Property.IsIndexer ? "get_Item" : property.Property.Name;
        return EmitOrReport(property, owner, member, arguments, hint);
    }

    private IrOperand? LowerCall(IOperation operation, IMethodSymbol target, IReadOnlyList<IrOperand> arguments, string hint)
    {
        var owner = KindClassifier.OwnerName(target.ContainingType);
        if (owner is null)
        {
            ReportUnsupportedCall(operation, target.ContainingType, target.Name);
            return null;
        }

        return EmitOrReport(operation, owner, target.Name, arguments, hint);
    }

    private IrOperand? EmitOrReport(IOperation operation, string owner, string member, IReadOnlyList<IrOperand> arguments, string hint)
    {
        var definition = Operations.Find(owner, member, arguments.Select(a => a.Kind).ToList());
        if (definition is not null)
        {
            // a·a and vᵀv are squares: one operation whose rule adds 2·dy·a, not two halves of a product.
            if (arguments.Count == 2 && !arguments[0].IsLiteral && arguments[0] == arguments[1]
                && Squares.TryGetValue(definition.Id, out var square))
            {
                return builder.Emit(Operations.ById(square), new[] { arguments[0] }, hint);
            }

            return builder.Emit(definition, arguments, hint);
        }

        if (owner == "builtin")
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax, Describe(operation));
        }
        else
        {
            var shown = operation.Syntax.ToString();
            var supported = "supported here: " + Operations.DescribeSupported(owner) + " (on " + OwnerDisplay(owner) + ")";
            var instead = OperationAlternatives.For(owner, member, arguments.Select(a => a.Kind).ToList(), OperandTexts(operation));
            Report(DiagnosticDescriptors.UnsupportedCall, operation.Syntax, Shorten(shown), instead is null ? supported : instead + "; " + supported);
        }

        return null;
    }

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

    /// <summary>
    /// One argument of a call to a generated or declared pullback. A left-out vector or array argument is refused:
    /// its default can only be null, nothing to compute with or differentiate.
    /// </summary>
    private IrOperand? LowerCallArgument(IInvocationOperation invocation, IArgumentOperation argument, ValueKind? kind, string hint)
    {
        if (argument.ArgumentKind == ArgumentKind.DefaultValue && kind is not (ValueKind.Scalar or ValueKind.Int or ValueKind.Bool))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, invocation.Syntax, $"Leaving out '{argument.Parameter!.Name}' (its default is null; pass a {kind!.Value.ShortName()})");
            return null;
        }

        return Lower(argument.Value, hint);
    }

    private IrOperand? UnsupportedType(IOperation operation, string what)
    {
        Report(DiagnosticDescriptors.UnsupportedType, operation.Syntax, $"'{Shorten(what)}'", operation.Type?.ToDisplayString() ?? "?");
        return null;
    }

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
        var oneLine = Whitespace.Replace(text, " ").Trim();
        return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
    }
}
