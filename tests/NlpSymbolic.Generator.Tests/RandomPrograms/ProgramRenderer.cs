using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>A rendered random program: a compilable C# file and what its main method returns.</summary>
public sealed record RenderedProgram(string Source, bool VectorResult)
{
    public const string TypeName = "Fuzz.Model";
    public const string MainName = "Run";

    /// <summary>The model class holding u, W and K as fields, and its instance method with the same body.</summary>
    public const string ModelTypeName = "Fuzz.Net";

    public const string ModelMethodName = "RunModel";
}

/// <summary>
/// Reads a <see cref="ProgramTree"/> as a well-typed <c>[Differentiable]</c> program over the whole vocabulary:
/// scalars, vectors and matrices with their operations (minibatch forms included: element-wise and column-wise
/// matrix functions, <c>AddColumnwise</c>, row and column sums, <c>CrossEntropy</c> of a matrix against <c>ys</c>, one
/// label below 3 per column), arrays, token ids, nested <c>if</c>/<c>for</c>/
/// <c>while</c>/<c>do</c>, <c>break</c>, <c>continue</c>, early <c>return</c>, reassignment and compound
/// assignment, and calls to three helper methods (in loops and branches too), one of which returns a tuple
/// <c>(double s, Vector&lt;double&gt; v)</c> that callers deconstruct, keep in a local or read by component; the
/// main method itself returns a tuple now and then (early returns included), and calls to two opaque functions
/// whose derivatives are declared with [DerivativeOf]. Every vector has 3 elements and
/// every matrix is 3 × 3 (the embedding matrix <c>L</c> is 3 × 5); indices are taken modulo the length, and
/// divisions, logarithms and square roots are written so that their argument stays away from 0.
/// </summary>
public sealed class ProgramRenderer
{
    // Arrays built in the method: vector arrays hold 3 vectors, double arrays 4 numbers; both are filled when declared.
    private enum Kind { Scalar, Vector, Matrix, VectorArray, ScalarArray }

    private static readonly string[] Constants = ["0.5", "1.5", "(-0.75)", "2.0", "0.25", "(-1.25)", "3.0", "1.0"];

    private readonly StringBuilder text = new();
    private readonly List<List<(string Name, Kind Kind)>> frames = new();
    private readonly List<string> loopVariables = new();
    private int indent;
    private int fresh;
    private bool isMain;
    private bool returnsVector;
    private bool mayCallScalarHelper;
    private bool mayCallVectorHelper;
    private bool mayCallTupleHelper;

    /// <summary>The component kinds of the method being rendered when it returns a tuple; null otherwise.</summary>
    private Kind[]? returnsTuple;
    private int loopDepth;
    private int folds;

    public static RenderedProgram Render(ProgramTree tree) => new(new ProgramRenderer().RenderFile(tree), tree.VectorResult);

    private string RenderFile(ProgramTree tree)
    {
        text.AppendLine("using System;");
        text.AppendLine("using MathNet.Numerics.LinearAlgebra;");
        text.AppendLine("using NlpSymbolic;");
        text.AppendLine("using static NlpSymbolic.Functions;");
        text.AppendLine("using static Fuzz.Model;");
        text.AppendLine();
        text.AppendLine("namespace Fuzz;");
        text.AppendLine();
        text.AppendLine("public static partial class Model");
        text.AppendLine("{");
        indent = 1;

        Method("public static double F0(double x, Vector<double> h, Matrix<double> M)", main: false, vector: false, scalarCalls: false, vectorCalls: false, tree.ScalarHelper, tree.ScalarHelperResult);
        text.AppendLine();
        Method("public static Vector<double> G0(double x, Vector<double> h, Matrix<double> M)", main: false, vector: true, scalarCalls: true, vectorCalls: false, tree.VectorHelper, tree.VectorHelperResult);
        text.AppendLine();
        // Several outputs: a helper returning (s, v), which the other methods call and deconstruct.
        Method("public static (double s, Vector<double> v) T0(double x, Vector<double> h, Matrix<double> M)", main: false, vector: false, scalarCalls: true, vectorCalls: false, tree.VectorHelper, tree.VectorHelperResult, TupleHelper);
        text.AppendLine();
        var tuple = MainTuple(tree);
        var resultType = tuple is null ? tree.VectorResult ? "Vector<double>" : "double" : TupleType(tuple);
        Method(
            $"public static {resultType} {RenderedProgram.MainName}(double a, double b, Vector<double> u, Vector<double> v, Matrix<double> W, Matrix<double> K, Matrix<double> L, double[] xs, Vector<double>[] vs, int n, bool flag, int[] ids, int[] ys)",
            main: true, vector: tree.VectorResult, scalarCalls: true, vectorCalls: true, tree.Main, tree.MainResult, tuple);
        text.AppendLine("}");
        text.AppendLine();

        // The same body once more as an instance method of a model class whose fields are u, W and K: its
        // value and gradients must equal the static method's.
        text.AppendLine("public sealed partial class Net");
        text.AppendLine("{");
        text.AppendLine("    public Matrix<double> W = null!, K = null!;");
        text.AppendLine("    public Vector<double> u = null!;");
        text.AppendLine();
        Method(
            $"public {resultType} {RenderedProgram.ModelMethodName}(double a, double b, Vector<double> v, Matrix<double> L, double[] xs, Vector<double>[] vs, int n, bool flag, int[] ids, int[] ys)",
            main: true, vector: tree.VectorResult, scalarCalls: true, vectorCalls: true, tree.Main, tree.MainResult, tuple);
        text.AppendLine("}");
        text.AppendLine();
        text.Append(OpaqueFunctions);
        return text.ToString();
    }

