using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Imapi.Tests;

/// <summary>DiscFormat2Data against emulated drives: burn, read back, verify, append, cancel.</summary>
public sealed class BurnTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imapi-cs-burn-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (string Uri, string DiscDir) AddDrive(string media, string extra = "", string? name = null)
    {
        string dir = Path.Combine(_dir, "disc-" + (name ?? media));
        Directory.CreateDirectory(dir);
        string uri = $"emu:{media}?dir={dir}&polls=0{extra}";
        DiscMaster.AddEmulatedDrive(uri);
        return (uri, dir);
    }

    private string MakeImage(string name, params (string Path, int Size)[] files)
    {
        string src = Path.Combine(_dir, name);
        var rng = new Random(name.GetHashCode());
        foreach (var (path, size) in files)
        {
            string full = Path.Combine(src, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var data = new byte[size];
            rng.NextBytes(data);
            File.WriteAllBytes(full, data);
        }
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var root = image.Root) root.AddTree(src, includeBaseDirectory: false);
        using var result = image.CreateResultImage();
        string iso = Path.Combine(_dir, name + ".iso");
        result.WriteFile(iso);
        return iso;
    }

    private static DiscFormat2Data Writer(string uri)
    {
        using var recorder = DiscRecorder.Open(uri);
        return new DiscFormat2Data { Recorder = recorder, ClientName = "imapi-cs-test" };
    }

    private sealed class Collect : IProgress<BurnProgress>
    {
        public readonly List<BurnProgress> Seen = new();
        public void Report(BurnProgress value) { lock (Seen) Seen.Add(value); }
    }

    [Fact]
    public async Task WriteAsyncBurnsAnImageThatReadsBackByteForByte()
    {
        string iso = MakeImage("one", ("a.bin", 300_000), ("sub/b.bin", 70_001));
        var (uri, disc) = AddDrive("bd-r");
        using var f = Writer(uri);
        Assert.Equal("imapi-cs-test", f.ClientName);
        Assert.True(f.MediaPhysicallyBlank);
        Assert.Equal(ImapiFormat2DataMediaState.Blank, f.CurrentMediaStatus);
        Assert.Equal(ImapiMediaWriteProtectState.None, f.WriteProtectStatus);
        Assert.Equal(ImapiMediaPhysicalType.BDR, f.CurrentPhysicalMediaType);
        Assert.NotEmpty(f.SupportedWriteSpeeds);
        Assert.Equal(f.SupportedWriteSpeeds.Length, f.SupportedWriteSpeedDescriptors.Count);
        Assert.Equal(MultisessionType.Sequential, f.MultisessionInterfaces[0].Type);
        Assert.True(f.MultisessionInterfaces[0].IsFirstDataSession);
        Assert.False(f.CancelWrite());
        f.BurnVerificationLevel = BurnVerificationLevel.Full;

        var progress = new Collect();
        using (var data = ImapiStream.FromFile(iso))
            await f.WriteAsync(data, progress);
        Assert.Contains(progress.Seen, p => p.CurrentAction == WriteAction.Completed);
        var end = progress.Seen.Last();
        Assert.True(end.SectorCount >= new FileInfo(iso).Length / 2048, $"{end}");
        Assert.Equal(end.StartLba + end.SectorCount - 1, end.LastWrittenLba);

        byte[] want = File.ReadAllBytes(iso);
        byte[] got = new byte[want.Length];
        using (var img = File.OpenRead(Path.Combine(disc, "disc.img"))) img.ReadExactly(got);
        Assert.True(want.AsSpan().SequenceEqual(got), "the disc holds the image byte for byte");
        using (var r = DiscRecorder.Open(uri))
        {
            Assert.Equal(1, r.MediaInfo.Sessions);
            Assert.True(r.MediaInfo.State.HasFlag(ImapiFormat2DataMediaState.Appendable), $"{r.MediaInfo.State}");
        }
        using (var data = ImapiStream.FromFile(iso)) f.Verify(data);
        Assert.Equal(0, f.StartAddressOfPreviousSession);
    }

    [Fact]
    public void BlockingWriteRaisesUpdateAndASecondSessionImportsTheFirst()
    {
        string iso = MakeImage("first", ("one.bin", 200_000));
        var (uri, _) = AddDrive("dvd+r");
        using var f = Writer(uri);
        // IMAPI closes DVD+R for DVD-ROM compatibility unless this is turned off.
        f.DisableConsumerDvdCompatibilityMode = true;
        Assert.True(f.DisableConsumerDvdCompatibilityMode);
        var actions = new List<WriteAction>();
        f.Update += (_, p) => { if (actions.Count == 0 || actions[^1] != p.CurrentAction) actions.Add(p.CurrentAction); };
        // The sync form's IProgress reports on this thread, alongside Update.
        var reports = new List<(WriteAction Action, int Thread)>();
        var progress = new Sink(p => reports.Add((p.CurrentAction, Environment.CurrentManagedThreadId)));
        using (var data = ImapiStream.FromFile(iso)) f.Write(data, progress);
        Assert.Contains(WriteAction.WritingData, actions);
        Assert.Equal(actions, reports.Select(r => r.Action).Distinct());
        Assert.All(reports, r => Assert.Equal(Environment.CurrentManagedThreadId, r.Thread));

        var ms = f.MultisessionInterfaces[0];
        Assert.False(ms.IsFirstDataSession);
        f.SetMultisessionInUse(0, true);
        string src2 = Path.Combine(_dir, "second");
        Directory.CreateDirectory(src2);
        File.WriteAllBytes(Path.Combine(src2, "two.bin"), new byte[50_000]);
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var media = f.CreateMediaStream()) image.ImportFileSystem(media, ms.StartAddressOfPreviousSession);
        image.SessionStartBlock = ms.NextWritableAddress;
        using (var root = image.Root) root.AddTree(src2, includeBaseDirectory: false);
        using var result = image.CreateResultImage();
        f.ForceMediaToBeClosed = true;
        using (var data = result.ImageStream) f.Write(data);
        using var r = DiscRecorder.Open(uri);
        Assert.Equal(2, r.MediaInfo.Sessions);
        Assert.True(r.MediaInfo.State.HasFlag(ImapiFormat2DataMediaState.Finalized), $"{r.MediaInfo.State}");
        Assert.True(f.CurrentMediaStatus.HasFlag(ImapiFormat2DataMediaState.Finalized), $"{f.CurrentMediaStatus}");
        Assert.Equal(ms.NextWritableAddress, f.StartAddressOfPreviousSession);
    }

    [Fact]
    public async Task CancellingTheTokenStopsAThrottledWriteAndFreesTheDrive()
    {
        var (uri, _) = AddDrive("bd-r", "&throttle=1&speed=2&buffer=1M");
        using var f = Writer(uri);
        f.BurnVerificationLevel = BurnVerificationLevel.None;
        using var cts = new CancellationTokenSource();
        var progress = new Progress<BurnProgress>(p => { if (p.CurrentAction == WriteAction.WritingData) cts.Cancel(); });
        using (var data = ImapiStream.CreateZero(32 << 20))
        {
            var e = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => f.WriteAsync(data, progress, cts.Token));
            Assert.Equal(ImapiStatus.RequestCancelled, Assert.IsType<ImapiException>(e.InnerException).Status);
        }
        // The disc stays usable: the next write appends a session that verifies.
        using (var data = ImapiStream.CreateZero(2 << 20)) f.Write(data);
        using (var data = ImapiStream.CreateZero(2 << 20)) f.Verify(data);
        Assert.True(f.StartAddressOfPreviousSession > 0, "the write after the cancel is a later session");
    }

    [Fact]
    public async Task WriteAsyncReportsProgressFromTheJobMonitorManyTimesDuringAThrottledBurn()
    {
        // 2x BD-R, paced in real time: 20 MiB take about 2.3 s at 8.99 MB/s.
        var (uri, disc) = AddDrive("bd-r", "&throttle=1&speed=2&buffer=1M");
        using var f = Writer(uri);
        f.BurnVerificationLevel = BurnVerificationLevel.None;
        var reports = new List<(BurnProgress P, string? Thread)>();
        var progress = new Sink(p => { lock (reports) reports.Add((p, Thread.CurrentThread.Name)); });
        using (var data = ImapiStream.PseudoRandom(7, 20 << 20))
            await f.WriteAsync(data, progress);
        var writing = reports.Where(r => r.P.CurrentAction == WriteAction.WritingData)
                             .Select(r => r.P.LastWrittenLba).Distinct().ToList();
        Assert.True(writing.Count >= 2, $"{writing.Count} distinct WritingData reports in {reports.Count}");
        Assert.Equal(WriteAction.Completed, reports[^1].P.CurrentAction);
        Assert.Equal(20 << 20, reports[^1].P.SectorsWritten * 2048);
        // Delivered by the process's job monitor thread, not by a timer or a parked pool thread.
        Assert.All(reports, r => Assert.Equal("imapi-job-monitor", r.Thread));
        using var want = ImapiStream.PseudoRandom(7, 20 << 20);
        var expected = new byte[20 << 20];
        want.ReadExactly(expected);
        var got = new byte[expected.Length];
        using (var img = File.OpenRead(Path.Combine(disc, "disc.img"))) img.ReadExactly(got);
        Assert.True(expected.AsSpan().SequenceEqual(got), "the disc holds the stream byte for byte");
    }

    [Fact]
    public async Task ConcurrentThrottledBurnsHoldNoPoolThreadAndAllReportFromTheMonitor()
    {
        const int burns = 6;
        var writers = new List<DiscFormat2Data>();
        var streams = new List<ImapiStream>();
        var threads = new System.Collections.Concurrent.ConcurrentBag<string?>();
        try
        {
            for (int i = 0; i < burns; i++)
            {
                var (uri, _) = AddDrive("bd-r", "&throttle=1&speed=2&buffer=1M", name: $"bd-r-{i}");
                var f = Writer(uri);
                f.BurnVerificationLevel = BurnVerificationLevel.None;
                writers.Add(f);
                streams.Add(ImapiStream.CreateZero(12 << 20)); // about 1.4 s each at 2x
            }
            int threadsBefore = ThreadPool.ThreadCount;
            var progress = new Sink(_ => threads.Add(Thread.CurrentThread.Name));
            var tasks = writers.Select((f, i) => f.WriteAsync(streams[i], progress)).ToArray();
            await Task.Delay(700);
            Assert.All(tasks, t => Assert.False(t.IsCompleted));
            int grown = ThreadPool.ThreadCount - threadsBefore;
            Assert.True(grown < burns, $"the pool grew by {grown} threads while {burns} burns run");
            await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2));
            Assert.True(threads.Count >= 2 * burns, $"{threads.Count} reports for {burns} burns");
            Assert.All(threads, n => Assert.Equal("imapi-job-monitor", n));
        }
        finally
        {
            foreach (var s in streams) s.Dispose();
            foreach (var f in writers) f.Dispose();
        }
    }

    /// <summary>Reports synchronously on the thread that reports (Progress&lt;T&gt; would post to the pool).</summary>
    private sealed class Sink(Action<BurnProgress> onReport) : IProgress<BurnProgress>
    {
        public void Report(BurnProgress value) => onReport(value);
    }
}
