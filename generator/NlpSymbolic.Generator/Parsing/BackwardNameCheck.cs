using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NlpSymbolic.Generator.Diagnostics;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>NLPSYM009: a member the user declared with the name of one generated for the method (or for its model class).</summary>
internal static class BackwardNameCheck
{
    public static void Check(
        IMethodSymbol method,
        List<IrParameter> parameters,
        List<IrParameter> fields,
        MethodDeclarationSyntax syntax,
        Action<DiagnosticDescriptor, Location, string[]> report)
    {
        var gradients = parameters.Count(p => p.IsDifferentiable);
        var all = fields.Concat(parameters).ToList();
        var allGradients = all.Count(p => p.IsDifferentiable);
        var isModel = !method.IsStatic;

        // An instance method's NameBackward takes the Gradients object after the seed; its static core, Forward
        // and Pullback take the fields first.
        var generated = new[]
        {
            (Name: method.Name + "Backward", Count: parameters.Count + 1 + (isModel ? 1 : 0) + gradients, Skip: 0, Kinds: parameters),
            (Name: method.Name + "BackwardCore", Count: isModel ? all.Count + 1 + allGradients : -1, Skip: 0, Kinds: all),
            (Name: method.Name + "Pullback", Count: all.Count + 1 + allGradients, Skip: 0, Kinds: all),
            (Name: method.Name + "Forward", Count: all.Count + 1, Skip: 1, Kinds: all),
            (Name: method.Name + "Value", Count: parameters.Count, Skip: 0, Kinds: parameters),

            // The private body both call; any member of that name would be ambiguous or hidden by it.
            (Name: method.Name + "ForwardAndReverse", Count: int.MaxValue, Skip: 0, Kinds: all),
        };
        foreach (var (name, count, skip, kinds) in generated)
        {
            if (count < 0)
            {
                continue;
            }

            foreach (var member in method.ContainingType.GetMembers(name))
            {
                var clashes = member is not IMethodSymbol other
                    || count == int.MaxValue
                    || (other.Parameters.Length == count
                        && other.Parameters.Skip(skip).Take(kinds.Count).Select(p => KindClassifier.Classify(p.Type))
                            .SequenceEqual(kinds.Select(p => (ValueKind?)p.Kind)));
                if (clashes)
                {
                    report(DiagnosticDescriptors.BackwardNameTaken, syntax.Identifier.GetLocation(), new[] { method.ContainingType.Name, name });
                    return;
                }
            }
        }
    }
}
