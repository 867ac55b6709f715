using System.IO;
using System.Linq;
using Xunit;

namespace Imapi.Tests;

public class RelocationTests
{
    private static string[] IsoPaths(string iso)
    {
        using var reader = ImageReader.Open(iso);
        return reader.List(FsiFileSystems.ISO9660).Select(e => e.Path).ToArray();
    }

    private static string Master(TestTree tree, string name, bool relocate)
    {
        using var image = new FileSystemImage { FreeMediaBlocks = 0, RockRidgeRelocation = relocate };
        Assert.Equal(relocate, image.RockRidgeRelocation);
        using var root = image.Root;
        root.AddTree(tree.Source, includeBaseDirectory: false);
        using var result = image.CreateResultImage();
        var iso = Path.Combine(tree.Root, name);
        result.WriteFile(iso);
        return iso;
    }

    /// <summary>Deep directories stay in place by default; relocation moves them into RR_MOVED.</summary>
    [Fact]
    public void DeepDirectoriesAreRelocatedOnlyWhenAsked()
    {
        using var tree = new TestTree();
        tree.Write(string.Join("/", Enumerable.Range(1, 10).Select(i => $"d{i}")) + "/bottom.txt", 100, 1);
        using (var image = new FileSystemImage()) Assert.False(image.RockRidgeRelocation);
        Assert.DoesNotContain("/RR_MOVED", IsoPaths(Master(tree, "in-place.iso", false)));
        Assert.Contains("/RR_MOVED", IsoPaths(Master(tree, "relocated.iso", true)));
    }
}
