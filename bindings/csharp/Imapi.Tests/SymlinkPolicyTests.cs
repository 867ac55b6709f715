using System.IO;
using Xunit;

namespace Imapi.Tests;

public class SymlinkPolicyTests
{
    private static FileSystemImage AddTreeWith(TestTree tree, SymlinkPolicy policy)
    {
        var image = new FileSystemImage { FreeMediaBlocks = 0, SymlinkPolicy = policy };
        Assert.Equal(policy, image.SymlinkPolicy);
        using var root = image.Root;
        root.AddTree(tree.Source, includeBaseDirectory: false);
        return image;
    }

    /// <summary>Follow adds the target's bytes under the link's name; skip leaves the link out.</summary>
    [Fact]
    public void FollowAddsTheTargetAndSkipLeavesTheLinkOut()
    {
        using var tree = new TestTree();
        var target = tree.Write("data.bin", 3000, 7);
        File.CreateSymbolicLink(Path.Combine(tree.Source, "link.bin"), "data.bin");
        using (var image = new FileSystemImage()) Assert.Equal(SymlinkPolicy.Record, image.SymlinkPolicy);

        using (var image = AddTreeWith(tree, SymlinkPolicy.Follow))
        {
            Assert.Equal(FsiItemType.File, image.Exists("/link.bin"));
            using var item = (FsiFileItem)image.GetItem("/link.bin");
            using var data = item.Data;
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(target), copy.ToArray());
        }
        using (var image = AddTreeWith(tree, SymlinkPolicy.Skip))
        {
            Assert.Equal(FsiItemType.NotFound, image.Exists("/link.bin"));
            Assert.Equal(FsiItemType.File, image.Exists("/data.bin"));
        }
        using (var image = AddTreeWith(tree, SymlinkPolicy.Record))
            Assert.Equal(FsiItemType.Symlink, image.Exists("/link.bin"));
    }

    /// <summary>A value outside the enum is refused in .NET terms.</summary>
    [Fact]
    public void AnUnknownPolicyIsInvalidArg()
    {
        using var image = new FileSystemImage();
        var e = Assert.Throws<ImapiException>(() => image.SymlinkPolicy = (SymlinkPolicy)7);
        Assert.Equal(ImapiStatus.InvalidArg, e.Status);
        Assert.Contains("SymlinkPolicy.Follow", e.Message);
        Assert.Equal(SymlinkPolicy.Record, image.SymlinkPolicy);
    }
}