    private static readonly Kind[] TupleHelper = [Kind.Scalar, Kind.Vector];

    /// <summary>
    /// Now and then (decided by the tree, so shrinking keeps it) the main method returns a tuple: (loss, state) as a
    /// truncated-BPTT chunk does, or three unnamed outputs of every kind.
    /// </summary>
    private static Kind[]? MainTuple(ProgramTree tree) => tree.VectorResult ? null : (tree.MainResult.Pick % 6) switch
    {
        1 => [Kind.Scalar, Kind.Vector],
        4 => [Kind.Vector, Kind.Matrix, Kind.Scalar],
        _ => null,
    };

    private static string TupleType(Kind[] kinds) => kinds.Length == 2
        ? "(double loss, Vector<double> h)"
        : "(" + string.Join(", ", kinds.Select(k => k switch { Kind.Scalar => "double", Kind.Vector => "Vector<double>", _ => "Matrix<double>" })) + ")";

    /// <summary>A tuple literal of the given kinds, its components drawn from <paramref name="e"/> and its children.</summary>
    private string TupleLiteral(Kind[] kinds, Expr e) =>
        "(" + string.Join(", ", kinds.Select((k, i) => k switch
        {
            Kind.Scalar => Scalar(i == 0 ? e : e.Kid(i)),
            Kind.Vector => Vector(i == 0 ? e : e.Kid(i)),
            _ => Matrix(i == 0 ? e : e.Kid(i)),
        })) + ")";

    private void Method(string signature, bool main, bool vector, bool scalarCalls, bool vectorCalls, Stmt[] body, Expr result, Kind[]? tuple = null)
    {
        isMain = main;
        returnsVector = vector;
        returnsTuple = tuple;
        mayCallScalarHelper = scalarCalls;
        mayCallVectorHelper = vectorCalls;
        mayCallTupleHelper = main;
        frames.Clear();
        folds = 0;
        loopVariables.Clear();
        loopDepth = 0;
        frames.Add(main
            ? [("a", Kind.Scalar), ("b", Kind.Scalar), ("u", Kind.Vector), ("v", Kind.Vector), ("W", Kind.Matrix), ("K", Kind.Matrix)]
            : [("x", Kind.Scalar), ("h", Kind.Vector), ("M", Kind.Matrix)]);

        Line("[Differentiable]");
        Line(signature);
        Line("{");
        indent++;
        frames.Add(new());
        foreach (var statement in body)
        {
            Statement(statement);
        }

        Line("return " + (tuple is null ? Result(result, vector) : TupleResult(tuple, result)) + ";");
        indent--;
        Line("}");
    }

    private void Block(Stmt[] statements)
    {
        frames.Add(new());
        foreach (var statement in statements)
        {
            Statement(statement);
        }

        if (frames.Count > 2)
        {
            Fold();
        }

        frames.RemoveAt(frames.Count - 1);
    }

    /// <summary>
    /// Hands what a nested block computed to a variable of an enclosing block (bounded by tanh, so loops do
    /// not overflow): without it most random statements would be dead code with nothing to differentiate.
    /// </summary>
    private void Fold()
    {
        var locals = frames[^1];
        var outer = frames.Take(frames.Count - 1).SelectMany(f => f).ToList();
        var scalarTerms = locals.Where(l => l.Kind is Kind.Scalar or Kind.Matrix).Select(l => l.Kind == Kind.Scalar ? l.Name : $"{l.Name}.FrobeniusNorm()")
            .Concat(locals.Where(l => l.Kind == Kind.Vector).Select(l => $"{l.Name}.Sum()"))
            .Concat(locals.Where(l => l.Kind is Kind.VectorArray or Kind.ScalarArray).Select(ArraySummary)).ToList();
        if (scalarTerms.Count > 0)
        {
            var targets = outer.Where(o => o.Kind == Kind.Scalar && !IsField(o.Name)).ToList();
            var target = targets[folds++ % targets.Count].Name;
            Line($"{target} += Math.Tanh({string.Join(" + ", scalarTerms)});");
        }

        var vectors = locals.Where(l => l.Kind == Kind.Vector).Select(l => l.Name).ToList();
        if (vectors.Count > 0)
        {
            var targets = outer.Where(o => o.Kind == Kind.Vector && !IsField(o.Name)).ToList();
            var target = targets[folds++ % targets.Count].Name;
            Line($"{target} += Tanh({string.Join(" + ", vectors)});");
        }
    }

