using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using MathNet.Numerics.LinearAlgebra;
using Xunit;

namespace NlpSymbolic.Runtime.Tests;

/// <summary>
/// Different rent sequences (different generated methods) entering the same frame in turn: buffers are shared by
/// shape, never handed out twice in one call, and the frame's memory stays bounded by what one call needs.
/// </summary>
public sealed class WorkspaceSharingTests
{
    // A rent: a vector of Rows elements when Columns < 0, otherwise a Rows×Columns matrix.
    private readonly record struct Rent(int Rows, int Columns);

    [Fact]
    public void AlternatingSequencesKeepTheirBuffers()
    {
        Rent[] a = [new(4, -1), new(3, 5), new(4, -1)];
        Rent[] b = [new(3, 5), new(6, -1), new(4, -1)];
        object[] firstA = Run(a), firstB = Run(b);

        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(firstA.OrderBy(Id), Run(a).OrderBy(Id));
            Assert.Equal(firstB.OrderBy(Id), Run(b).OrderBy(Id));
        }
    }

    [Fact]
    public void AnyMixOfSequencesHandsOutDistinctBuffersAndOwnsOnlyWhatOneCallNeeds()
    {
        // A thread of its own, so its frame starts empty whatever ran on the test runner's threads before.
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                RunManySequences();
            }
            catch (Exception e)
            {
                failure = e;
            }
        });
        thread.Start();
        thread.Join();
        Assert.True(failure is null, failure?.ToString());
    }

    private static void RunManySequences()
    {
        var random = new Random(8);
        Rent[] shapes = [new(4, -1), new(5, -1), new(3, 5), new(5, 3), new(1, -1), new(0, -1)];
        Rent[][] sequences = Enumerable.Range(0, 6)
            .Select(_ => Enumerable.Range(0, random.Next(1, 12)).Select(_ => shapes[random.Next(shapes.Length)]).ToArray())
            .ToArray();
        var mostInOneCall = new Dictionary<Rent, int>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);

        for (int call = 0; call < 300; call++)
        {
            Rent[] sequence = sequences[random.Next(sequences.Length)];
            object[] rented = Run(sequence);
            Assert.Equal(rented.Length, rented.Distinct(ReferenceEqualityComparer.Instance).Count());
            foreach (var group in sequence.GroupBy(r => r))
            {
                mostInOneCall[group.Key] = Math.Max(mostInOneCall.GetValueOrDefault(group.Key), group.Count());
            }

            seen.UnionWith(rented);
        }

        Workspace ws = Workspace.Enter();
        int owned = ws.OwnedBufferCount;
        ws.Exit();
        Assert.Equal(mostInOneCall.Values.Sum(), owned);
        Assert.Equal(owned, seen.Count);
    }

    private static int Id(object o) => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(o);

    private static object[] Run(Rent[] sequence)
    {
        Workspace ws = Workspace.Enter();
        try
        {
            return sequence.Select(r => r.Columns < 0 ? (object)ws.RentVector(r.Rows) : ws.RentMatrix(r.Rows, r.Columns)).ToArray();
        }
        finally
        {
            ws.Exit();
        }
    }
}
