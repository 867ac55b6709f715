using System.IO;
using System.Linq;
using Xunit;

namespace Imapi.Tests;

/// <summary>Entries open the file they name whatever was listed since; each file system's label.</summary>
public class ReaderIdentityTests
{
    // Joliet sorts UCS-2 (the emoji's surrogates first), UDF by code point: the
    // two listings put these files at different indexes.
    private const string Small = "😀.txt";
    private const string Big = "ﬀ.bin";

    private static string MakeBridge(TestTree tree)
    {
        tree.Write(Small, 16, 1);
        tree.Write(Big, 1_200_000, 2);
        tree.Write("A/inner.txt", 100, 3);
        using var image = new FileSystemImage
        {
            FileSystemsToCreate = FsiFileSystems.ISO9660 | FsiFileSystems.Joliet | FsiFileSystems.UDF,
            VolumeName = "Ünïcödé Tree",
            FreeMediaBlocks = 0,
        };
        using (var root = image.Root) root.AddTree(tree.Source, includeBaseDirectory: false);
        using var result = image.CreateResultImage();
        var iso = tree.Out("bridge.iso");
        result.WriteFile(iso);
        return iso;
    }

    [Fact]
    public void EntryFromAnEarlierListingOpensItsOwnFile()
    {
        using var tree = new TestTree();
        using var reader = ImageReader.Open(MakeBridge(tree));
        var udf = reader.List(FsiFileSystems.UDF);
        var first = udf.First(e => e.Type == ImageEntryType.File);
        var joliet = reader.List(FsiFileSystems.Joliet);
        // The same index names another file in the Joliet listing: what went wrong before.
        Assert.NotEqual(first.Path, joliet[(int)first.Index].Path);

        using var data = reader.OpenFile(first);
        var bytes = new MemoryStream();
        data.CopyTo(bytes);
        Assert.Equal(File.ReadAllBytes(Path.Combine(tree.Source, first.Path.TrimStart('/'))), bytes.ToArray());
        Assert.Equal(FsiFileSystems.UDF, first.FileSystem);

        var e = Assert.Throws<ImapiException>(() => reader.OpenFile(FsiFileSystems.Joliet, "/missing.txt"));
        Assert.Equal(ImapiStatus.ItemNotFound, e.Status);
        Assert.Contains("Joliet", e.Message);
    }

    [Fact]
    public void EachFileSystemsVolumeLabel()
    {
        using var tree = new TestTree();
        using var reader = ImageReader.Open(MakeBridge(tree));
        Assert.Equal("Ünïcödé Tree", reader.GetVolumeName(FsiFileSystems.Joliet));
        Assert.Equal("Ünïcödé Tree", reader.GetVolumeName(FsiFileSystems.UDF));
        Assert.Equal(reader.VolumeName, reader.GetVolumeName(FsiFileSystems.ISO9660));
        Assert.NotEqual("Ünïcödé Tree", reader.VolumeName);
        var e = Assert.Throws<ImapiException>(() => reader.GetVolumeName(FsiFileSystems.RockRidge));
        Assert.Equal(ImapiStatus.FileSystemNotFound, e.Status);
    }
}
