using System;
using System.Collections.Generic;

namespace NlpSymbolic.Training;

/// <summary>
/// The fixed order in which a minibatch's shard gradients are added, and which rank computes which shard.
/// </summary>
/// <remarks>
/// <para>
/// Floating-point addition is not associative, so the sum of the shards depends on how it is bracketed. The
/// bracketing is a pairwise tree over the shards in use that depends on their number only:
/// <c>sum[lo, hi) = sum[lo, mid) + sum[mid, hi)</c> with <c>mid = lo + (hi − lo) / 2</c>. Every entry of the
/// gradient is summed with this bracketing whether the shards live on one process or on many, so the result is
/// bit-identical for any split of the shards over ranks and workers. (IEEE addition is commutative, so
/// <c>a + b</c> and <c>b + a</c> agree; only the bracketing needed fixing.)
/// </para>
/// <para>
/// Rank <c>r</c> of <c>n</c> computes the contiguous shards <c>[⌈r·S/n⌉, ⌈(r+1)·S/n⌉)</c>. Each rank sums its
/// <i>maximal local subtrees</i> — the largest nodes of the tree whose shards are all its own — in place, and the
/// part of the tree above them (<see cref="UpperSteps"/>) combines those partial sums wherever they meet. With a
/// power-of-two rank count dividing a power-of-two shard count every rank has one such subtree, and the
/// exchange moves exactly what a bandwidth-optimal all-reduce moves.
/// </para>
/// </remarks>
internal sealed class ShardTree
{
    /// <summary>Builds the plan for <paramref name="shards"/> shards in use over <paramref name="size"/> ranks, seen from <paramref name="rank"/>.</summary>
    internal ShardTree(int shards, int size, int rank)
    {
        Shards = shards;
        Size = size;
        Rank = rank;
        FirstShard = First(rank);
        EndShard = First(rank + 1);
        var nodes = new List<(int Lo, int Hi)>();
        Collect(0, shards, nodes);
        Nodes = nodes.ToArray();
        NodesPerRank = new int[size];
        foreach ((int lo, _) in Nodes)
        {
            NodesPerRank[Owner(lo)]++;
        }

        var local = new List<(int Into, int From)>();
        var own = new List<int>();
        for (int i = 0; i < Nodes.Length; i++)
        {
            if (Owner(Nodes[i].Lo) == rank)
            {
                own.Add(i);
                LocalSteps(Nodes[i].Lo, Nodes[i].Hi, local);
            }
        }

        OwnNodes = own.ToArray();
        LocalStepList = local.ToArray();
        var upper = new List<(int Into, int From)>();
        Upper(0, shards, upper);
        UpperSteps = upper.ToArray();
    }

    /// <summary>Shards in use.</summary>
    internal int Shards { get; }

    /// <summary>Ranks.</summary>
    internal int Size { get; }

    /// <summary>The rank this plan is for.</summary>
    internal int Rank { get; }

    /// <summary>This rank's first shard.</summary>
    internal int FirstShard { get; }

    /// <summary>One past this rank's last shard (equal to <see cref="FirstShard"/> when it has none).</summary>
    internal int EndShard { get; }

    /// <summary>Every rank's maximal local subtrees as shard ranges, in shard order (so grouped by rank).</summary>
    internal (int Lo, int Hi)[] Nodes { get; }

    /// <summary>How many of <see cref="Nodes"/> each rank owns.</summary>
    internal int[] NodesPerRank { get; }

    /// <summary>Indices into <see cref="Nodes"/> of this rank's subtrees.</summary>
    internal int[] OwnNodes { get; }

    /// <summary>
    /// In-place additions <c>shard[Into] += shard[From]</c>, children before parents, that leave each of this
    /// rank's subtrees summed in the buffers of its first shard.
    /// </summary>
    internal (int Into, int From)[] LocalStepList { get; }

    /// <summary>
    /// In-place additions <c>node[Into] += node[From]</c> over indices into <see cref="Nodes"/>, children before
    /// parents, that leave the whole sum in node 0.
    /// </summary>
    internal (int Into, int From)[] UpperSteps { get; }

    /// <summary>The rank computing <paramref name="shard"/>.</summary>
    internal int Owner(int shard) => (int)((long)shard * Size / Shards);

    private int First(int rank) => (int)(((long)rank * Shards + Size - 1) / Size);

    private static int Mid(int lo, int hi) => lo + ((hi - lo) / 2);

    private void Collect(int lo, int hi, List<(int, int)> nodes)
    {
        if (Owner(lo) == Owner(hi - 1))
        {
            nodes.Add((lo, hi));
            return;
        }

        Collect(lo, Mid(lo, hi), nodes);
        Collect(Mid(lo, hi), hi, nodes);
    }

    private static void LocalSteps(int lo, int hi, List<(int, int)> steps)
    {
        if (hi - lo < 2)
        {
            return;
        }

        int mid = Mid(lo, hi);
        LocalSteps(lo, mid, steps);
        LocalSteps(mid, hi, steps);
        steps.Add((lo, mid));
    }

    // Returns the index of the node that holds the sum of [lo, hi) once the added steps have run.
    private int Upper(int lo, int hi, List<(int, int)> steps)
    {
        if (Owner(lo) == Owner(hi - 1))
        {
            return Array.IndexOf(Nodes, (lo, hi));
        }

        int left = Upper(lo, Mid(lo, hi), steps);
        int right = Upper(Mid(lo, hi), hi, steps);
        steps.Add((left, right));
        return left;
    }
}
