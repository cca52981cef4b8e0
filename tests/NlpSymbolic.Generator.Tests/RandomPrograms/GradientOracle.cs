using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using Xunit.Sdk;

namespace NlpSymbolic.Generator.Tests.RandomPrograms;

/// <summary>How one program fared.</summary>
public enum Verdict
{
    /// <summary>Value, gradients, accumulation and untouched inputs all checked.</summary>
    Checked,

    /// <summary>No input draw was away from kinks and overflow: nothing could be checked.</summary>
    Discarded,
}

/// <summary>
/// The oracle: on random inputs, the generated <c>RunBackward</c> must return <c>Run</c>'s value, ADD
/// dResult times the gradient (central differences of ⟨dResult, Run(…)⟩) into buffers that already hold
/// values, leave every input and dResult untouched, and give the same again on a second call. Inputs near a
/// kink or a jump (where two step sizes disagree) or with overflowing values are drawn again. A tuple result gets
/// a random seed per component, one of them (now and then) null for a vector or matrix or 0 for a scalar: no
/// gradient from that output; the objective is then Σₖ ⟨dResult.k, Run(…).k⟩ over the seeded components.
/// </summary>
public static class GradientOracle
{
    private const double Tolerance = 1e-5;

    public static Verdict Check(CompiledProgram program, int seed)
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var random = new Random(seed * 31 + attempt);
            var inputs = RandomInputs(random);
            if (CheckOn(program, inputs, random))
            {
                return Verdict.Checked;
            }
        }

        return Verdict.Discarded;
    }

    /// <summary>a, b, u, v, W, K, L, xs, vs, n, flag, ids, ys — the main method's parameters.</summary>
    private static object[] RandomInputs(Random random)
    {
        double Next() => 2 * random.NextDouble() - 1;
        Vector<double> Vec(int n) => Vector<double>.Build.Dense(n, _ => Next());
        Matrix<double> Mat(int r, int c, double scale) => Matrix<double>.Build.Dense(r, c, (_, _) => scale * Next());
        return
        [
            Next(), Next(), Vec(3), Vec(3), Mat(3, 3, 0.6), Mat(3, 3, 0.6), Mat(3, 5, 1.0),
            Enumerable.Range(0, 4).Select(_ => Next()).ToArray(),
            Enumerable.Range(0, 3).Select(_ => Vec(3)).ToArray(),
            2 + random.Next(2), random.Next(2) == 0, Enumerable.Range(0, 4).Select(_ => random.Next(3)).ToArray(),
            Enumerable.Range(0, 3).Select(_ => random.Next(3)).ToArray(),
        ];
    }

    private static bool CheckOn(CompiledProgram program, object[] inputs, Random random)
    {
        var value = Invoke(program.Forward, inputs);
        if (!Finite(value))
        {
            return false;
        }

        var dResult = Seed(value, random);
        var dResultCopy = Copy(dResult);
        double Objective(object[] x) => Inner(Invoke(program.Forward, x), dResult);

        var elements = Elements(inputs).ToList();
        var numeric = new double[elements.Count];
        var centrals = new Func<double, double>[elements.Count];
        for (var k = 0; k < elements.Count; k++)
        {
            var (get, set, _) = elements[k];
            var x0 = get();
            double Central(double h)
            {
                set(x0 + h);
                var plus = Objective(inputs);
                set(x0 - h);
                var minus = Objective(inputs);
                set(x0);
                return (plus - minus) / (2 * h);
            }

            var coarse = Central(1e-5);
            var fine = Central(2.5e-6);
            if (!double.IsFinite(coarse) || !double.IsFinite(fine) || Math.Abs(coarse - fine) > 1e-6 * Math.Max(1, Math.Abs(fine)))
            {
                return false;   // a kink, a jump of a condition or overflow within the step: draw other inputs
            }

            numeric[k] = fine;
            centrals[k] = Central;
        }

        var originals = inputs.Select(Copy).ToArray();
        var start = new Random(7);
        var gradients = Gradients(inputs, start);
        var startCopies = gradients.Select(Copy).ToArray();
        var returned = InvokeBackward(program.Backward, inputs, dResult, gradients);
        AssertClose(value, returned, 1e-9, "the value RunBackward returned vs Run");
        for (var i = 0; i < inputs.Length; i++)
        {
            if (!Same(originals[i], inputs[i]))
            {
                throw new XunitException($"RunBackward modified input #{i}.");
            }
        }

        if (!Same(dResultCopy, dResult))
        {
            throw new XunitException("RunBackward modified dResult.");
        }

        var analytic = Elements(gradients).Select(e => e.Get()).ToArray();
        var before = Elements(startCopies).Select(e => e.Get()).ToArray();
        var unsettled = false;
        for (var k = 0; k < elements.Count; k++)
        {
            var added = analytic[k] - before[k];
            if (Math.Abs(added - numeric[k]) > Tolerance * Math.Max(1, Math.Abs(numeric[k])))
            {
                if (!Judgeable(added, Math.Abs(Objective(inputs))) || !Settled(centrals[k], numeric[k], Math.Abs(Objective(inputs))))
                {
                    unsettled = true;   // the differences cannot judge this element here; another wrong one still fails
                    continue;
                }

                throw new XunitException(
                    $"gradient of {elements[k].Name}: RunBackward added {added:R}, central differences give {numeric[k]:R}.");
            }
        }

        if (unsettled)
        {
            return false;   // draw other inputs
        }

        // A second call adds the same again: nothing of the first call's workspace leaks into the second. It runs
        // as a training loop runs it, inside a frame that lets the matrix gradients' rank-one updates wait
        // (ParameterSet.DeferGradientUpdates), so the queued path is checked on every program too. What the second
        // call adds is held to the same central differences as the first call's: a leak adds or drops a whole term,
        // while the deferred path's different summation order legitimately differs in the last bits, which a
        // cancelling program (u - u scaled by a huge value) magnifies past any fixed absolute bound.
        var second = InvokeBackwardDeferringMatrixGradients(program.Backward, inputs, dResult, gradients);
        AssertClose(value, second, 1e-9, "the value of a second RunBackward call");
        var twice = Elements(gradients).Select(e => e.Get()).ToArray();
        for (var k = 0; k < elements.Count; k++)
        {
            var addedAgain = twice[k] - analytic[k];
            if (Math.Abs(addedAgain - numeric[k]) > Tolerance * Math.Max(1, Math.Abs(numeric[k])))
            {
                throw new XunitException(
                    $"gradient of {elements[k].Name}: a second RunBackward call added {addedAgain:R}, the first {analytic[k] - before[k]:R}, central differences give {numeric[k]:R}.");
            }
        }

        CheckUnwantedGradients(program, inputs, dResult, value, startCopies, analytic, before, random);
        CheckModelClass(program, inputs, dResult, value);
        return true;
    }

    /// <summary>
    /// Whether central differences could see the gradient at all: one that says a step of 1e-8 would move the objective
    /// by more than the objective's own size (at least 1) describes a function that varies below every step the
    /// differences can take. The case that met it: loops of <c>a -= a * a</c> grow <c>a</c> without bound before a
    /// <c>sin(a²)</c>; the generated gradient of the input was −8.7e42 while every difference quotient saw a function
    /// flat at −2.9e−59. (Its smaller form, checked by exact forward-mode arithmetic, is the case described at
    /// <see cref="Settled"/>: there the generated gradient is the exact one.)
    /// </summary>
    private static bool Judgeable(double gradient, double objectiveMagnitude) =>
        double.IsFinite(gradient) && Math.Abs(gradient) * 1e-8 <= Math.Max(1, objectiveMagnitude);

    /// <summary>
    /// Whether central differences have settled at <paramref name="fine"/> (the 2.5e-6 step): steps down to 1e-8 give
    /// the same within a quarter of the tolerance, plus their rounding error. Asked only where the gradient and the
    /// differences disagree. A function that oscillates faster than both checking steps — <c>sin(a²)</c> after a loop
    /// has grown <c>a</c> to −1,510, a period of 1.5e-7 in the input — averages the oscillation away at 1e-5 and at
    /// 2.5e-6 alike, so the two agree with each other and not with the derivative (−0.0027616 against the exact
    /// −0.0028077, which steps of 1e-9 and 1e-10 reach); smaller steps show that the quotient has not settled. A
    /// wrong gradient on a smooth function still fails: there every step gives the same quotient.
    /// </summary>
    private static bool Settled(Func<double, double> central, double fine, double objectiveMagnitude)
    {
        foreach (var h in new[] { 6.25e-7, 1e-7, 1e-8 })
        {
            var quotient = central(h);
            var rounding = 1e-15 * Math.Max(1, objectiveMagnitude) / h;
            if (!double.IsFinite(quotient) || Math.Abs(quotient - fine) > Tolerance / 4 * Math.Max(1, Math.Abs(fine)) + rounding)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A null gradient argument means "not wanted": with a random subset of the gradient buffers null (and then
    /// the complement, so every buffer is left out once), the buffers that are passed get what the full call added,
    /// and the value is the same. Pruning that skips work another gradient needs shows here as a wrong gradient.
    /// </summary>
    private static void CheckUnwantedGradients(
        CompiledProgram program, object[] inputs, object dResult, object value, object[] startCopies, double[] analytic, double[] before, Random random)
    {
        var buffers = Enumerable.Range(0, startCopies.Length).Where(k => startCopies[k] is not double).ToList();
        if (buffers.Count == 0)
        {
            return;
        }

        var left = buffers.Where(_ => random.Next(2) == 0).ToHashSet();
        foreach (var unwanted in new[] { left, buffers.Except(left).ToHashSet() })
        {
            var gradients = startCopies.Select((g, k) => unwanted.Contains(k) ? null : Copy(g)).ToArray();
            var returned = InvokeBackward(program.Backward, inputs, dResult, gradients!);
            AssertClose(value, returned, 1e-9, "the value RunBackward returned with some gradients null");
            var k = 0;
            var position = 0;
            foreach (var gradient in startCopies)
            {
                var count = Elements([gradient]).Count();
                if (!unwanted.Contains(k))
                {
                    var got = Elements([gradients[k]!]).Select(e => e.Get()).ToArray();
                    for (var j = 0; j < count; j++)
                    {
                        var full = analytic[position + j] - before[position + j];
                        var added = got[j] - before[position + j];
                        if (Math.Abs(added - full) > 1e-9 * Math.Max(1, Math.Abs(full)))
                        {
                            var nulls = string.Join(", ", unwanted.Select(u => Names[u]));
                            throw new XunitException(
                                $"gradient of {Names[k]}[{j}] with {nulls} null: RunBackward added {added:R}, with every gradient wanted {full:R}.");
                        }
                    }
                }

                position += count;
                k++;
            }
        }
    }

    /// <summary>
    /// The same body as an instance method of a model class whose fields are u, W and K: the value, and the
    /// gradients (fields' in the generated Gradients, the rest in arguments), equal the static method's.
    /// </summary>
    private static void CheckModelClass(CompiledProgram program, object[] inputs, object dResult, object value)
    {
        var expected = Gradients(inputs, new Random(0)).Select(Zeroed).ToArray();
        InvokeBackward(program.Backward, inputs, dResult, expected);

        object Instance()
        {
            var net = Activator.CreateInstance(program.Model)!;
            program.Model.GetField("u")!.SetValue(net, Copy(inputs[2]));
            program.Model.GetField("W")!.SetValue(net, Copy(inputs[4]));
            program.Model.GetField("K")!.SetValue(net, Copy(inputs[5]));
            return net;
        }

        var model = Instance();
        object[] own = [inputs[0], inputs[1], inputs[3], inputs[6], inputs[7], inputs[8], inputs[9], inputs[10], inputs[11], inputs[12]];
        AssertClose(value, InvokeOn(program.ModelForward, model, own.Select(Copy).ToArray()), 1e-9, "Net.RunModel vs Run");

        var gradients = Activator.CreateInstance(program.Gradients, model)!;
        object[] ownGradients = [0.0, 0.0, Zeroed(inputs[3]), Zeroed(inputs[6]), Zeroed(inputs[7]), Zeroed(inputs[8])];
        var arguments = own.Concat(new[] { dResult, gradients }).Concat(ownGradients).ToArray();
        AssertClose(value, InvokeOn(program.ModelBackward, model, arguments), 1e-9, "Net.RunModelBackward's value vs Run");
        object Field(string name) => program.Gradients.GetField(name)!.GetValue(gradients)!;
        var offset = own.Length + 2;
        object[] actual = [arguments[offset], arguments[offset + 1], Field("u"), arguments[offset + 2], Field("W"), Field("K"), arguments[offset + 3], arguments[offset + 4], arguments[offset + 5]];
        var e = Elements(expected).ToList();
        var a = Elements(actual).ToList();
        for (var k = 0; k < e.Count; k++)
        {
            if (Math.Abs(e[k].Get() - a[k].Get()) > 1e-9 * Math.Max(1, Math.Abs(e[k].Get())))
            {
                throw new XunitException($"gradient of {e[k].Name}: Net.RunModelBackward gives {a[k].Get():R}, RunBackward {e[k].Get():R}.");
            }
        }
    }

    /// <summary>A random seed shaped like the result; for a tuple, one per component, one of them (or none) null or 0.</summary>
    private static object Seed(object value, Random random)
    {
        object Like(object component) => component switch
        {
            Vector<double> v => Vector<double>.Build.Dense(v.Count, _ => 0.5 + random.NextDouble()),
            Matrix<double> m => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, _) => 0.5 + random.NextDouble()),
            _ => 0.5 + random.NextDouble(),
        };

        if (value is not ITuple tuple)
        {
            return Like(value);
        }

        var drop = random.Next(tuple.Length + 1) - 1;
        var seeds = Enumerable.Range(0, tuple.Length).Select(i => i != drop ? Like(tuple[i]!) : tuple[i] is double ? 0.0 : null).ToArray();
        return Activator.CreateInstance(value.GetType(), seeds)!;
    }

    /// <summary>⟨seed, value⟩, summed over a tuple's components; a null seed contributes nothing.</summary>
    private static double Inner(object value, object? seed) => (value, seed) switch
    {
        (_, null) => 0,
        (ITuple v, ITuple d) => Enumerable.Range(0, v.Length).Sum(i => Inner(v[i]!, d[i])),
        (double y, double d) => y * d,
        (Vector<double> y, Vector<double> d) => y.DotProduct(d),
        (Matrix<double> y, Matrix<double> d) => y.PointwiseMultiply(d).Enumerate().Sum(),
        _ => throw new InvalidOperationException($"no inner product of {value} and {seed}"),
    };

    private static object Zeroed(object x) => x switch
    {
        double => 0.0,
        Vector<double> v => Vector<double>.Build.Dense(v.Count),
        Matrix<double> m => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount),
        double[] a => new double[a.Length],
        Vector<double>[] vs => vs.Select(v => (object)Vector<double>.Build.Dense(v.Count)).Cast<Vector<double>>().ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static object InvokeOn(MethodInfo method, object target, object[] arguments)
    {
        try
        {
            return method.Invoke(target, arguments)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new XunitException($"{method.Name} threw: {e.InnerException}");
        }
    }

    /// <summary>Gradient buffers for the differentiable inputs (all but n, flag, ids), holding random values.</summary>
    private static object[] Gradients(object[] inputs, Random random) =>
        inputs.Where(IsDifferentiable).Select(x => Randomised(x, random)).ToArray();

    private static object Randomised(object x, Random random) => x switch
    {
        double => random.NextDouble(),
        Vector<double> v => Vector<double>.Build.Dense(v.Count, _ => random.NextDouble()),
        Matrix<double> m => Matrix<double>.Build.Dense(m.RowCount, m.ColumnCount, (_, _) => random.NextDouble()),
        double[] a => a.Select(_ => random.NextDouble()).ToArray(),
        Vector<double>[] vs => vs.Select(v => (Vector<double>)Randomised(v, random)).ToArray(),
        _ => throw new InvalidOperationException(),
    };

    private static bool IsDifferentiable(object x) => x is double or Vector<double> or Matrix<double> or double[] or Vector<double>[];

    private static readonly string[] Names = ["a", "b", "u", "v", "W", "K", "L", "xs", "vs"];

    /// <summary>Every scalar element of the differentiable values, with a getter and a setter.</summary>
    private static IEnumerable<(Func<double> Get, Action<double> Set, string Name)> Elements(object[] values)
    {
        var named = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            if (!IsDifferentiable(value))
            {
                continue;
            }

            var name = Names[named++];
            var index = i;
            switch (value)
            {
                case double:
                    yield return (() => (double)values[index], x => values[index] = x, name);
                    break;
                case Vector<double> v:
                    for (var j = 0; j < v.Count; j++)
                    {
                        var jj = j;
                        yield return (() => v[jj], x => v[jj] = x, $"{name}[{jj}]");
                    }

                    break;
                case Matrix<double> m:
                    for (var r = 0; r < m.RowCount; r++)
                    {
                        for (var c = 0; c < m.ColumnCount; c++)
                        {
                            var (rr, cc) = (r, c);
                            yield return (() => m[rr, cc], x => m[rr, cc] = x, $"{name}[{rr}, {cc}]");
                        }
                    }

                    break;
                case double[] a:
                    for (var j = 0; j < a.Length; j++)
                    {
                        var jj = j;
                        yield return (() => a[jj], x => a[jj] = x, $"{name}[{jj}]");
                    }

                    break;
                case Vector<double>[] vs:
                    for (var t = 0; t < vs.Length; t++)
                    {
                        for (var j = 0; j < vs[t].Count; j++)
                        {
                            var (vt, jj, tt) = (vs[t], j, t);
                            yield return (() => vt[jj], x => vt[jj] = x, $"{name}[{tt}][{jj}]");
                        }
                    }

                    break;
            }
        }
    }

    private static object Invoke(MethodInfo method, object[] inputs)
    {
        try
        {
            return method.Invoke(null, inputs)!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new XunitException($"{method.Name} threw: {e.InnerException}");
        }
    }

    private static object InvokeBackwardDeferringMatrixGradients(MethodInfo backward, object[] inputs, object dResult, object[] gradients)
    {
        var frame = NlpSymbolic.Workspace.Enter();
        try
        {
            foreach (var gradient in gradients.OfType<Matrix<double>>())
            {
                frame.DeferUpdatesOf(gradient);
            }

            return InvokeBackward(backward, inputs, dResult, gradients);
        }
        finally
        {
            frame.Exit();
        }
    }

    /// <summary>Calls RunBackward(inputs…, dResult, gradients…); scalar gradients come back through the ref slots.</summary>
    private static object InvokeBackward(MethodInfo backward, object[] inputs, object dResult, object[] gradients)
    {
        var arguments = inputs.Concat(new[] { dResult }).Concat(gradients).ToArray();
        var value = Invoke(backward, arguments);
        for (var k = 0; k < gradients.Length; k++)
        {
            gradients[k] = arguments[inputs.Length + 1 + k];
        }

        return value;
    }

    private static bool Finite(object value) => value switch
    {
        ITuple tuple => Enumerable.Range(0, tuple.Length).All(i => Finite(tuple[i]!)),
        Matrix<double> m => m.Enumerate().All(x => double.IsFinite(x) && Math.Abs(x) < 1e8),
        double d => double.IsFinite(d) && Math.Abs(d) < 1e8,
        Vector<double> v => v.All(x => double.IsFinite(x) && Math.Abs(x) < 1e8),
        _ => true,
    };

    private static object Copy(object x) => x switch
    {
        ITuple tuple => Activator.CreateInstance(x.GetType(), Enumerable.Range(0, tuple.Length).Select(i => tuple[i] is { } c ? Copy(c) : null).ToArray())!,
        Vector<double> v => v.Clone(),
        Matrix<double> m => m.Clone(),
        double[] a => a.ToArray(),
        int[] a => a.ToArray(),
        Vector<double>[] vs => vs.Select(v => v.Clone()).ToArray(),
        _ => x,
    };

    private static bool Same(object? a, object? b) => (a, b) switch
    {
        (ITuple x, ITuple y) => Enumerable.Range(0, x.Length).All(i => Same(x[i], y[i])),
        (Vector<double> x, Vector<double> y) => x.Equals(y),
        (Matrix<double> x, Matrix<double> y) => x.Equals(y),
        (double[] x, double[] y) => x.SequenceEqual(y),
        (int[] x, int[] y) => x.SequenceEqual(y),
        (Vector<double>[] x, Vector<double>[] y) => x.Zip(y).All(p => p.First.Equals(p.Second)),
        _ => Equals(a, b),
    };

    private static void AssertClose(object expected, object actual, double relative, string what)
    {
        if (expected is ITuple tuple)
        {
            for (var i = 0; i < tuple.Length; i++)
            {
                AssertClose(tuple[i]!, ((ITuple)actual)[i]!, relative, $"{what} (component {i})");
            }

            return;
        }

        var (e, a) = (expected, actual) switch
        {
            (double x, double y) => (new[] { x }, new[] { y }),
            (Matrix<double> x, Matrix<double> y) => (x.ToColumnMajorArray(), y.ToColumnMajorArray()),
            (Vector<double> x, Vector<double> y) => (x.ToArray(), y.ToArray()),
            _ => throw new XunitException($"{what}: {expected} vs {actual}"),
        };
        for (var i = 0; i < e.Length; i++)
        {
            if (Math.Abs(e[i] - a[i]) > relative * Math.Max(1, Math.Abs(e[i])))
            {
                throw new XunitException($"{what}: {a[i]:R} instead of {e[i]:R}");
            }
        }
    }
}