    /// <summary>The result: the tree's result expression plus everything the method body computed at its top level.</summary>
    private string Result(Expr result, bool vector)
    {
        var top = frames[^1];
        var scalars = top.Where(l => l.Kind == Kind.Scalar).Select(l => l.Name)
            .Concat(top.Where(l => l.Kind == Kind.Matrix).Select(l => $"{l.Name}.FrobeniusNorm()"))
            .Concat(top.Where(l => l.Kind == Kind.Vector).Select(l => $"{l.Name}.Sum()"))
            .Concat(top.Where(l => l.Kind is Kind.VectorArray or Kind.ScalarArray).Select(ArraySummary)).ToList();
        var sum = scalars.Count == 0 ? null : string.Join(" + ", scalars);
        if (vector)
        {
            var vectors = top.Where(l => l.Kind == Kind.Vector).Select(l => l.Name).ToList();
            var v = Vector(result) + string.Concat(vectors.Select(p => " + " + p));
            return sum is null ? v : $"{v} + Math.Tanh({sum}) * {frames[0].First(f => f.Kind == Kind.Vector).Name}";
        }

        return sum is null ? Scalar(result) : $"{Scalar(result)} + {sum}";
    }

    /// <summary>What a built array adds to a sum: every element of a vector array, two elements of a double array.</summary>
    private static string ArraySummary((string Name, Kind Kind) array) =>
        array.Kind == Kind.VectorArray ? $"Concat({array.Name}).Sum()" : $"({array.Name}[0] + {array.Name}[3])";

    /// <summary>A tuple result whose scalar and vector components fold in everything the top level computed, like <see cref="Result"/>.</summary>
    private string TupleResult(Kind[] kinds, Expr result) =>
        "(" + string.Join(", ", kinds.Select((k, i) => k switch
        {
            Kind.Scalar => Result(result.Kid(i), vector: false),
            Kind.Vector => Result(result.Kid(i), vector: true),
            _ => Matrix(result.Kid(i)),
        })) + ")";

    /// <summary>
    /// A call of the tuple helper T0, deconstructed into new locals or existing ones (carried by loops), with a
    /// discard, or kept in a local whose components are read by name and by ItemN.
    /// </summary>
    private void TupleCall(Stmt s)
    {
        var call = $"T0({Scalar(s.Expr(0))}, {Vector(s.Expr(1))}, {Matrix(s.Expr(2))})";
        var scalarTarget = Target(Kind.Scalar, s.Pick);
        var vectorTarget = Target(Kind.Vector, s.Pick / 3);
        switch (s.Pick / 7 % 5)
        {
            case 1 when scalarTarget is not null && vectorTarget is not null:
                Line($"({scalarTarget}, {vectorTarget}) = {call};");
                break;
            case 2:
            {
                var p = Fresh("p");
                Line($"var (_, {p}) = {call};");
                frames[^1].Add((p, Kind.Vector));
                break;
            }

            case 3:
            {
                var t = Fresh("s");
                Line($"var ({t}, _) = {call};");
                frames[^1].Add((t, Kind.Scalar));
                break;
            }

            case 4:
            {
                var r = Fresh("r");
                Line($"var {r} = {call};");
                Declare(Kind.Vector, $"{r}.Item1 * {r}.v");
                Declare(Kind.Scalar, $"{r}.s + {r}.Item2.Sum()");
                break;
            }

            default:
            {
                var (t, p) = (Fresh("s"), Fresh("p"));
                Line($"var ({t}, {p}) = {call};");
                frames[^1].Add((t, Kind.Scalar));
                frames[^1].Add((p, Kind.Vector));
                break;
            }
        }
    }

