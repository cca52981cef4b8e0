using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NlpSymbolic.Checkpoints;
using Xunit;

namespace NlpSymbolic.Runtime.Tests.Checkpoints;

/// <summary>A save either replaces the checkpoint completely or leaves the previous one byte-identical, with no temporary file left behind.</summary>
public sealed class AtomicSaveTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("nlpsymbolic-ckpt-").FullName;
    private readonly string _path;
    private readonly byte[] _previous;

    public AtomicSaveTests()
    {
        _path = Path.Combine(_folder, "model.safetensors");
        SafeTensors.Save(_path, [new NamedTensor("W", [2], new double[] { 1, 2 })], new Dictionary<string, string> { ["step"] = "1" });
        _previous = File.ReadAllBytes(_path);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveReplacesTheFileWithExactlyWhatWriteProduces()
    {
        NamedTensor[] tensors = [new NamedTensor("W", [3], new double[] { 4, 5, 6 }), NamedTensor.FromInt64("step", 2)];
        SafeTensors.Save(_path, tensors);

        var expected = new MemoryStream();
        SafeTensors.Write(expected, tensors);
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(_path));
        AssertOnlyTheCheckpointIsInTheFolder();
    }

    [Fact]
    public void FailureJustBeforeTheRenameKeepsThePreviousFile()
    {
        string? temporary = null;
        var e = Assert.Throws<IOException>(() => SafeTensors.Save(_path, Bigger(), null, beforeCommit: path =>
        {
            temporary = path;
            Assert.True(new FileInfo(path).Length > _previous.Length, "the hook should see the finished temporary file");
            Assert.Equal(Path.GetDirectoryName(_path), Path.GetDirectoryName(path));
            throw new IOException("injected: crash before rename");
        }));

        Assert.Equal("injected: crash before rename", e.Message);
        Assert.NotNull(temporary);
        Assert.False(File.Exists(temporary));
        AssertPreviousFileIntact();
    }

    [Fact]
    public void FailurePartwayThroughWritingKeepsThePreviousFile()
    {
        Assert.Throws<IOException>(() => SafeTensors.Save(_path, Bigger(), null, wrapStream: file => new FailingAfter(file, 100)));
        AssertPreviousFileIntact();
    }

    [Fact]
    public void EnumeratorThatThrowsMidwayKeepsThePreviousFile()
    {
        Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(_path, ThrowsAfterOne()));
        AssertPreviousFileIntact();

        static IEnumerable<NamedTensor> ThrowsAfterOne()
        {
            yield return new NamedTensor("a", [1], new double[] { 1 });
            throw new InvalidOperationException("injected: enumeration fails");
        }
    }

    [Fact]
    public void InvalidTensorsKeepThePreviousFile()
    {
        var twice = new NamedTensor("W", [1], new double[] { 9 });
        Assert.Throws<ArgumentException>(() => SafeTensors.Save(_path, [twice, twice]));
        AssertPreviousFileIntact();
    }

    [Fact]
    public void ARenameThatCannotHappenLeavesNoTemporary()
    {
        string folderInTheWay = Path.Combine(_folder, "taken.safetensors");
        Directory.CreateDirectory(folderInTheWay);
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(folderInTheWay, Bigger()));
        Assert.True(Directory.Exists(folderInTheWay));
        AssertPreviousFileIntact();
    }

    private static NamedTensor[] Bigger() => [new NamedTensor("W", [100], Enumerable.Range(0, 100).Select(i => (double)i).ToArray())];

    private void AssertPreviousFileIntact()
    {
        Assert.Equal(_previous, File.ReadAllBytes(_path));
        Assert.Equal("1", SafeTensorsFile.Load(_path).Metadata["step"]);
        AssertOnlyTheCheckpointIsInTheFolder();
    }

    private void AssertOnlyTheCheckpointIsInTheFolder() =>
        Assert.Equal(new[] { "model.safetensors" }, Directory.GetFiles(_folder).Select(Path.GetFileName));

    /// <summary>A disk that fills up: writes succeed until <c>budget</c> bytes, then fail.</summary>
    private sealed class FailingAfter(Stream inner, int budget) : Stream
    {
        private int _left = budget;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (buffer.Length > _left)
            {
                inner.Write(buffer[.._left]);
                _left = 0;
                throw new IOException("injected: no space left on device");
            }

            inner.Write(buffer);
            _left -= buffer.Length;
        }

        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
