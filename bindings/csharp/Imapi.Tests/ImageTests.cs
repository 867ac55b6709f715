using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using Xunit;

namespace Imapi.Tests;

public class ImageTests
{
    private const string Cyrillic = "Кириллица";
    private const string Cjk = "中文目录";
    private const string Emoji = "emoji 😀🎉.bin";

    /// <summary>
    /// Builds an image of a Unicode tree through every way of adding data the
    /// binding has (AddTree, a path, a file stream, a memory span, a managed
    /// Stream the library pulls from), and checks it with independent readers.
    /// </summary>
    [Fact]
    public void UnicodeTreeIsReadBackByIndependentReaders()
    {
        using var tree = new TestTree();
        tree.Write($"{Cyrillic}/документ.txt", 5000, 1);
        tree.Write($"{Cjk}/文件.dat", 70000, 2);
        var viaPath = tree.Write($"{Cjk}/路径.bin", 3000, 3);
        var viaFileStream = tree.Write(Emoji, 4096 * 3 + 7, 4);
        var viaMemory = tree.Write("mémoire/ünïcödé.txt", 1234, 5);
        var viaManaged = tree.Write("managed/🚀 rocket.bin", 200000, 6);

        using var image = new FileSystemImage { FreeMediaBlocks = 0, VolumeName = "Тест 中文" };
        Assert.Equal(FsiFileSystems.ISO9660 | FsiFileSystems.Joliet | FsiFileSystems.RockRidge, image.FileSystemsToCreate);
        using var root = image.Root;
        root.AddTree(Path.Combine(tree.Source, Cyrillic), includeBaseDirectory: true);
        root.AddDirectory(Cjk);
        root.AddFileFromPath($"{Cjk}/文件.dat", Path.Combine(tree.Source, Cjk, "文件.dat"));
        root.AddFileFromPath($"{Cjk}/路径.bin", viaPath);
        using (var s = ImapiStream.FromFile(viaFileStream)) root.AddFile(Emoji, s);
        root.AddDirectory("mémoire");
        using (var s = ImapiStream.FromMemory(File.ReadAllBytes(viaMemory))) root.AddFile("mémoire/ünïcödé.txt", s);
        root.AddDirectory("managed");
        using (var s = ImapiStream.FromStream(new MemoryStream(File.ReadAllBytes(viaManaged)))) root.AddFile("managed/🚀 rocket.bin", s);

        Assert.Equal(6, image.FileCount);
        Assert.Equal(FsiItemType.File, image.Exists($"/{Cjk}/文件.dat"));
        Assert.Equal(FsiItemType.NotFound, image.Exists("/nothing"));
        using (var item = image.GetItem($"/{Cyrillic}/документ.txt"))
        {
            Assert.IsType<FsiFileItem>(item);
            Assert.Equal("документ.txt", item.Name);
            Assert.Equal($"/{Cyrillic}/документ.txt", item.FullPath);
        }
        Assert.Equal(new[] { Cjk, Cyrillic, Emoji, "managed", "mémoire" }.OrderBy(n => n, StringComparer.Ordinal),
                     root.Select(i => { using (i) return i.Name; }));

        var updates = new List<ImapiProgress>();
        using var result = image.CreateResultImage();
        result.Update += (_, p) => updates.Add(p);
        var iso = tree.Out("unicode.iso");
        result.WriteFile(iso);

        Assert.NotEmpty(updates);
        Assert.Equal(result.TotalBlocks, updates[^1].Done);
        Assert.All(updates, p => Assert.Equal(ImapiOperation.ImageWrite, p.Operation));
        Assert.Equal(2048, result.BlockSize);
        Assert.Equal(result.TotalBlocks * 2048, new FileInfo(iso).Length);
        TestTree.CheckWithIndependentReaders(iso, tree.Source);

        // The image stream gives the same bytes as the file.
        using (var s = result.ImageStream)
        using (var f = File.OpenRead(iso))
            Assert.Equal(SHA256.HashData(f), SHA256.HashData(s));

        // Read back through the binding's own reader too.
        using var reader = ImageReader.Open(iso);
        Assert.True(reader.FileSystems.HasFlag(FsiFileSystems.RockRidge));
        var entries = reader.List(FsiFileSystems.RockRidge);
        var rocket = entries.Single(e => e.Path == "/managed/🚀 rocket.bin");
        using (var data = reader.OpenFile(rocket))
            Assert.Equal(SHA256.HashData(File.ReadAllBytes(viaManaged)), SHA256.HashData(data));
    }