    private void Statement(Stmt s)
    {
        switch (Choose(s.Op, 5, 4, 1, 5, 4, 1, 4, 3, 2, 1, 1, 1, 1, 1, 3, 2, 3, 1))
        {
            case 0:
                Declare(Kind.Scalar, Scalar(s.Expr(0)));
                break;
            case 1:
                Declare(Kind.Vector, Vector(s.Expr(0)));
                break;
            case 2:
                Declare(Kind.Matrix, Matrix(s.Expr(0)));
                break;
            case 3:
            {
                var target = Target(Kind.Scalar, s.Pick)!;
                switch (s.Pick / 7 % 7)
                {
                    case 0: Line($"{target} = {Scalar(s.Expr(0))};"); break;
                    case 1: Line($"{target} += {Scalar(s.Expr(0))};"); break;
                    case 2: Line($"{target} -= {Scalar(s.Expr(0))};"); break;
                    case 3: Line($"{target} *= Math.Cos({Scalar(s.Expr(0))});"); break;
                    case 4: Line($"{target} /= (2.0 + Math.Sin({Scalar(s.Expr(0))}));"); break;
                    case 5: Line($"{target}++;"); break;
                    default: Line($"{target}--;"); break;
                }

                break;
            }

            case 4:
            {
                var target = Target(Kind.Vector, s.Pick)!;
                switch (s.Pick / 7 % 4)
                {
                    case 0: Line($"{target} = {Vector(s.Expr(0))};"); break;
                    case 1: Line($"{target} += {Vector(s.Expr(0))};"); break;
                    case 2: Line($"{target} -= {Vector(s.Expr(0))};"); break;
                    default: Line($"{target} *= Math.Tanh({Scalar(s.Expr(0))});"); break;
                }

                break;
            }

            case 5:
            {
                if (Target(Kind.Matrix, s.Pick) is not { } target)
                {
                    Declare(Kind.Matrix, Matrix(s.Expr(0)));
                    break;
                }

                Line(s.Pick / 7 % 2 == 0 ? $"{target} = {Matrix(s.Expr(0))};" : $"{target} += {Matrix(s.Expr(0))};");
                break;
            }

            case 6:
                Line($"if ({Condition(s.Expr(0))})");
                Braced(s.Block(0));
                if (s.Blocks.Length > 1)
                {
                    Line("else");
                    Braced(s.Block(1));
                }

                break;
            case 7:
            {
                // Counted loops, reversed by counting back down: from 0 or 1, to a bound before the loop, a bound
                // one less, or (nested) the enclosing counter plus one, a bound the enclosing body computes.
                var i = Fresh("i");
                var start = s.Pick % 7 == 3 ? "1" : "0";
                var bound = s.Pick % 5 == 2 && loopVariables.Count > 0 ? $"{loopVariables[^1]} + 1"
                    : s.Pick % 13 == 6 ? $"{Bound(s.Pick)} - 1"
                    : Bound(s.Pick);
                Line($"for (var {i} = {start}; {i} < {bound}; {i}++)");
                Loop(i, s.Block(0));
                break;
            }

            case 8:
            {
                var k = Fresh("k");
                Line($"var {k} = 0;");
                // Now and then the loop also stops on a differentiable value (the condition carries no gradient).
                Line(s.Pick % 5 == 4 && s.Exprs.Length > 1
                    ? $"while ({k} < {Bound(s.Pick)} && {Scalar(s.Expr(1))} < 1.0)"
                    : $"while ({k} < {Bound(s.Pick)})");
                // The counter moves first, so that a `continue` in the body cannot loop forever.
                Loop(k, s.Block(0), $"{k}++;");
                break;
            }

            case 9:
            {
                var k = Fresh("k");
                Line($"var {k} = 0;");
                Line("do");
                Loop(k, s.Block(0), $"{k}++;");
                text.Length -= Environment.NewLine.Length;
                text.AppendLine($" while ({k} < {Bound(s.Pick)});");
                break;
            }

            case 10 when loopDepth > 0:
                Line($"if ({Condition(s.Expr(0))}) break;");
                break;
            case 11 when loopDepth > 0:
                Line($"if ({Condition(s.Expr(0))}) continue;");
                break;
            case 12 when returnsTuple is not null:
                Line($"if ({Condition(s.Expr(0))}) return {TupleLiteral(returnsTuple, s.Expr(1))};");
                break;
            case 12 when !returnsVector:
                Line($"if ({Condition(s.Expr(0))}) return {Scalar(s.Expr(1))};");
                break;
            case 13:
            {
                // A local declared without a value and assigned in both branches.
                var name = Fresh("s");
                Line($"double {name};");
                Line($"if ({Condition(s.Expr(0))})");
                Line("{");
                indent++;
                Block(s.Block(0));
                Line($"{name} = {Scalar(s.Expr(1))};");
                indent--;
                Line("}");
                Line("else");
                Line("{");
                indent++;
                Line($"{name} = {Scalar(s.Expr(2))};");
                indent--;
                Line("}");
                frames[^1].Add((name, Kind.Scalar));
                break;
            }

            case 14 when mayCallTupleHelper:
                TupleCall(s);
                break;

            case 15:
            {
                // An array of vectors built in the method, filled in a loop (or by an initializer) before any read.
                var name = Fresh("hs");
                if (s.Pick % 4 == 3)
                {
                    Line($"var {name} = new[] {{ {Vector(s.Expr(0))}, {Vector(s.Expr(1))}, {Vector(s.Expr(2))} }};");
                }
                else
                {
                    Line($"var {name} = new Vector<double>[3];");
                    var i = Fresh("i");
                    Line($"for (var {i} = 0; {i} < 3; {i}++)");
                    FillLoop(i, () => Line($"{name}[{i}] = {Vector(s.Expr(0))};"));
                }

                frames[^1].Add((name, Kind.VectorArray));
                break;
            }

            case 16:
            {
                // A write of an element of a built array: in loops and branches, the same element again and again.
                var arrays = frames.SelectMany(f => f).Where(v => v.Kind is Kind.VectorArray or Kind.ScalarArray).ToList();
                if (arrays.Count == 0)
                {
                    Declare(Kind.Scalar, Scalar(s.Expr(0)));
                    break;
                }

                var (array, kind) = arrays[s.Pick % arrays.Count];
                if (kind == Kind.VectorArray)
                {
                    var element = $"{array}[{Index(s.Pick / 7, 3)}]";
                    Line(s.Pick / 3 % 2 == 0 ? $"{element} = {Vector(s.Expr(0))};" : $"{element} += {Vector(s.Expr(0))};");
                }
                else
                {
                    var element = $"{array}[{Index(s.Pick / 7, 4)}]";
                    Line((s.Pick / 3 % 3) switch
                    {
                        0 => $"{element} = {Scalar(s.Expr(0))};",
                        1 => $"{element} += {Scalar(s.Expr(0))};",
                        _ => $"{element}++;",
                    });
                }

                break;
            }

            case 17:
            {
                // A double[] built in the method; now and then its last element stays 0 (never written, still readable).
                var name = Fresh("cs");
                var i = Fresh("i");
                Line($"var {name} = new double[4];");
                Line($"for (var {i} = 0; {i} < {(s.Pick % 3 == 0 ? 3 : 4)}; {i}++)");
                FillLoop(i, () => Line($"{name}[{i}] = {Scalar(s.Expr(0))};"));
                frames[^1].Add((name, Kind.ScalarArray));
                break;
            }

            default:
                Declare(Kind.Scalar, Scalar(s.Expr(0)));
                break;
        }
    }

