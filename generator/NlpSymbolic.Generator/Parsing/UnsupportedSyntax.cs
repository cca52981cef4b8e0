using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// How a diagnostic describes a construct outside the fence, in the user's words: a shortened one-line excerpt of
/// the code, the operator and its operand types, what to write instead. Plain functions of the operation.
/// </summary>
internal static class UnsupportedSyntax
{
    /// <summary>
    /// What to write instead of <c>v.Map(f)</c>: the element-wise function itself when <c>f</c> is one the
    /// vocabulary has (<c>Map(Math.Tanh)</c> → <c>Tanh(M)</c>), else the list of them and the way to give any
    /// other function a derivative.
    /// </summary>
    public static string ElementwiseAlternative(IInvocationOperation invocation)
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
    public static IReadOnlyList<string> OperandTexts(IOperation operation) => operation switch
    {
        IBinaryOperation binary => new[] { binary.LeftOperand.Syntax.ToString(), binary.RightOperand.Syntax.ToString() },
        IInvocationOperation invocation => (invocation.Instance is null ? new string[0] : new[] { invocation.Instance.Syntax.ToString() })
            .Concat(invocation.Arguments.Select(a => a.Value.Syntax.ToString())).ToArray(),
        _ => new string[0],
    };

    public static string OwnerDisplay(string owner) => owner switch
    {
        "Vector" => "Vector<double>",
        "Matrix" => "Matrix<double>",
        "Math" => "System.Math",
        "Functions" => "NlpSymbolic.Functions",
        "VectorBuilder" => "Vector<double>.Build",
        "MatrixBuilder" => "Matrix<double>.Build",
        _ => owner,
    };

    public static string Describe(IOperation operation)
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

    public static string DescribeTarget(IOperation target) => target switch
    {
        IArrayElementReferenceOperation => $"the array element '{target.Syntax}'",
        IPropertyReferenceOperation { Property.IsIndexer: true } => $"the element '{target.Syntax}'",
        IPropertyReferenceOperation property => $"the property '{property.Property.Name}'",
        IFieldReferenceOperation field => $"the field '{field.Field.Name}'",
        _ => $"'{target.Syntax}'",
    };

    public static string Shorten(string text)
    {
        var oneLine = SourceLine.Of(text);
        return oneLine.Length <= 60 ? oneLine : oneLine.Substring(0, 57) + "...";
    }
}