    [Fact]
    public void PropertiesRoundTrip()
    {
        using var image = new FileSystemImage();
        Assert.Contains(FsiFileSystems.ISO9660, new[] { image.FileSystemsSupported & FsiFileSystems.ISO9660 });
        image.ISO9660InterchangeLevel = 3;
        Assert.Equal(3, image.ISO9660InterchangeLevel);
        Assert.Contains(3, image.ISO9660InterchangeLevelsSupported);
        image.StrictFileSystemCompliance = true;
        Assert.True(image.StrictFileSystemCompliance);
        image.UseRestrictedCharacterSet = true;
        Assert.True(image.UseRestrictedCharacterSet);
        image.UseRestrictedCharacterSet = false;
        image.SessionStartBlock = 0;
        Assert.Equal(0, image.SessionStartBlock);
        image.VolumeName = "Photos 2026";
        Assert.Equal("Photos 2026", image.VolumeName);
        Assert.NotEmpty(image.VolumeNameISO9660);
        Assert.NotEmpty(image.VolumeNameJoliet);
        Assert.NotEmpty(image.VolumeNameUDF);
        image.StageFiles = false;
        Assert.False(image.StageFiles);
        image.WorkingDirectory = Path.GetTempPath();
        Assert.NotEmpty(image.WorkingDirectory);

        long cp = image.ChangePoint;
        using var root = image.Root;
        root.AddDirectory("a");
        Assert.Equal(1, image.DirectoryCount);
        image.RollbackToChangePoint(cp);
        Assert.Equal(0, image.DirectoryCount);
        root.AddDirectory("b");
        image.LockInChangePoint();

        using var dir = image.CreateDirectoryItem("detached");
        root.Add(dir);
        using var file = image.CreateFileItem("f.txt");
        using (var s = ImapiStream.FromMemory("hello"u8)) file.Data = s;
        root.Add(file);
        Assert.Equal(5, file.DataSize);
        using (var s = file.Data) Assert.Equal(5, s.Length);
        file.IsHidden = true;
        Assert.True(file.IsHidden);
        file.PosixMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        Assert.Equal(0x1A4, (int)file.PosixMode); // 0644
        file.PosixOwner = (1000, 100);
        Assert.Equal((1000, 100), file.PosixOwner);
        var t = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        file.CreationTime = t;
        file.LastModifiedTime = t;
        file.LastAccessedTime = t;
        Assert.Equal(t, file.LastModifiedTime);
        Assert.Equal(t, file.CreationTime);
        Assert.Equal(t, file.LastAccessedTime);
        Assert.Equal("F.TXT;1", file.FileSystemName(FsiFileSystems.ISO9660).ToUpperInvariant());
        Assert.EndsWith("f.txt", file.FileSystemPath(FsiFileSystems.Joliet));
        root.AddSymbolicLink("link", "f.txt");
        using (var link = (FsiSymbolicLinkItem)root["link"]) Assert.Equal("f.txt", link.Target);
        Assert.True(image.UsedBlocks > 0);
        root.Remove("link");
        root.AddDirectory("deep");
        root.AddDirectory("deep/er");
        root.RemoveTree("deep");
        Assert.Equal(FsiItemType.NotFound, image.Exists("/deep"));

        using var result = image.CreateResultImage();
        Assert.NotEmpty(result.DiscId);
        var items = result.ProgressItems;
        Assert.NotEmpty(items);
        var byDescription = result.FindProgressItemByDescription(items[^1].Description);
        Assert.Equal(items[^1], byDescription);
        Assert.Equal(items[^1], result.FindProgressItemByBlock(items[^1].FirstBlock));
        Assert.StartsWith("0.", ImapiLibrary.Version);
        Assert.True(ImapiLibrary.VersionNumber >= 1000);
        Assert.Equal("IMAPI_E_DUP_NAME", ImapiLibrary.StatusName(ImapiStatus.DupName));
    }

    [Fact]
    public void IsoImageManagerValidatesAndImportWorks()
    {
        using var tree = new TestTree();
        var iso = tree.Out("small.iso");
        using (var image = new FileSystemImage())
        using (var root = image.Root)
        {
            root.AddDirectory("сессия");
            using (var s = ImapiStream.CreateZero(10000)) root.AddFile("сессия/zero.bin", s);
            using var result = image.CreateResultImage();
            result.WriteFile(iso);
        }
        using (var manager = new IsoImageManager())
        {
            manager.Path = iso;
            Assert.Equal(iso, manager.Path);
            manager.Validate();
            using var s = manager.Stream;
            manager.Stream = s;
            Assert.Equal("", manager.Path);
            manager.Validate();
        }
        using (var image = new FileSystemImage())
        using (var previous = ImapiStream.FromFile(iso))
        {
            var used = image.ImportFileSystem(previous);
            Assert.Equal(FsiFileSystems.RockRidge, used);
            Assert.Equal(FsiItemType.File, image.Exists("/сессия/zero.bin"));
        }
        using (var reader = ImageReader.Open(ImapiStream.FromFile(iso)))
        {
            Assert.NotEmpty(reader.VolumeName);
            reader.List(FsiFileSystems.Joliet);
            var dest = tree.Out("extracted");
            var seen = 0;
            reader.Update += (_, _) => seen++;
            reader.Extract(dest);
            Assert.True(seen > 0);
            Assert.Equal(10000, new FileInfo(Path.Combine(dest, "сессия", "zero.bin")).Length);
        }
        using (var s = ImapiStream.FromFile(iso))
        {
            s.SeekOnly(16 * 2048, SeekOrigin.Begin);
            Assert.Equal(16 * 2048, s.Position);
            var vd = new byte[6];
            Assert.Equal(6, s.Read(vd));
            Assert.Equal("\u0001CD001", System.Text.Encoding.ASCII.GetString(vd));
        }
    }
}