    /// <summary>The loop that fills a built array: its counter is visible to the element's expression.</summary>
    private void FillLoop(string variable, Action body)
    {
        loopVariables.Add(variable);
        Line("{");
        indent++;
        body();
        indent--;
        Line("}");
        loopVariables.RemoveAt(loopVariables.Count - 1);
    }

    private void Braced(Stmt[] block)
    {
        Line("{");
        indent++;
        Block(block);
        indent--;
        Line("}");
    }

    private void Loop(string variable, Stmt[] body, string? first = null)
    {
        loopVariables.Add(variable);
        loopDepth++;
        Line("{");
        indent++;
        if (first is not null)
        {
            Line(first);
        }

        Block(body);
        indent--;
        Line("}");
        loopDepth--;
        loopVariables.RemoveAt(loopVariables.Count - 1);
    }

    private string Scalar(Expr e)
    {
        var kid = e.Kid;
        switch (Choose(e.Op, 8, 3, 4, 3, 4, 2, 1, 6, 2, 3, 4, 2, 2, 2, 2, 1, 1, 2, 2))
        {
            case 0: return Variable(Kind.Scalar, e.Pick);
            case 1: return Constants[e.Pick % Constants.Length];
            case 2: return $"({Scalar(kid(0))} + {Scalar(kid(1))})";
            case 3: return $"({Scalar(kid(0))} - {Scalar(kid(1))})";
            case 4: return $"({Scalar(kid(0))} * {Scalar(kid(1))})";
            case 5:
            {
                var divisor = Scalar(kid(1));
                return $"({Scalar(kid(0))} / (1.5 + {divisor} * {divisor}))";
            }

            case 6: return $"(-{Scalar(kid(0))})";
            case 7:
            {
                var x = Scalar(kid(0));
                return (e.Pick % 17) switch
                {
                    0 => $"Math.Tanh({x})",
                    1 => $"Math.Sin({x})",
                    2 => $"Math.Cos({x})",
                    3 => $"Math.Exp(Math.Sin({x}))",
                    4 => $"Math.Log(1.5 + Math.Sin({x}))",
                    5 => $"Math.Sqrt(1.0 + {x} * {x})",
                    6 => $"Math.Pow({x}, 2)",
                    7 => $"Math.Abs({x})",
                    8 => $"Sigmoid({x})",
                    9 => $"Tanh({x})",
                    10 => $"LogSigmoid({x})",
                    11 => $"Relu({x})",
                    12 => $"LeakyRelu({x}, 0.1)",
                    13 => $"HardTanh({x})",
                    14 => $"Math.Pow(1.5 + Math.Sin({x}), 1.5)",
                    15 => $"Softplus({x})",
                    _ => $"({x} * {x})",
                };
            }

            case 8:
                return (e.Pick % 3) switch
                {
                    0 => $"Math.Max({Scalar(kid(0))}, {Scalar(kid(1))})",
                    1 => $"Math.Min({Scalar(kid(0))}, {Scalar(kid(1))})",
                    _ => $"Math.Pow(1.5 + Math.Sin({Scalar(kid(0))}), {Scalar(kid(1))})",
                };
            case 9: return $"({Vector(kid(0))} * {Vector(kid(1))})";
            case 10:
            {
                var v = Vector(kid(0));
                return (e.Pick % 8) switch
                {
                    // 2 to 10 parts: the runtime has fixed-arity kernels up to eight and a span beyond.
                    7 => $"LogSumExp(Concat({string.Join(", ", Enumerable.Range(0, 2 + e.Pick / 8 % 9).Select(i => i == 0 ? v : Vector(kid(1 + i % 2))))}))",
                    0 => $"{v}.Sum()",
                    1 => $"{v}.L2Norm()",
                    2 => $"SquaredNorm({v})",
                    3 => $"LogSumExp({v})",
                    4 => $"CrossEntropy({v}, {Label(e.Pick / 7)})",
                    5 => $"{v}[{Index(e.Pick / 7, 3)}]",
                    _ => $"{v}.DotProduct({Vector(kid(1))})",
                };
            }

            case 11:
            {
                var m = Matrix(kid(0));
                return (e.Pick % 3) switch
                {
                    0 => $"{m}.FrobeniusNorm()",
                    1 => $"SquaredNorm({m})",
                    _ => $"{m}[{Index(e.Pick / 3, 3)}, {Index(e.Pick / 9, 3)}]",
                };
            }

            case 12 when isMain: return $"xs[{Index(e.Pick, 4)}]";
            case 13: return $"({Condition(kid(2))} ? {Scalar(kid(0))} : {Scalar(kid(1))})";
            case 14 when mayCallScalarHelper: return $"F0({Scalar(kid(0))}, {Vector(kid(1))}, {Matrix(kid(2))})";
            case 15 when loopVariables.Count > 0:
                return $"({Scalar(kid(0))} * {loopVariables[e.Pick % loopVariables.Count]})";
            // ys holds one class (a row index below 3) per column of a 3 × 3 matrix.
            case 16 when isMain: return e.Pick % 2 == 0 ? $"CrossEntropy({Matrix(kid(0))}, ys)" : $"MeanCrossEntropy({Matrix(kid(0))}, ys)";
            case 17:
            {
                var scalarArrays = Visible(Kind.ScalarArray);
                return (e.Pick % 4) switch
                {
                    0 => $"{Vector(kid(0))}.Maximum()",
                    1 => $"{Vector(kid(0))}.Minimum()",
                    2 when scalarArrays.Count > 0 => $"{scalarArrays[e.Pick / 4 % scalarArrays.Count]}[{Index(e.Pick / 8, 4)}]",
                    _ => $"({Vector(kid(0))}[{Vector(kid(1))}.MaximumIndex()] * Matrix<double>.Build.Dense(3, 3, {Scalar(kid(2))}).FrobeniusNorm())",
                };
            }

            case 18: return $"Opaque.Soft({Scalar(kid(0))})";
            default: return Variable(Kind.Scalar, e.Pick);
        }
    }

