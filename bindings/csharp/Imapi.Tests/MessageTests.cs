using Xunit;

namespace Imapi.Tests;

/// <summary>Messages show IMAPI's name and number first; relative paths mean the root.</summary>
public class MessageTests
{
    [Fact]
    public void MessageStartsWithTheNameAndNumber()
    {
        using var image = new FileSystemImage();
        using var root = image.Root;
        root.AddDirectory("dup");
        var e = Assert.Throws<ImapiException>(() => root.AddDirectory("dup"));
        Assert.StartsWith("IMAPI_E_DUP_NAME (0xC0AAB112): ", e.Message);
        Assert.Contains("'dup'", e.Message);
        Assert.Equal(e.Message, $"IMAPI_E_DUP_NAME (0xC0AAB112): {e.Detail}");
        Assert.Equal(FsiItemType.Directory, image.Exists("dup"));
        Assert.Equal(FsiItemType.Directory, image.Exists("/dup"));
    }
}
