using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Reverse-mode differentiation of straight-line SSA code: walk the statements backwards and, for each
/// active one, instantiate its adjoint rule for every active argument.
/// </summary>
internal static class ReverseMode
{
    private static readonly Regex KernelCall = new(@"^(\w+)\((.*)\)$", RegexOptions.Compiled | RegexOptions.Singleline);
    private static readonly Regex Placeholder = new(@"\{(\w+)\}", RegexOptions.Compiled);

    public static AdjointProgram Differentiate(DifferentiableMethodSpec spec)
    {
        var method = spec.Method;
        var active = ActivityAnalysis.ActiveValues(method);
        var kinds = method.Values.ToDictionary(v => v.Id, v => v.Kind);
        var statements = new List<AdjointStatement>();

        var result = method.Result;
        if (!result.IsLiteral && active.Contains(result.ValueId) && method.Parameters.Any(p => p.ValueId == result.ValueId))
        {
            // `return x;` for a parameter x: the seed goes straight into x's gradient.
            statements.Add(Accumulate(result.ValueId, kinds[result.ValueId], "{seed}", null, method.ResultSourceIndex));
        }

        for (var i = method.Statements.Count - 1; i >= 0; i--)
        {
            var statement = method.Statements[i];
            if (!active.Contains(statement.Target))
            {
                continue;
            }

            var rule = AdjointRules.For(statement.Operation)!;
            for (var argumentIndex = 0; argumentIndex < statement.Arguments.Count; argumentIndex++)
            {
                var argument = statement.Arguments[argumentIndex];
                if (argument.IsLiteral || !active.Contains(argument.ValueId))
                {
                    continue;
                }

                foreach (var term in AdjointRules.TermsFor(rule, argumentIndex))
                {
                    var body = Resolve(term.Template, statement, argumentIndex);
                    var guard = term.Guard is null ? null : Resolve(term.Guard, statement, argumentIndex);
                    statements.Add(Accumulate(argument.ValueId, kinds[argument.ValueId], body, guard, statement.SourceIndex));
                }
            }
        }

        return new AdjointProgram(spec, active.OrderBy(a => a).ToEquatableArray(), statements.ToEquatableArray());
    }

    private static AdjointStatement Accumulate(int destination, ValueKind kind, string body, string? guard, int source)
    {
        if (kind == ValueKind.Scalar)
        {
            return new AdjointStatement(destination, AccumulationForm.ScalarExpression, string.Empty, body, guard, source);
        }

        if (body.StartsWith("-", System.StringComparison.Ordinal) && IsSingleToken(body.Substring(1)))
        {
            return new AdjointStatement(destination, AccumulationForm.Subtract, string.Empty, body.Substring(1), guard, source);
        }

        if (IsSingleToken(body))
        {
            return new AdjointStatement(destination, AccumulationForm.Add, string.Empty, body, guard, source);
        }

        var call = KernelCall.Match(body);
        return new AdjointStatement(destination, AccumulationForm.Kernel, call.Groups[1].Value, call.Groups[2].Value, guard, source);
    }

    private static bool IsSingleToken(string text) => Regex.IsMatch(text, @"^\{[a-z]+(:\d+)?\}$");

    /// <summary>Replaces a rule's placeholders with tokens naming this statement's values.</summary>
    private static string Resolve(string template, IrStatement statement, int argumentIndex) =>
        Placeholder.Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            if (int.TryParse(name, out var index))
            {
                return Token(statement.Arguments[index]);
            }

            return name switch
            {
                "y" => "{v:" + statement.Target + "}",
                "dy" => "{d:" + statement.Target + "}",
                "offset" => Offset(statement, argumentIndex),
                _ => match.Value,
            };
        });

    private static string Token(IrOperand operand) => operand.IsLiteral ? operand.Literal! : "{v:" + operand.ValueId + "}";

    /// <summary>Where argument <paramref name="index"/> starts inside a concatenation of all arguments.</summary>
    private static string Offset(IrStatement statement, int index)
    {
        if (index == 0)
        {
            return "0";
        }

        var offset = new StringBuilder();
        for (var i = 0; i < index; i++)
        {
            offset.Append(i == 0 ? string.Empty : " + ").Append(Token(statement.Arguments[i])).Append(".Count");
        }

        return offset.ToString();
    }
}