    private string Vector(Expr e)
    {
        var kid = e.Kid;
        switch (Choose(e.Op, 8, 4, 2, 3, 1, 1, 1, 5, 5, 2, 2, 2, 2, 1, 2, 1, 1, 2, 4, 2))
        {
            // A built array's element is read as often as a variable (the attention pattern: states read back).
            case 0 when e.Pick % 4 == 3 && Visible(Kind.VectorArray) is { Count: > 0 } built:
                return $"{built[e.Pick / 4 % built.Count]}[{Index(e.Pick / 8, 3)}]";
            case 0: return Variable(Kind.Vector, e.Pick);
            case 1: return $"({Vector(kid(0))} + {Vector(kid(1))})";
            case 2: return $"({Vector(kid(0))} - {Vector(kid(1))})";
            case 3: return $"({Scalar(kid(1))} * {Vector(kid(0))})";
            case 4: return $"({Vector(kid(0))} * {Scalar(kid(1))})";
            case 5: return $"({Vector(kid(0))} / (2.0 + Math.Sin({Scalar(kid(1))})))";
            case 6: return $"(-{Vector(kid(0))})";
            case 7: return $"({Matrix(kid(1))} * {Vector(kid(0))})";
            case 8:
            {
                var v = Vector(kid(0));
                return (e.Pick % 11) switch
                {
                    0 => $"Tanh({v})",
                    1 => $"Sigmoid({v})",
                    2 => $"Relu({v})",
                    3 => $"LeakyRelu({v}, 0.1)",
                    4 => $"HardTanh({v})",
                    5 => $"Softmax({v})",
                    6 => $"LogSoftmax({v})",
                    7 => $"{v}.PointwiseTanh()",
                    8 => $"Tanh({v}).PointwiseExp()",
                    9 => $"Softplus({v})",
                    _ => $"(Sigmoid({v}) + 0.5).PointwiseLog()",
                };
            }

            case 9:
                return e.Pick % 2 == 0
                    ? $"{Vector(kid(0))}.PointwiseMultiply({Vector(kid(1))})"
                    : $"{Vector(kid(0))}.PointwiseDivide(Sigmoid({Vector(kid(1))}) + 0.5)";
            case 10:
                return (e.Pick % 4) switch
                {
                    0 => $"({Vector(kid(0))} + {Scalar(kid(1))})",
                    1 => $"({Scalar(kid(1))} + {Vector(kid(0))})",
                    2 => $"({Vector(kid(0))} - {Scalar(kid(1))})",
                    _ => $"({Scalar(kid(1))} - {Vector(kid(0))})",
                };
            case 11:
                return (e.Pick % 3) switch
                {
                    0 => $"{Matrix(kid(0))}.Row({Index(e.Pick / 3, 3)})",
                    1 => $"{Matrix(kid(0))}.Column({Index(e.Pick / 3, 3)})",
                    _ => isMain ? $"L.Column({(e.Pick / 3 % 2 == 0 ? Label(e.Pick / 6) : Index(e.Pick / 6, 5))})" : $"{Matrix(kid(0))}.Column(0)",
                };
            case 12 when isMain: return $"vs[{Index(e.Pick, 3)}]";
            case 13: return $"({Condition(kid(2))} ? {Vector(kid(0))} : {Vector(kid(1))})";
            case 14 when mayCallVectorHelper: return $"G0({Scalar(kid(0))}, {Vector(kid(1))}, {Matrix(kid(2))})";
            case 15: return $"({Scalar(kid(1))} / (Sigmoid({Vector(kid(0))}) + 2.0))";
            case 16: return $"({Matrix(kid(1))}.Transpose() * {Vector(kid(0))})";
            case 17: return e.Pick % 2 == 0 ? $"{Matrix(kid(0))}.RowSums()" : $"{Matrix(kid(0))}.ColumnSums()";
            case 18:
            {
                // Values built in the method, and the reads of built arrays.
                var arrays = Visible(Kind.VectorArray);
                var array = arrays.Count > 0 ? arrays[e.Pick / 9 % arrays.Count] : null;
                return (e.Pick % 9) switch
                {
                    0 => $"Vector<double>.Build.Dense(3, {Scalar(kid(1))})",
                    1 => $"({Scalar(kid(1))} * OneHot(3, {Label(e.Pick / 9)}))",
                    2 => $"Concat({Vector(kid(0))}, {Vector(kid(1))}).SubVector({Index(e.Pick / 9, 4)}, 3)",
                    3 => $"({Vector(kid(0))} * {Matrix(kid(1))})",
                    4 => $"{Matrix(kid(1))}.LeftMultiply({Vector(kid(0))})",
                    5 when array is not null => $"{array}[{Index(e.Pick / 27, 3)}]",
                    6 when array is not null => $"Concat({array}).SubVector({Index(e.Pick / 27, 7)}, 3)",
                    7 when array is not null => $"(Matrix<double>.Build.DenseOfColumnVectors({array}) * {Vector(kid(0))})",
                    _ => $"(Vector<double>.Build.Dense(3) + {Vector(kid(0))})",
                };
            }

            case 19: return $"Opaque.Wave({Vector(kid(0))}, {Scalar(kid(1))})";
            default: return Variable(Kind.Vector, e.Pick);
        }
    }

