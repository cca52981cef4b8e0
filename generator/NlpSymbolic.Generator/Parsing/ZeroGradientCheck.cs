using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Differentiation;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Parsing;

/// <summary>
/// NLPSYM202: a differentiable input whose gradient argument the generated code can never write, because no
/// differentiable operation carries it to the result (it is unused, or feeds only conditions, indices and
/// sizes). Such an input is data, and forgetting [NoDerivative] on it costs the caller a useless buffer or
/// <c>ref double</c>. Decided by the same activity analysis that decides what the reverse sweep writes, so the
/// warning is exact: it fires exactly when the gradient is always zero.
/// </summary>
internal static class ZeroGradientCheck
{
    /// <summary>The method's own differentiable parameters (not a model's fields) whose gradient is never written, with the reason.</summary>
    public static IEnumerable<(IrParameter Parameter, string Reason)> Find(IrMethod method, IEnumerable<IrParameter> own)
    {
        var active = ActivityAnalysis.ActiveValues(method);
        var read = Read(method);
        foreach (var parameter in own.Where(p => p.IsDifferentiable && !active.Contains(p.ValueId)))
        {
            yield return (parameter, read.Contains(parameter.ValueId)
                ? "it reaches the result only through conditions, indices, sizes or integers, or not at all"
                : "the method never reads it");
        }
    }

    private static HashSet<int> Read(IrMethod method)
    {
        var read = new HashSet<int>();
        void Add(IrOperand operand)
        {
            if (!operand.IsConstant)
            {
                read.Add(operand.ValueId);
            }
        }

        foreach (var statement in IrWalker.Statements(method.Body))
        {
            foreach (var argument in statement.Arguments)
            {
                Add(argument);
            }
        }

        foreach (var phi in IrWalker.Phis(method.Body))
        {
            Add(phi.First);
            Add(phi.Second);
        }

        void Conditions(IrBlock block)
        {
            foreach (var node in block.Nodes)
            {
                switch (node)
                {
                    case IrIf branch:
                        Add(branch.Condition);
                        Conditions(branch.Then);
                        Conditions(branch.Else);
                        break;
                    case IrLoop loop:
                        Add(loop.Condition);
                        Conditions(loop.Header);
                        Conditions(loop.Body);
                        break;
                }
            }
        }

        Conditions(method.Body);
        Add(method.Result);
        return read;
    }
}
