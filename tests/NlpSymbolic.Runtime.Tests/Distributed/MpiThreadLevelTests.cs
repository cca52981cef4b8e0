using System;
using NlpSymbolic.Training;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Distributed;

/// <summary>
/// MPI is started on a thread of its own and then called from the trainer's thread, so the library must give
/// MPI_THREAD_SERIALIZED; a library that gives less is refused with the level it gave, not used out of contract.
/// </summary>
public sealed class MpiThreadLevelTests
{
    [Theory]
    [InlineData(0)] // MPI_THREAD_SINGLE
    [InlineData(1)] // MPI_THREAD_FUNNELED
    public void ALibraryBelowSerializedIsRefusedNamingTheLevelItGave(int provided)
    {
        var error = Assert.Throws<InvalidOperationException>(() => MpiCommunicator.CheckThreadLevel(provided));

        Assert.Contains($"gives thread level {provided}", error.Message);
        Assert.Contains("MPI_THREAD_SERIALIZED", error.Message);
    }

    [Theory]
    [InlineData(2)] // MPI_THREAD_SERIALIZED
    [InlineData(3)] // MPI_THREAD_MULTIPLE, what Debian's MPICH gives
    public void SerializedOrMoreIsAccepted(int provided) => MpiCommunicator.CheckThreadLevel(provided);
}