    private string Matrix(Expr e)
    {
        var kid = e.Kid;
        var arrays = Visible(Kind.VectorArray);
        return Choose(e.Op, 6, 2, 1, 2, 1, 1, 2, 2, 2, 1, 3, 2, 2, 2) switch
        {
            0 => Variable(Kind.Matrix, e.Pick),
            1 => $"({Matrix(kid(0))} + {Matrix(kid(1))})",
            2 => $"({Matrix(kid(0))} - {Matrix(kid(1))})",
            3 => $"({Scalar(kid(1))} * {Matrix(kid(0))})",
            4 => $"({Matrix(kid(0))} * {Scalar(kid(1))})",
            5 => $"(-{Matrix(kid(0))})",
            6 => $"({Matrix(kid(0))} * {Matrix(kid(1))})",
            7 => $"{Matrix(kid(0))}.Transpose()",
            8 => $"{Vector(kid(0))}.OuterProduct({Vector(kid(1))})",
            9 => $"{Matrix(kid(0))}.PointwiseMultiply({Matrix(kid(1))})",
            10 => Minibatch(e),
            11 => ScalarAndMatrix(e),
            12 => $"AddColumnwise({Matrix(kid(0))}, {Vector(kid(1))})",
            13 => (e.Pick % 5) switch
            {
                0 => $"Matrix<double>.Build.DenseOfColumnVectors({Vector(kid(0))}, {Vector(kid(1))}, {Vector(kid(2))})",
                1 => $"Matrix<double>.Build.DenseOfRowVectors({Vector(kid(0))}, {Vector(kid(1))}, {Vector(kid(2))})",
                2 => $"Matrix<double>.Build.Dense(3, 3, {Scalar(kid(1))})",
                3 when arrays.Count > 0 => $"Matrix<double>.Build.DenseOfColumnVectors({arrays[e.Pick / 5 % arrays.Count]})",
                4 when arrays.Count > 0 && e.Pick / 5 % 2 == 0 => $"Matrix<double>.Build.DenseOfRowVectors({arrays[e.Pick / 10 % arrays.Count]})",
                _ => $"(Matrix<double>.Build.Dense(3, 3) + {Matrix(kid(0))})",
            },
            _ => Variable(Kind.Matrix, e.Pick),
        };
    }

    /// <summary>Element-wise and column-wise functions of a matrix (a minibatch, one example per column).</summary>
    private string Minibatch(Expr e)
    {
        var m = Matrix(e.Kid(0));
        return (e.Pick % 12) switch
        {
            0 => $"Tanh({m})",
            1 => $"Sigmoid({m})",
            2 => $"Relu({m})",
            3 => $"LeakyRelu({m}, 0.1)",
            4 => $"HardTanh({m})",
            5 => $"{m}.PointwiseTanh()",
            6 => $"Tanh({m}).PointwiseExp()",
            7 => $"(Sigmoid({m}) + 0.5).PointwiseLog()",
            8 => $"Softmax({m})",
            9 => $"LogSoftmax({m})",
            10 => $"{m}.PointwiseDivide(Sigmoid({Matrix(e.Kid(1))}) + 0.5)",
            _ => $"LeakyRelu({m})",
        };
    }

    /// <summary>A scalar and a matrix: + and − either way round, and division (kept away from 0).</summary>
    private string ScalarAndMatrix(Expr e)
    {
        var m = Matrix(e.Kid(0));
        var s = Scalar(e.Kid(1));
        return (e.Pick % 6) switch
        {
            0 => $"({m} + {s})",
            1 => $"({s} + {m})",
            2 => $"({m} - {s})",
            3 => $"({s} - {m})",
            4 => $"({m} / (2.0 + Math.Sin({s})))",
            _ => $"({s} / (Sigmoid({m}) + 2.0))",
        };
    }

