using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using Xunit;

namespace Imapi.Tests;

/// <summary>IMAPI's error numbers come out as ImapiException (a COMException) with the right Status.</summary>
public class ErrorTests
{
    private static ImapiException Expect(ImapiStatus status, Action action)
    {
        var e = Assert.ThrowsAny<ImapiException>(action);
        Assert.Equal(status, e.Status);
        Assert.Equal((int)status, e.HResult);
        Assert.Equal((int)status, ((COMException)e).ErrorCode);
        Assert.False(string.IsNullOrEmpty(e.Message));
        return e;
    }

    [Fact]
    public void InvalidVolumeName() =>
        Expect(ImapiStatus.InvalidVolumeName, () => { using var i = new FileSystemImage(); i.VolumeName = "no/slash?"; });

    [Fact]
    public void ItemNotFound()
    {
        using var i = new FileSystemImage();
        Expect(ImapiStatus.ItemNotFound, () => i.GetItem("/missing"));
        using var root = i.Root;
        Expect(ImapiStatus.ItemNotFound, () => root.Remove("missing"));
    }

    [Fact]
    public void DupName()
    {
        using var i = new FileSystemImage();
        using var root = i.Root;
        root.AddDirectory("Дубль");
        Expect(ImapiStatus.DupName, () => root.AddDirectory("Дубль"));
    }

    [Fact]
    public void DisposedObjectsReportInvalidHandle()
    {
        var i = new FileSystemImage();
        var root = i.Root;
        var result = i.CreateResultImage();
        var stream = ImapiStream.CreateZero(10);
        i.Dispose();
        i.Dispose(); // twice is fine
        Expect(ImapiStatus.InvalidHandle, () => _ = i.VolumeName);
        Expect(ImapiStatus.InvalidHandle, () => i.CreateResultImage());
        root.Dispose();
        Expect(ImapiStatus.InvalidHandle, () => root.AddDirectory("x"));
        result.Dispose();
        Expect(ImapiStatus.InvalidHandle, () => _ = result.TotalBlocks);
        stream.Dispose();
        Expect(ImapiStatus.InvalidHandle, () => _ = stream.Length);
        using var j = new FileSystemImage();
        using var r = j.Root;
        Expect(ImapiStatus.InvalidHandle, () => r.AddFile("f", stream)); // a disposed argument
        Assert.True(i.IsDisposed);
    }

    [Fact]
    public void ImageTooBigAndSizeLimit()
    {
        using var i = new FileSystemImage();
        using var root = i.Root;
        using (var s = ImapiStream.CreateZero(4L << 20)) root.AddFile("big.bin", s);
        Expect(ImapiStatus.ImageTooBig, () => i.FreeMediaBlocks = 10);
        i.FreeMediaBlocks = i.UsedBlocks + 1;
        using var more = ImapiStream.CreateZero(1L << 20);
        Expect(ImapiStatus.ImageSizeLimit, () => root.AddFile("more.bin", more));
    }

    [Fact]
    public void InvalidEnumValuesAreInvalidParam()
    {
        using var i = new FileSystemImage();
        Expect(ImapiStatus.InvalidParam, () => i.ISO9660InterchangeLevel = 7);
        Expect(ImapiStatus.InvalidParam, () => i.FileSystemsToCreate = (FsiFileSystems)0x1000);
        Expect(ImapiStatus.NoOutput, () => i.FileSystemsToCreate = FsiFileSystems.None);
        using var root = i.Root;
        root.AddDirectory("d");
        // (On the root the C library returns "" for any value: noted as an ABI defect.)
        using var d = root["d"];
        Assert.ThrowsAny<ImapiException>(() => d.FileSystemName((FsiFileSystems)0x100));
        using var s = ImapiStream.CreateZero(10);
        Assert.ThrowsAny<ImapiException>(() => s.Seek(0, (SeekOrigin)17));
    }

    [Fact]
    public void NullArgumentsAreErrorsNotCrashes()
    {
        using var i = new FileSystemImage();
        using var root = i.Root;
        Assert.ThrowsAny<ImapiException>(() => root.AddDirectory(null!));
        Assert.ThrowsAny<ImapiException>(() => root.AddFile("f", null!));
        Assert.ThrowsAny<ImapiException>(() => root.Add(null!));
        Assert.ThrowsAny<ImapiException>(() => i.GetItem(null!));
        Assert.ThrowsAny<ImapiException>(() => ImapiStream.FromFile(null!));
        Assert.ThrowsAny<ImapiException>(() => ImapiStream.FromStream(null!));
        Assert.ThrowsAny<ImapiException>(() => ImageReader.Open((string)null!));
        Assert.ThrowsAny<ImapiException>(() => ImageReader.Open((ImapiStream)null!));
    }

    [Fact]
    public void OtherStatusesCarryDetail()
    {
        using var tree = new TestTree();
        var e = Expect(ImapiStatus.DataStreamCreateFailure, () => ImapiStream.FromFile(tree.Out("missing")));
        Assert.NotEqual(0, e.OsError);
        using (var m = new IsoImageManager())
            Expect(ImapiStatus.ImageManagerNoImage, () => m.Validate());
        using var i = new FileSystemImage();
        using var root = i.Root;
        Expect(ImapiStatus.DirectoryReadFailure, () => root.AddTree(tree.Out("no-such-dir"), false));
        Assert.Equal("IMAPI_E_DIRECTORY_READ_FAILURE", Assert.ThrowsAny<ImapiException>(() => root.AddTree(tree.Out("no-such-dir"), false)).StatusName);
    }

    /// <summary>A managed source stream that throws: the library sees a read failure, the caller an ImapiException.</summary>
    [Fact]
    public void ThrowingSourceStreamIsAReadFailure()
    {
        using var tree = new TestTree();
        using var i = new FileSystemImage();
        using var root = i.Root;
        using (var s = ImapiStream.FromStream(new ThrowingStream())) root.AddFile("bad.bin", s);
        using var result = i.CreateResultImage();
        var e = Assert.ThrowsAny<ImapiException>(() => result.WriteFile(tree.Out("bad.iso")));
        Assert.True(e.Status < 0);
        Assert.False(File.Exists(tree.Out("bad.iso")));
    }

    private sealed class ThrowingStream : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => 100000;
        public override long Position { get; set; }
        public override int Read(byte[] buffer, int offset, int count) => throw new IOException("disk on fire");
        public override long Seek(long offset, SeekOrigin origin) => Position = offset;
        public override void Flush() { }
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
