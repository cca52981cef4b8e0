using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace NlpSymbolic.Generator.Diagnostics;

/// <summary>
/// Every diagnostic the generator reports. Ids by group: 0xx signatures and attributes, 1xx unsupported
/// syntax, 2xx types, 9xx internal. Never reuse an id; a new one also needs an AnalyzerReleases entry,
/// a README line and a test at its exact location.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "NlpSymbolic";

    /// <summary>
    /// Where each id is explained: docs/diagnostics.md ships with the repository, so the link is its public
    /// address, one section per id (<c>#nlpsym001</c>).
    /// </summary>
    public const string HelpBase = "https://github.com/nlpsymbolic/nlpsymbolic/blob/main/docs/diagnostics.md";

    public static readonly DiagnosticDescriptor MethodMustBeStatic = Error(
        "NLPSYM001",
        "[Differentiable] method must be static",
        "[Differentiable] method '{0}' must be static: the generated {0}Backward is a static method beside it");

    public static readonly DiagnosticDescriptor TypeMustBePartial = Error(
        "NLPSYM002",
        "Type containing a [Differentiable] method must be partial",
        "Type '{0}' must be declared partial so that {1}Backward can be generated into it");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Error(
        "NLPSYM003",
        "Unsupported parameter type",
        "Parameter '{0}' has type '{1}', which [Differentiable] methods do not support; supported are double, Vector<double>, Matrix<double>, double[], Vector<double>[] (differentiable) and int, bool, int[] (never differentiated)");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        "NLPSYM004",
        "Unsupported return type",
        "[Differentiable] method '{0}' returns '{1}'; supported return types are double, Vector<double> and Matrix<double>, and tuples of them for several outputs");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Error(
        "NLPSYM005",
        "Unsupported parameter modifier",
        "Parameter '{0}' is declared '{1}'; [Differentiable] methods take their inputs by value ({2})");

    public static readonly DiagnosticDescriptor GenericMethod = Error(
        "NLPSYM006",
        "Generic [Differentiable] method",
        "[Differentiable] method '{0}' is generic; differentiable methods cannot have type parameters (use double, Vector<double> or Matrix<double>)");

    public static readonly DiagnosticDescriptor MethodWithoutBody = Error(
        "NLPSYM007",
        "[Differentiable] method has no body",
        "[Differentiable] method '{0}' has no body to differentiate; give it a block or expression body");

    public static readonly DiagnosticDescriptor NoDifferentiableParameter = Warning(
        "NLPSYM008",
        "[Differentiable] method has nothing to differentiate",
        "[Differentiable] method '{0}' has no differentiable parameter, so {0}Backward only recomputes the value; make a parameter double, Vector<double>, Matrix<double>, double[] or Vector<double>[] without [NoDerivative]");

    public static readonly DiagnosticDescriptor BackwardNameTaken = Error(
        "NLPSYM009",
        "Generated method name is already taken",
        "Type '{0}' already declares a member '{1}' that clashes with the generated backward method; rename it or the [Differentiable] method");

    public static readonly DiagnosticDescriptor FileLocalType = Error(
        "NLPSYM010",
        "[Differentiable] method in a file-local type",
        "Type '{0}' is file-local, so {1}Backward cannot be generated into it from another file; remove 'file'");

    public static readonly DiagnosticDescriptor AttributeOnPartialDefinition = Error(
        "NLPSYM011",
        "[Differentiable] on a partial method's definition",
        "'{0}' is the defining declaration of a partial method; put [Differentiable] on the implementing declaration (the one with the body)");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Error(
        "NLPSYM101",
        "Unsupported statement",
        "{0} is not supported in a [Differentiable] method; supported statements are declarations, assignments, if/else, for, while and do loops, break, continue and return");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Error(
        "NLPSYM102",
        "Unsupported expression",
        "{0} is not supported in a [Differentiable] method; supported are arithmetic, comparisons, ?:, locals, parameters, literals and the operations listed in the README");

    public static readonly DiagnosticDescriptor UnsupportedCall = Error(
        "NLPSYM103",
        "Unsupported operation",
        "'{0}' has no derivative rule; {1}");

    public static readonly DiagnosticDescriptor UnsupportedAssignmentTarget = Error(
        "NLPSYM104",
        "Unsupported assignment target",
        "Assigning to {0} mutates a value in place, which [Differentiable] methods do not support; assign a new value to a local instead");

    public static readonly DiagnosticDescriptor ExternalState = Error(
        "NLPSYM107",
        "Reference to state outside the method",
        "{0} is not a parameter or local of the method; [Differentiable] methods see only their parameters (pass it as a parameter, with [NoDerivative] if it needs no gradient)");

    public static readonly DiagnosticDescriptor Recursion = Error(
        "NLPSYM108",
        "Recursive [Differentiable] method",
        "'{0}' calls itself; recursive [Differentiable] methods are not supported (write the recursion as a loop)");

    public static readonly DiagnosticDescriptor RefLocal = Error(
        "NLPSYM109",
        "ref local",
        "'{0}' is a ref local; [Differentiable] methods work on values (declare it without 'ref')");

    public static readonly DiagnosticDescriptor EarlyReturnOfBuffer = Error(
        "NLPSYM110",
        "Early return of a vector or matrix",
        "This return leaves other paths without a result; a [Differentiable] method returning {0} may only return early when every path assigns the result (use a variable and return it once at the end)");

    public static readonly DiagnosticDescriptor CalleeNotDifferentiated = Error(
        "NLPSYM111",
        "Call to a [Differentiable] method that could not be differentiated",
        "'{0}' could not be differentiated (see the error reported for it), so {1}Backward, which would call its pullback here, is not generated either; fix the error in '{0}'");

    public static readonly DiagnosticDescriptor ModelFieldAssignment = Error(
        "NLPSYM112",
        "Assignment to a field of the model",
        "'{0}' is a field of the model, one of its parameters, and fields are read-only inside a [Differentiable] method; assign the new value to a local instead");

    public static readonly DiagnosticDescriptor DerivativeSignatureMismatch = Error(
        "NLPSYM120",
        "Declared derivative has the wrong signature",
        "'{0}' is declared as the derivative of '{1}' but does not have the signature of its pullback; expected: {2}");

    public static readonly DiagnosticDescriptor DerivativeTargetNotFound = Error(
        "NLPSYM121",
        "[DerivativeOf] names no method that can have a derivative",
        "[DerivativeOf] on '{0}' names '{1}', but {2}");

    public static readonly DiagnosticDescriptor DuplicateDerivative = Error(
        "NLPSYM122",
        "Function already has a derivative",
        "'{0}' already has a derivative: {1}");

    public static readonly DiagnosticDescriptor CallWithoutDerivative = Error(
        "NLPSYM123",
        "Call to a method without a derivative",
        "'{0}' has no derivative: {1}");

    public static readonly DiagnosticDescriptor DerivativeNotAccessible = Error(
        "NLPSYM124",
        "Declared derivative is less accessible than its function",
        "'{0}' is less accessible than '{1}', and generated code calls it wherever '{1}' is called; make it {2}");
    public static readonly DiagnosticDescriptor UnsupportedTupleUse = Error(
        "NLPSYM113",
        "Unsupported use of a tuple",
        "{0} is not supported; a tuple in a [Differentiable] method is a [Differentiable] method's result or a tuple literal, deconstructed into locals ('var (h, c) = Cell(…);', '(h, c) = Cell(…);'), kept in a local whose components are read ('r.h', 'r.Item1'), or returned ('return (loss, h);')");

    public static readonly DiagnosticDescriptor UnsupportedTupleType = Error(
        "NLPSYM114",
        "Unsupported tuple type",
        "{0} is the tuple '{1}'; a tuple in a [Differentiable] method has components of type double, Vector<double> or Matrix<double> only (no nested tuples), and is a return type or a local, never a parameter{2}");

    public static readonly DiagnosticDescriptor BuiltArrayAliased = Error(
        "NLPSYM115",
        "Array built in the method used as a whole value",
        "'{0}' is an array built in the method and cannot be {1}: it keeps the one name it was declared with (index it, write its elements, pass it to a call); declare another array with new for another sequence");

    public static readonly DiagnosticDescriptor UnsupportedArrayCreation = Error(
        "NLPSYM116",
        "Unsupported array creation",
        "Creating an array ('{0}') is not supported {1}");

    public static readonly DiagnosticDescriptor BuiltBufferElementWrite = Error(
        "NLPSYM117",
        "Writing an element of a vector or matrix built in the method",
        "Assigning to '{0}' changes the vector or matrix '{1}' in place, which [Differentiable] methods do not support; make the value you mean instead: OneHot(n, i) for a one-hot vector, Vector<double>.Build.Dense(n, value) for a constant, or collect vectors in an array (new Vector<double>[n]) and stack them with Matrix<double>.Build.DenseOfColumnVectors");

    public static readonly DiagnosticDescriptor UnsupportedType = Error(
        "NLPSYM201",
        "Unsupported value type",
        "{0} has type '{1}'; values in a [Differentiable] method must be double, Vector<double>, Matrix<double>, double[], Vector<double>[], int, int[] or bool");

    public static readonly DiagnosticDescriptor GradientNeverWritten = Warning(
        "NLPSYM202",
        "Gradient argument that is never written",
        "The gradient of '{0}' is always zero because {1}, so {2}Backward never writes d{0}; mark '{0}' [NoDerivative] if it is data (it then gets no gradient argument)");

    public static readonly DiagnosticDescriptor InternalError = Error(
        "NLPSYM901",
        "Internal generator error",
        "NlpSymbolic could not process '{0}' ({1}); no backward method was generated. This is a bug in NlpSymbolic, please report it with this method.");

    public static IReadOnlyList<DiagnosticDescriptor> All { get; } = new[]
    {
        MethodMustBeStatic, TypeMustBePartial, UnsupportedParameterType, UnsupportedReturnType,
        UnsupportedParameterModifier, GenericMethod, MethodWithoutBody, NoDifferentiableParameter,
        BackwardNameTaken, FileLocalType, AttributeOnPartialDefinition, UnsupportedStatement, UnsupportedExpression, UnsupportedCall,
        UnsupportedAssignmentTarget, ExternalState, Recursion, RefLocal, EarlyReturnOfBuffer,
        CalleeNotDifferentiated, ModelFieldAssignment, DerivativeSignatureMismatch, DerivativeTargetNotFound,
        DuplicateDerivative, CallWithoutDerivative, DerivativeNotAccessible, UnsupportedType, GradientNeverWritten, InternalError,
        UnsupportedTupleUse, UnsupportedTupleType, BuiltArrayAliased, UnsupportedArrayCreation, BuiltBufferElementWrite,
    };

    private static readonly Dictionary<string, DiagnosticDescriptor> byId = All.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => byId[id];

    private static DiagnosticDescriptor Error(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static DiagnosticDescriptor Warning(string id, string title, string message) =>
        new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpLink(id));

    private static string HelpLink(string id) => HelpBase + "#" + id.ToLowerInvariant();
}
