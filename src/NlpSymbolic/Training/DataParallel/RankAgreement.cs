using System;

namespace NlpSymbolic.Training;

/// <summary>
/// Checks, once before training, that every rank has the same shard count, the same gradient layout and the same
/// parameter values — a rank that read another file or resumed another checkpoint would otherwise train on quietly.
/// </summary>
internal static class RankAgreement
{
    internal static void Check(Communicator communicator, ParameterSet parameters, int shardCount)
    {
        int size = communicator.Size;
        if (size == 1)
        {
            return;
        }

        const int PerRank = 4;
        var all = new double[PerRank * size];
        int at = PerRank * communicator.Rank;
        byte[] hash = ParameterFingerprint.Sha256(parameters);
        all[at] = shardCount;
        all[at + 1] = parameters.TotalLength;
        // 48 bits of the hash per number: exact in a double.
        all[at + 2] = BitConverter.ToUInt32(hash, 0) + (65536.0 * 65536.0 * BitConverter.ToUInt16(hash, 4));
        all[at + 3] = BitConverter.ToUInt32(hash, 8) + (65536.0 * 65536.0 * BitConverter.ToUInt16(hash, 12));
        var counts = new int[size];
        Array.Fill(counts, PerRank);
        communicator.AllGather(all, counts);
        for (int q = 1; q < size; q++)
        {
            if (all[PerRank * q] != all[0] || all[(PerRank * q) + 1] != all[1])
            {
                throw new InvalidOperationException(
                    $"Rank {q} has {all[PerRank * q]} shards and {all[(PerRank * q) + 1]} parameter numbers; rank 0 has {all[0]} and {all[1]}. Every rank must build the same model with the same trainer options.");
            }

            if (all[(PerRank * q) + 2] != all[2] || all[(PerRank * q) + 3] != all[3])
            {
                throw new InvalidOperationException(
                    $"Rank {q} starts from other parameter values than rank 0. Every rank must initialise with the same seed, or resume from the same checkpoint.");
            }
        }
    }
}
