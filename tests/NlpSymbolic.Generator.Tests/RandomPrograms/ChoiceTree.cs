using System.Linq;
using CsCheck;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>
/// An untyped tree of random choices. <see cref="ProgramRenderer"/> reads it as a well-typed C# program:
/// <see cref="Op"/> picks a production for the type it needs there, <see cref="Pick"/> a variable, constant or
/// index, and missing children fall back to leaves. Every tree is therefore a valid program, and CsCheck's
/// shrinking (smaller numbers, fewer children) yields smaller valid programs with no shrinker of our own:
/// the choice-sequence idea of Hypothesis, here on CsCheck.
/// </summary>
public sealed record Expr(int Op, int Pick, Expr[] Kids)
{
    public Expr Kid(int i) => i < Kids.Length ? Kids[i] : Leaf;

    public static readonly Expr Leaf = new(0, 0, []);

    public int Size => 1 + Kids.Sum(k => k.Size);
}

/// <summary>One statement: a production (<see cref="Op"/>), its expressions and its nested blocks.</summary>
public sealed record Stmt(int Op, int Pick, Expr[] Exprs, Stmt[][] Blocks)
{
    public Expr Expr(int i) => i < Exprs.Length ? Exprs[i] : RandomPrograms.Expr.Leaf;

    public Stmt[] Block(int i) => i < Blocks.Length ? Blocks[i] : [];

    public int Size => 1 + Exprs.Sum(e => e.Size) + Blocks.Sum(b => b.Sum(s => s.Size));
}

/// <summary>A program: the main method, two helper methods it may call, and the main method's result kind.</summary>
public sealed record ProgramTree(Stmt[] Main, Expr MainResult, bool VectorResult, Stmt[] ScalarHelper, Expr ScalarHelperResult, Stmt[] VectorHelper, Expr VectorHelperResult)
{
    public int Size => Main.Sum(s => s.Size) + MainResult.Size + ScalarHelper.Sum(s => s.Size) + VectorHelper.Sum(s => s.Size);
}

/// <summary>CsCheck generators of choice trees.</summary>
public static class ChoiceTrees
{
    public const int Choices = 1000;

    public static Gen<Expr> Exprs(int depth) =>
        depth == 0
            ? Gen.Select(Gen.Int[0, Choices], Gen.Int[0, Choices], (op, pick) => new Expr(op, pick, []))
            : Gen.Select(Gen.Int[0, Choices], Gen.Int[0, Choices], Exprs(depth - 1).Array[0, 3], (op, pick, kids) => new Expr(op, pick, kids));

    public static Gen<Stmt[]> Blocks(int depth, int maxStatements) =>
        Statements(depth).Array[1, maxStatements];

    private static Gen<Stmt> Statements(int depth) =>
        depth == 0
            ? Gen.Select(Gen.Int[0, Choices], Gen.Int[0, Choices], Exprs(3).Array[1, 3], (op, pick, exprs) => new Stmt(op, pick, exprs, []))
            : Gen.Select(Gen.Int[0, Choices], Gen.Int[0, Choices], Exprs(3).Array[1, 3], Blocks(depth - 1, 4).Array[0, 2], (op, pick, exprs, blocks) => new Stmt(op, pick, exprs, blocks));

    /// <summary>Programs with control flow nested up to <paramref name="depth"/> deep.</summary>
    public static Gen<ProgramTree> Programs(int depth = 3) =>
        Gen.Select(
            Blocks(depth, 6), Exprs(3), Gen.Int[0, 4],
            Blocks(1, 3), Exprs(2),
            Blocks(1, 3), Exprs(2),
            (main, result, kind, scalar, scalarResult, vector, vectorResult) =>
                new ProgramTree(main, result, kind == 4, scalar, scalarResult, vector, vectorResult));
}
