using System.Collections.Generic;
using System.Linq;
using NlpSymbolic.Generator.Model;

namespace NlpSymbolic.Generator.Differentiation;

/// <summary>
/// Joins kernel calls that read the same large operand into one pass over it. The rule for y = W x adds
/// dW += dy xᵀ and dx += Wᵀ dy, two sweeps over a matrix the size of W; <c>ws.AccumulateMultiplyAdjoints(dW, dx,
/// W, x, dy)</c> does both in one, reading W and updating dW column by column. The generated code keeps its
/// meaning (the kernel is named after the rule); the kernel carries the speed.
/// </summary>
internal static class KernelFusion
{
    public static AdjointProgram Fuse(AdjointProgram program) => program with { Body = Fuse(program.Body) };

    private static AdjointBlock Fuse(AdjointBlock block)
    {
        var nodes = new List<AdjointNode>();
        for (var i = 0; i < block.Nodes.Count; i++)
        {
            var node = block.Nodes[i] switch
            {
                AdjointIf branch => branch with { Then = Fuse(branch.Then), Else = Fuse(branch.Else) },
                AdjointLoop loop => loop with { Body = Fuse(loop.Body) },
                var other => other,
            };
            if (i + 1 < block.Nodes.Count && MultiplyAdjoints(node, block.Nodes[i + 1]) is { } fused)
            {
                nodes.Add(fused);
                i++;
                continue;
            }

            nodes.Add(node);
        }

        return new AdjointBlock(nodes.ToEquatableArray());
    }

    /// <summary>
    /// <c>dW += dy xᵀ</c> followed by <c>dx += Wᵀ dy</c> (or <c>var dx = Wᵀ dy</c>) for the same W and dy, as one
    /// call; null for any other pair.
    /// </summary>
    private static AdjointStatement? MultiplyAdjoints(AdjointNode first, AdjointNode second)
    {
        if (first is not AdjointStatement { Form: AccumulationForm.Kernel, Guard: null, Addend: KernelCall { Kernel: Kernel.Outer } outer } weights
            || outer.Arguments[0] is not AdjointOf dy)
        {
            return null;
        }

        var (input, product, zeroed) = second switch
        {
            AdjointStatement { Form: AccumulationForm.Kernel, Guard: null, Addend: KernelCall { Kernel: Kernel.TransposeThisAndMultiply } call } statement
                => (statement.Destination, call, statement.Zeroed),
            AdjointDeclaration { Initial: KernelCall { Kernel: Kernel.TransposeThisAndMultiply } call } declaration
                => (declaration.Adjoint, call, declaration.Zeroed),
            _ => (-1, null, default),
        };
        if (product is null || product.Arguments[0] != new ValueOf(weights.Destination) || product.Arguments[1] != dy
            || input == weights.Destination || input == dy.Id)
        {
            return null;
        }

        // A dx that the product would have started gets its zero buffer first.
        var declarations = weights.Zeroed.Concat(zeroed).ToList();
        if (second is AdjointDeclaration)
        {
            declarations.Add(new AdjointDeclaration(input, Expressions.Call(Kernel.ZerosLike, outer.Arguments[1]), -1));
        }

        return weights with
        {
            Addend = Expressions.Call(Kernel.MultiplyAdjoints, new AdjointOf(input), product.Arguments[0], outer.Arguments[1], dy),
            Zeroed = declarations.ToEquatableArray(),
        };
    }
}
