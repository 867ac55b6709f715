using System.Linq;
using Xunit;

namespace Imapi.Tests;

/// <summary>Properties and enumeration do not leave handles a user never sees.</summary>
public class HandleTests
{
    [Fact]
    public void RootIsOneObjectReleasedWithTheImage()
    {
        // Handles other tests dropped are released now, not while this one counts.
        System.GC.Collect();
        System.GC.WaitForPendingFinalizers();
        long before = ImapiLibrary.LiveHandles;
        using (var tree = new TestTree())
        {
            tree.Write("a/b.txt", 10, 1);
            tree.Write("c.txt", 10, 2);
            using (var image = new FileSystemImage())
            {
                Assert.Same(image.Root, image.Root);
                image.Root.AddTree(tree.Source, false);
                image.Root.AddDirectory("d");
                Assert.Equal(before + 2, ImapiLibrary.LiveHandles); // the image and its root
                // foreach without disposing the children: they go with the directory.
                using (var root = image.Root)
                {
                    var names = root.Select(i => i.Name).ToList();
                    Assert.Equal(new[] { "a", "c.txt", "d" }, names);
                    foreach (var child in root) Assert.NotEqual("", child.Name);
                }
                Assert.Equal(before + 1, ImapiLibrary.LiveHandles);
                Assert.NotNull(image.Root); // a disposed root is replaced
            }
        }
        Assert.Equal(before, ImapiLibrary.LiveHandles);
    }
}
