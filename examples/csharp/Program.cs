// make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
// with a progress line, through the Imapi NuGet package; given a DRIVE (an
// emu: URI or a recorder's unique ID), burn the image onto it and verify it.
//   usage: MakeIso SOURCE_DIR OUTPUT.iso [DRIVE]
using System;
using System.Threading;
using Imapi;

if (args.Length != 2 && args.Length != 3)
{
    Console.Error.WriteLine("usage: MakeIso SOURCE_DIR OUTPUT.iso [DRIVE]");
    return 2;
}
try
{
    using (var image = new FileSystemImage { FreeMediaBlocks = 0 }) // 0 = no capacity limit
    {
        using (var root = image.Root)
            root.AddTree(args[0], includeBaseDirectory: false);
        using var result = image.CreateResultImage();
        result.Update += (_, p) => Console.Error.Write($"\r{p.Done}/{p.Total} sectors");
        result.WriteFile(args[1]);
        Console.Error.WriteLine($"\nwrote {args[1]}");
    }
    if (args.Length == 3)
    {
        if (args[2].StartsWith("emu:")) DiscMaster.AddEmulatedDrive(args[2]);
        using var recorder = DiscRecorder.Open(args[2]);
        using var format = new DiscFormat2Data
        {
            Recorder = recorder,
            ClientName = "MakeIso",
            BurnVerificationLevel = BurnVerificationLevel.Full,
        };
        var state = format.CurrentMediaStatus; // a [Flags] enum: "Blank", "Appendable, NonEmptySession", ...
        if (!state.HasFlag(ImapiFormat2DataMediaState.Blank) && !state.HasFlag(ImapiFormat2DataMediaState.Appendable)
            && !state.HasFlag(ImapiFormat2DataMediaState.OverwriteOnly))
        {
            Console.Error.WriteLine($"the {format.CurrentPhysicalMediaType} in {args[2]} cannot take a session ({state})");
            return 1;
        }
        Console.Error.WriteLine($"burning onto {format.CurrentPhysicalMediaType} ({state})");
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
        using var data = ImapiStream.FromFile(args[1]);
        await format.WriteAsync(data, new ConsoleProgress(), cancel.Token);
        Console.Error.WriteLine($"\nburned and verified {args[1]} on {args[2]}");
    }
    return 0;
}
catch (ImapiException e)
{
    Console.Error.WriteLine($"failed: {e.Message} ({e.StatusName})");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("\ncancelled");
    return 1;
}

// Reports on the job monitor's thread itself (Progress<T> would post each report
// to the thread pool, and the last ones could print after the result).
sealed class ConsoleProgress : IProgress<BurnProgress>
{
    public void Report(BurnProgress p) =>
        Console.Error.Write($"\r{p.CurrentAction}: {p.SectorsWritten}/{p.SectorCount} sectors, ring {p.UsedSystemBuffer}/{p.TotalSystemBuffer} bytes   ");
}
