using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;
using NlpSymbolic.Generator.Model.Ir;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// NLPSYM202: a differentiable input whose gradient argument the generated code can never write, because no
/// differentiable operation carries it to the result (it is unused, or feeds only conditions, indices and
/// sizes). Such an input is data, and forgetting [NoDerivative] on it costs the caller a useless buffer or
/// <c>ref double</c>. Decided by the same activity analysis that decides what the reverse sweep writes, so the
/// warning is exact: it fires exactly when the gradient is always zero. The finding is located data-free (the
/// parameter's name); the output step places it at the parameter's declaration.
/// </summary>
internal static class ZeroGradientCheck
{
    /// <summary>The method's own differentiable parameters (not a model's fields, which lead) whose gradient is never written, with the reason.</summary>
    public static EquatableArray<NeverWrittenGradient> Find(DifferentiableMethodSpec spec, Activity activity)
    {
        var method = spec.Method;
        var own = method.Parameters.Skip(spec.Model?.Fields.Count ?? 0);
        var read = Read(method);
        return own.Where(p => p.IsDifferentiable && !activity.Active.Contains(p.ValueId))
            .Select(p => new NeverWrittenGradient(p.Name, read.Contains(p.ValueId)
                ? "it reaches the result only through conditions, indices, sizes or integers, or not at all"
                : "the method never reads it"))
            .ToEquatableArray();
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
