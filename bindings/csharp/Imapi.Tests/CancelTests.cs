using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Imapi.Tests;

/// <summary>Cancelling jobs and blocking calls; exceptions thrown by user handlers.</summary>
public class CancelTests
{
    /// <summary>A source that hands out data slowly, so a write is still running when it is cancelled.</summary>
    internal sealed class SlowStream : Stream
    {
        private readonly long _length;
        public SlowStream(long length) => _length = length;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _length;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            Thread.Sleep(2);
            int n = (int)Math.Min(Math.Min(count, 65536), _length - Position);
            Array.Clear(buffer, offset, n);
            Position += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) =>
            Position = origin switch { SeekOrigin.Begin => offset, SeekOrigin.Current => Position + offset, _ => _length + offset };
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private static FileSystemImageResult SlowImage(FileSystemImage image)
    {
        image.FreeMediaBlocks = 0;
        using var root = image.Root;
        using (var s = ImapiStream.FromStream(new SlowStream(1L << 30))) root.AddFile("slow.bin", s);
        return image.CreateResultImage();
    }

    [Fact]
    public void JobCancelEndsWithRequestCancelled()
    {
        using var tree = new TestTree();
        using var image = new FileSystemImage();
        image.FreeMediaBlocks = 0;
        using var result = SlowImage(image);
        using var job = result.StartWriteFile(tree.Out("cancel.iso"));
        Assert.False(job.Wait(20));
        Assert.Equal(ImapiStatus.JobNotFinished, job.Status);
        var t = new Thread(() => job.Cancel()); // cancel from another thread
        t.Start();
        t.Join();
        Assert.True(job.Wait(-1));
        Assert.Equal(ImapiStatus.RequestCancelled, job.Status);
        var e = Assert.ThrowsAny<ImapiException>(() => job.ThrowIfFailed());
        Assert.Equal(ImapiStatus.RequestCancelled, e.Status);
        Assert.True(job.Progress.Total > 0);
        Assert.False(File.Exists(tree.Out("cancel.iso")));
    }

    [Fact]
    public async Task AsyncWriteReportsProgressAndCompletes()
    {
        using var tree = new TestTree();
        tree.Write("Ёлка/树.bin", 300000, 9);
        using var image = new FileSystemImage();
        using (var root = image.Root)
        {
            root.AddTree(tree.Source, false);
            // A managed source, which the job pulls from the library's worker threads.
            var managed = tree.Write("managed/数据 📦.bin", 150000, 10);
            root.AddDirectory("managed");
            using var s = ImapiStream.FromStream(new MemoryStream(File.ReadAllBytes(managed)));
            root.AddFile("managed/数据 📦.bin", s);
        }
        using var result = image.CreateResultImage();
        var reports = 0;
        await result.WriteFileAsync(tree.Out("async.iso"), new Progress<ImapiProgress>(_ => Interlocked.Increment(ref reports)));
        TestTree.CheckWithIndependentReaders(tree.Out("async.iso"), tree.Source);
    }

    [Fact]
    public async Task AsyncWriteCancelledByToken()
    {
        using var tree = new TestTree();
        using var image = new FileSystemImage();
        using var result = SlowImage(image);
        using var cts = new CancellationTokenSource();
        var task = result.WriteFileAsync(tree.Out("token.iso"), null, cts.Token);
        await Task.Delay(50);
        cts.Cancel();
        var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(ImapiStatus.RequestCancelled, Assert.IsType<ImapiException>(e.InnerException).Status);
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public void BlockingWriteCancelledByToken()
    {
        using var tree = new TestTree();
        using var image = new FileSystemImage();
        using var result = SlowImage(image);
        using var cts = new CancellationTokenSource();
        result.Update += (_, p) => { if (p.Done > 0) cts.Cancel(); };
        var e = Assert.ThrowsAny<ImapiException>(() => result.WriteFile(tree.Out("blocking.iso"), cts.Token));
        Assert.Equal(ImapiStatus.RequestCancelled, e.Status);
    }

    [Fact]
    public void ExceptionInUpdateHandlerBecomesRequestCancelled()
    {
        using var tree = new TestTree();
        tree.Write("a.bin", 100000, 1);
        using var image = new FileSystemImage();
        using (var root = image.Root) root.AddTree(tree.Source, false);
        using var result = image.CreateResultImage();
        result.Update += (_, _) => throw new InvalidOperationException("handler bug");
        var e = Assert.ThrowsAny<ImapiException>(() => result.WriteFile(tree.Out("h.iso")));
        Assert.Equal(ImapiStatus.RequestCancelled, e.Status);
        Assert.IsType<InvalidOperationException>(e.InnerException);
        Assert.False(File.Exists(tree.Out("h.iso")));

        using var job = result.StartWriteFile(tree.Out("h2.iso"));
        job.Update += (_, _) => throw new InvalidOperationException("async handler bug");
        var ae = Assert.ThrowsAny<ImapiException>(() => job.WaitAsync().GetAwaiter().GetResult());
        Assert.Equal(ImapiStatus.RequestCancelled, ae.Status);
        Assert.IsType<InvalidOperationException>(ae.InnerException);
    }
}
