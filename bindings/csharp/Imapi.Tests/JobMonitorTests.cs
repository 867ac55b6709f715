using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Imapi.Tests;

/// <summary>Async jobs complete from one monitor thread: no pool thread per job, progress as reported.</summary>
public class JobMonitorTests
{
    /// <summary>A readable, seekable stream whose reads wait for a gate, then take <c>delayMs</c> each.</summary>
    private sealed class GatedStream(byte[] data, ManualResetEventSlim gate, int delayMs = 0) : Stream
    {
        private readonly MemoryStream _inner = new(data, writable: false);
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => _inner.Length;
        public override long Position { get => _inner.Position; set => _inner.Position = value; }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => _inner.Seek(offset, origin);
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            gate.Wait();
            if (delayMs > 0) Thread.Sleep(delayMs);
            return _inner.Read(buffer, offset, count);
        }
    }

    /// <summary>Records reports synchronously on whatever thread makes them.</summary>
    private sealed class Recorder : IProgress<ImapiProgress>
    {
        public readonly ConcurrentQueue<ImapiProgress> Reports = new();
        public void Report(ImapiProgress value) => Reports.Enqueue(value);
    }

    [Fact]
    public async Task HundredConcurrentWritesDoNotHoldHundredPoolThreads()
    {
        const int jobs = 100;
        using var tree = new TestTree();
        using var gate = new ManualResetEventSlim(false);
        var images = new List<FileSystemImage>();
        var results = new List<FileSystemImageResult>();
        try
        {
            for (int i = 0; i < jobs; i++)
            {
                var image = new FileSystemImage { FreeMediaBlocks = 0 };
                using (var root = image.Root)
                using (var s = ImapiStream.FromStream(new GatedStream(new byte[300_000], gate)))
                    root.AddFile("data.bin", s);
                images.Add(image);
                results.Add(image.CreateResultImage());
            }
            int threadsBefore = ThreadPool.ThreadCount;
            var tasks = results.Select((r, i) => r.WriteFileAsync(tree.Out($"j{i}.iso"))).ToArray();
            // Long enough for the pool to inject threads if work items were blocked on it.
            await Task.Delay(2000);
            Assert.All(tasks, t => Assert.False(t.IsCompleted));
            long pending = ThreadPool.PendingWorkItemCount;
            int grown = ThreadPool.ThreadCount - threadsBefore;
            Assert.True(pending < 10, $"{pending} work items wait for pool threads while {jobs} jobs run");
            Assert.True(grown < 10, $"the pool grew by {grown} threads while {jobs} jobs run");
            gate.Set();
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));
            for (int i = 0; i < jobs; i++)
                Assert.Equal(results[i].TotalBlocks * 2048, new FileInfo(tree.Out($"j{i}.iso")).Length);
        }
        finally
        {
            gate.Set();
            foreach (var r in results) r.Dispose();
            foreach (var i in images) i.Dispose();
        }
    }

    [Fact]
    public async Task ProgressArrivesDuringAWriteOfAFewSeconds()
    {
        using var tree = new TestTree();
        using var gate = new ManualResetEventSlim(true);
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var root = image.Root)
        {
            // 12 files of 300 kB, each read in slices that take 40 ms: a write of a few seconds.
            for (int i = 0; i < 12; i++)
                using (var s = ImapiStream.FromStream(new GatedStream(new byte[300_000], gate, delayMs: 40)))
                    root.AddFile($"f{i:D2}.bin", s);
        }
        using var result = image.CreateResultImage();
        var progress = new Recorder();
        var started = DateTime.UtcNow;
        await result.WriteFileAsync(tree.Out("slow.iso"), progress);
        var elapsed = DateTime.UtcNow - started;
        var during = progress.Reports.Where(p => p.Done > 0 && p.Done < p.Total).Select(p => p.Done).Distinct().Count();
        Assert.True(during > 1, $"{during} distinct reports during a write of {elapsed.TotalSeconds:F1} s");
        Assert.Equal(result.TotalBlocks, progress.Reports.Last().Done);
    }

    [Fact]
    public void SyncWriteTakesAnIProgress()
    {
        using var tree = new TestTree();
        tree.Write("a.bin", 500_000, 4);
        tree.Write("b.bin", 500_000, 5);
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var root = image.Root) root.AddTree(tree.Source, false);
        using var result = image.CreateResultImage();
        var progress = new Recorder();
        int thread = Environment.CurrentManagedThreadId;
        int reportThread = -1;
        result.WriteFile(tree.Out("sync.iso"), new ThreadCheck(progress, () => reportThread = Environment.CurrentManagedThreadId));
        Assert.True(progress.Reports.Count > 1);
        Assert.Equal(thread, reportThread);
        Assert.Equal(result.TotalBlocks, progress.Reports.Last().Done);
    }

    private sealed class ThreadCheck(IProgress<ImapiProgress> inner, Action onReport) : IProgress<ImapiProgress>
    {
        public void Report(ImapiProgress value)
        {
            onReport();
            inner.Report(value);
        }
    }

    [Fact]
    public void AMonitorOfYourOwnReportsFinishedOnceAndWakes()
    {
        using var tree = new TestTree();
        tree.Write("a.bin", 400_000, 6);
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var root = image.Root) root.AddTree(tree.Source, false);
        using var result = image.CreateResultImage();
        using var monitor = new JobMonitor();
        using var job = result.StartWriteFile(tree.Out("own.iso"));
        monitor.Add(job, 42);
        JobEvents events;
        long cookie;
        do
        {
            events = monitor.Wait(30_000, out cookie);
            Assert.Equal(42, cookie);
        } while (!events.HasFlag(JobEvents.Finished));
        job.ThrowIfFailed();
        Assert.Equal(JobEvents.None, monitor.Wait(0, out cookie));
        monitor.Wake();
        Assert.Equal(JobEvents.None, monitor.Wait(-1, out cookie));
        Assert.Equal(0, cookie);
    }
}