    /// <summary>Conditions read ints and bools, and now and then a differentiable value (the checker steps around the jump).</summary>
    private string Condition(Expr e)
    {
        var kid = e.Kid;
        var c = e.Pick % 4;
        switch (Choose(e.Op, 3, 3, 2, 2, 2, 1, 1, 1))
        {
            case 0 when isMain: return e.Pick % 2 == 0 ? "flag" : "!flag";
            case 1 when loopVariables.Count > 0:
            {
                var i = loopVariables[e.Pick % loopVariables.Count];
                return (e.Pick / 5 % 3) switch
                {
                    0 => $"{i} % 2 == 0",
                    1 => $"{i} == {c}",
                    _ => $"{i} > {c}",
                };
            }

            case 2 when isMain: return e.Pick % 2 == 0 ? $"n > {c}" : $"ids[{Index(e.Pick / 2, 4)}] == {c % 3}";
            case 3: return $"{Condition(kid(0))} && {Condition(kid(1))}";
            case 4: return $"({Condition(kid(0))} || {Condition(kid(1))})";
            case 5: return $"!({Condition(kid(0))})";
            case 6: return $"{Scalar(kid(0))} > {Constants[e.Pick % Constants.Length]}";
            case 7 when isMain: return $"xs.Length > {c + 2}";
            default: return isMain ? "flag" : $"{Scalar(kid(0))} < 0.5";
        }
    }

    /// <summary>A loop bound: a constant, an int parameter or a length.</summary>
    private string Bound(int pick)
    {
        var constant = (pick % 4).ToString(CultureInfo.InvariantCulture);
        if (!isMain)
        {
            return (pick / 4 % 3) switch { 0 => constant, 1 => "h.Count", _ => "M.RowCount" };
        }

        return (pick / 4 % 6) switch
        {
            0 => constant,
            1 => "n",
            2 => "xs.Length",
            3 => "ids.Length",
            4 => "vs.Length",
            _ => "u.Count",
        };
    }

    /// <summary>An index below <paramref name="modulus"/>: a constant or an enclosing loop's counter modulo it.</summary>
    private string Index(int pick, int modulus)
    {
        if (loopVariables.Count > 0 && pick % 3 != 0)
        {
            return $"{loopVariables[pick / 3 % loopVariables.Count]} % {modulus}";
        }

        return (pick / 3 % modulus).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A class label below 3 (vectors have 3 elements): a token id in the main method.</summary>
    private string Label(int pick) => isMain && pick % 2 == 0 ? $"ids[{Index(pick / 2, 4)}]" : (pick % 3).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// The main method's u, W and K are never assigned: the same body is also rendered as an instance method of a
    /// model class whose fields they are (and fields are read-only there, NLPSYM112).
    /// </summary>
    private bool IsField(string name) => isMain && name is "u" or "W" or "K";

    /// <summary>An assignable variable of <paramref name="kind"/>, or null when there is none.</summary>
    private string? Target(Kind kind, int pick)
    {
        var visible = frames.SelectMany(f => f).Where(v => v.Kind == kind && !IsField(v.Name)).Select(v => v.Name).ToList();
        return visible.Count == 0 ? null : visible[pick % visible.Count];
    }

    private List<string> Visible(Kind kind) => frames.SelectMany(f => f).Where(v => v.Kind == kind).Select(v => v.Name).ToList();

    private string Variable(Kind kind, int pick)
    {
        var visible = frames.SelectMany(f => f).Where(v => v.Kind == kind).Select(v => v.Name).ToList();
        return visible[pick % visible.Count];
    }

    private void Declare(Kind kind, string value)
    {
        var name = Fresh(kind switch { Kind.Scalar => "s", Kind.Vector => "p", _ => "P" });
        Line($"var {name} = {value};");
        frames[^1].Add((name, kind));
    }

    private string Fresh(string prefix) => prefix + (fresh++).ToString(CultureInfo.InvariantCulture);

    private void Line(string line) => text.Append(' ', indent * 4).AppendLine(line);

    /// <summary>Picks a production by weight; small choices pick the first (simplest) productions, so shrinking simplifies.</summary>
    /// <summary>
    /// Functions the generator cannot see into, with their true derivatives declared by [DerivativeOf] (one beside
    /// the function, one in another type), so that the oracle's central differences check the calls to them.
    /// </summary>
    private const string OpaqueFunctions = """
        public static class Opaque
        {
            /// <summary>softplus, written stably: log(1 + exp x).</summary>
            public static double Soft(double x) => Math.Max(x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x)));

            [DerivativeOf(nameof(Soft))]
            public static void SoftPullback(double x, double dy, ref double dx) => dx += dy / (1 + Math.Exp(-x));

            /// <summary>sin(s·vᵢ) element by element.</summary>
            public static Vector<double> Wave(Vector<double> v, double s) => Vector<double>.Build.Dense(v.Count, i => Math.Sin(s * v[i]));
        }

        public static class OpaqueRules
        {
            [DerivativeOf(typeof(Opaque), nameof(Opaque.Wave))]
            public static void WavePullback(Vector<double> v, double s, Vector<double> dy, Vector<double> dv, ref double ds)
            {
                for (var i = 0; i < v.Count; i++)
                {
                    var c = Math.Cos(s * v[i]);
                    dv[i] += dy[i] * s * c;
                    ds += dy[i] * v[i] * c;
                }
            }
        }

        """;

    private static int Choose(int choice, params int[] weights)
    {
        var r = choice % weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            if (r < weights[i])
            {
                return i;
            }

            r -= weights[i];
        }

        return 0;
    }
}
