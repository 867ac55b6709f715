using System.Diagnostics;
using System.IO;
using Xunit;

namespace Imapi.Tests;

public class SkippedEntriesTests
{
    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>A FIFO and a link under SymlinkPolicy.Skip are left out, and the image says so.</summary>
    [Fact]
    public void AddTreeRecordsTheFifoAndTheSkippedLink()
    {
        using var tree = new TestTree();
        tree.Write("data.bin", 100, 1);
        MakeFifo(Path.Combine(tree.Source, "pipe"));
        File.CreateSymbolicLink(Path.Combine(tree.Source, "link"), "data.bin");
        using var image = new FileSystemImage { FreeMediaBlocks = 0, SymlinkPolicy = SymlinkPolicy.Skip };
        Assert.Empty(image.SkippedEntries);
        using (var root = image.Root) root.AddTree(tree.Source, includeBaseDirectory: false);

        Assert.Equal(new[]
        {
            new SkippedEntry(Path.Combine(tree.Source, "link"), SkipReason.Symlink),
            new SkippedEntry(Path.Combine(tree.Source, "pipe"), SkipReason.Fifo),
        }, image.SkippedEntries);
        Assert.Equal(2, image.SkippedCount());
        Assert.Equal(1, image.SkippedCount(SkipReason.Fifo));
        Assert.Equal(0, image.SkippedCount(SkipReason.Socket));
        Assert.Equal(FsiItemType.NotFound, image.Exists("/pipe"));
        Assert.Equal(FsiItemType.File, image.Exists("/data.bin"));
        var e = Assert.Throws<ImapiException>(() => image.SkippedCount((SkipReason)9));
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
    }
}
