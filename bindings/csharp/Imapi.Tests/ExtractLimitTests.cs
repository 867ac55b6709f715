using System.IO;
using Xunit;

namespace Imapi.Tests;

public class ExtractLimitTests
{
    /// <summary>The default limit is 16 times the image plus 1 GiB; it can be lifted and restored.</summary>
    [Fact]
    public void ExtractLimitDefaultsLiftsAndRestores()
    {
        using var tree = new TestTree();
        tree.Write("f.bin", 1000, 1);
        using var image = new FileSystemImage { FreeMediaBlocks = 0 };
        using (var root = image.Root) root.AddTree(tree.Source, includeBaseDirectory: false);
        var iso = tree.Out("limit.iso");
        using (var result = image.CreateResultImage()) result.WriteFile(iso);
        using var reader = ImageReader.Open(iso);
        Assert.Equal(new FileInfo(iso).Length * 16 + (1L << 30), reader.ExtractLimit);
        reader.ExtractLimit = -1;
        Assert.Equal(-1, reader.ExtractLimit);
        reader.ExtractLimit = 4096;
        Assert.Equal(4096, reader.ExtractLimit);
        reader.ExtractLimit = 0;
        Assert.Equal(new FileInfo(iso).Length * 16 + (1L << 30), reader.ExtractLimit);
    }
}
