using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Imapi.Tests;

/// <summary>DiscFormat2Erase against emulated drives: erase as a Task with progress, format, refusals.</summary>
public sealed class EraseTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imapi-cs-erase-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string AddDrive(string media, string name)
    {
        string dir = Path.Combine(_dir, name);
        Directory.CreateDirectory(dir);
        string uri = $"emu:{media}?dir={dir}&polls=3";
        DiscMaster.AddEmulatedDrive(uri);
        return uri;
    }

    private static void BurnSomething(DiscRecorder recorder)
    {
        using var image = new FileSystemImage();
        using (var root = image.Root)
        using (var data = ImapiStream.CreateZero(100_000))
            root.AddFile("a.bin", data);
        using var result = image.CreateResultImage();
        using var stream = result.ImageStream;
        using var f = new DiscFormat2Data { Recorder = recorder, ClientName = "imapi-cs-erase", ForceOverwrite = true };
        f.Write(stream);
    }

    private sealed class Collect : IProgress<BurnProgress>
    {
        public readonly List<BurnProgress> Seen = new();
        public void Report(BurnProgress value) { lock (Seen) Seen.Add(value); }
    }

    [Fact]
    public async Task EraseMediaAsyncBlanksACdRwAndReportsTheDrivesProgress()
    {
        string uri = AddDrive("cd-rw", "cd-rw");
        using var recorder = DiscRecorder.Open(uri);
        BurnSomething(recorder);
        using var e = new DiscFormat2Erase { Recorder = recorder, ClientName = "imapi-cs-erase" };
        Assert.Equal(ImapiMediaPhysicalType.CDRW, e.CurrentPhysicalMediaType);
        Assert.True(e.IsRecorderSupported(recorder));
        Assert.True(e.IsCurrentMediaSupported(recorder));
        Assert.False(e.FullErase);
        var seen = new Collect();
        await e.EraseMediaAsync(seen);
        using var data = new DiscFormat2Data { Recorder = recorder, ClientName = "imapi-cs-erase" };
        Assert.True(data.MediaPhysicallyBlank);
        Assert.Equal(WriteAction.Completed, e.Progress.CurrentAction);
        Assert.Equal(e.Progress.SectorCount, e.Progress.SectorsWritten);
        Assert.NotEmpty(seen.Seen);
    }

    [Fact]
    public void FormatMediaGivesABdReWithoutSparesItsWholeCapacity()
    {
        string uri = AddDrive("bd-re", "bd-re");
        using var recorder = DiscRecorder.Open(uri);
        using var e = new DiscFormat2Erase { Recorder = recorder, ClientName = "imapi-cs-erase", Spares = FormatSpares.None };
        Assert.Equal(FormatSpares.None, e.Spares);
        var seen = new Collect();
        e.FormatMedia(seen);
        Assert.Contains(seen.Seen, p => p.CurrentAction == WriteAction.FormattingMedia);
        using var data = new DiscFormat2Data { Recorder = recorder, ClientName = "imapi-cs-erase" };
        Assert.Equal(12_219_392, data.TotalSectorsOnMedia);
    }

    [Fact]
    public void EraseOnADvdPlusRIsRefusedAndACancelledTokenStopsBeforeTheDrive()
    {
        string uri = AddDrive("dvd+r", "dvd+r");
        using var recorder = DiscRecorder.Open(uri);
        using var e = new DiscFormat2Erase { Recorder = recorder, ClientName = "imapi-cs-erase" };
        Assert.False(e.IsCurrentMediaSupported(recorder));
        var err = Assert.Throws<ImapiException>(() => e.EraseMedia());
        Assert.Equal(ImapiStatus.EraseMediaIsNotSupported, err.Status);
        Assert.False(e.CancelWrite());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => e.EraseMediaAsync(null, cts.Token).GetAwaiter().GetResult());
    }
}
