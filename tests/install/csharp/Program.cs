// consumer SOURCE_DIR OUT_ISO EMU_DIR: built from the installed Imapi nupkg only.
using System;
using System.IO;
using System.Threading;
using Imapi;

static void Require(bool ok, string what) { if (!ok) throw new Exception(what); }

int reports = 0;
using (var image = new FileSystemImage
{
    FileSystemsToCreate = FsiFileSystems.ISO9660 | FsiFileSystems.Joliet | FsiFileSystems.UDF,
    VolumeName = "Ünïcödé Tree",
})
{
    using (var root = image.Root)
    {
        root.AddTree(args[0], includeBaseDirectory: false);
        try
        {
            root.AddDirectory("Кириллица");
            throw new Exception("no error for a duplicate name");
        }
        catch (ImapiException e) when (e.Status == ImapiStatus.DupName)
        {
            Require(e.Message == "IMAPI_E_DUP_NAME (0xC0AAB112): 'Кириллица' already exists", e.Message);
        }
    }
    using var result = image.CreateResultImage();
    result.WriteFile(args[1], new Counter(() => Interlocked.Increment(ref reports)));
}
Require(reports >= 2, $"{reports} progress reports");
using (var reader = ImageReader.Open(args[1]))
{
    Require(reader.GetVolumeName(FsiFileSystems.UDF) == "Ünïcödé Tree", "UDF label");
    using var s = reader.OpenFile(FsiFileSystems.Joliet, "/Кириллица/中文.txt");
    Require(new StreamReader(s).ReadToEnd() == "привет 世界\n", "read back");
}
string uri = "emu:dvd+r?dir=" + args[2];
DiscMaster.AddEmulatedDrive(uri);
using var recorder = DiscRecorder.Open(uri);
Console.WriteLine($"{ImapiLibrary.Version}: {reports} progress reports, read back, drive '{recorder.ProductId}'");

sealed class Counter(Action onReport) : IProgress<ImapiProgress>
{
    public void Report(ImapiProgress value) => onReport();
}
