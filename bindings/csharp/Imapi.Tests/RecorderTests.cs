using System;
using System.IO;
using System.Linq;
using Xunit;

namespace Imapi.Tests;

/// <summary>DiscMaster and DiscRecorder against emulated drives.</summary>
public sealed class RecorderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("imapi-cs-rec-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string AddDrive(string media)
    {
        string dir = Path.Combine(_dir, media);
        Directory.CreateDirectory(dir);
        string uri = $"emu:{media}?dir={dir}&polls=0";
        DiscMaster.AddEmulatedDrive(uri);
        return uri;
    }

    [Fact]
    public void EnumeratesAndDescribesAnEmulatedBdR()
    {
        string uri = AddDrive("bd-r");
        var master = new DiscMaster();
        Assert.Contains(uri, master.ToList());
        Assert.True(master.IsSupportedEnvironment);
        Assert.Equal(master.Count, master.Count());

        using var r = DiscRecorder.Open(uri);
        Assert.Equal(uri, r.ActiveDiscRecorder);
        Assert.Equal("IMAPI", r.VendorId);
        Assert.Equal("EMULATED DRIVE", r.ProductId);
        Assert.False(string.IsNullOrEmpty(r.ProductRevision));
        Assert.EndsWith("disc.img", r.VolumeName);
        Assert.Empty(r.VolumePathNames);
        Assert.True(r.DeviceCanLoadMedia);
        Assert.True(r.LegacyDeviceNumber >= 0);
        Assert.Contains(ImapiProfileType.BDRSequential, r.SupportedProfiles);
        Assert.Equal(new[] { ImapiProfileType.BDRSequential }, r.CurrentProfiles);
        Assert.Contains(ImapiFeaturePageType.BDWrite, r.SupportedFeaturePages);
        Assert.Contains(ImapiFeaturePageType.BDWrite, r.CurrentFeaturePages);
        Assert.Contains(ImapiModePageType.LegacyCapabilities, r.SupportedModePages);
        Assert.Contains(ImapiModePageType.WriteParameters, r.GetSupportedModePages(ModePageRequestType.ChangeableValues));

        var m = r.MediaInfo;
        Assert.True(m.Present);
        Assert.Equal(ImapiMediaPhysicalType.BDR, m.PhysicalType);
        Assert.Equal(ImapiFormat2DataMediaState.Blank, m.State);
        Assert.Equal(ImapiProfileType.BDRSequential, m.Profile);
        Assert.Equal(ImapiMediaWriteProtectState.None, m.WriteProtect);
        Assert.Equal(0, m.Sessions);
        Assert.Equal(m.TotalSectors, m.FreeSectors);

        Assert.True(r.GetDiscInformation().Length >= 34);
        Assert.True(r.GetTrackInformation(255, ReadTrackAddressType.Track).Length >= 28);
        Assert.Equal(0x41, r.GetFeaturePage(ImapiFeaturePageType.BDWrite, true)[1]);
        byte[] page = r.GetModePage(ImapiModePageType.WriteParameters, ModePageRequestType.CurrentValues);
        Assert.Equal(0x05, page[0] & 0x3F);
        r.SetModePage(ModePageRequestType.CurrentValues, page);
        Assert.Equal(0, r.ByteAlignmentMask);
        Assert.Equal(65536, r.MaximumNonPageAlignedTransferSize);
        Assert.Equal(65536, r.MaximumPageAlignedTransferSize);
        r.DisableMcn();
        r.EnableMcn();
        Assert.Equal(ImapiStatus.RecorderDvdStructureNotPresent,
            Assert.Throws<ImapiException>(() => r.ReadDvdStructure(0, 0, 0, 0)).Status);
        Assert.Throws<ImapiException>(() => r.SendDvdStructure(4, new byte[] { 0, 2, 0, 0 }));
    }

    [Fact]
    public void AdapterAndDeviceDescriptorsInWindowsLayout()
    {
        string uri = AddDrive("bd-re");
        using var r = DiscRecorder.Open(uri);
        byte[] a = r.GetAdapterDescriptor();
        Assert.Equal(32, a.Length);
        Assert.Equal(32, BitConverter.ToInt32(a, 0));  // Version
        Assert.Equal(32, BitConverter.ToInt32(a, 4));  // Size
        int maxTransfer = BitConverter.ToInt32(a, 8), pages = BitConverter.ToInt32(a, 12);
        Assert.Equal(65536, maxTransfer);
        Assert.Equal(r.ByteAlignmentMask, BitConverter.ToInt32(a, 16));
        Assert.Equal(Math.Min(maxTransfer, pages * 4096), r.MaximumPageAlignedTransferSize);
        Assert.Equal(Math.Min(maxTransfer, (pages - 1) * 4096), r.MaximumNonPageAlignedTransferSize);
        Assert.Equal(0x0F, a[24]);  // BusTypeFileBackedVirtual

        byte[] d = r.GetDeviceDescriptor();
        Assert.Equal(40, BitConverter.ToInt32(d, 0));
        Assert.Equal(d.Length, BitConverter.ToInt32(d, 4));
        Assert.Equal(5, d[8]);  // DeviceType
        Assert.Equal(1, d[10]); // RemovableMedia
        Assert.Equal(0x0F, BitConverter.ToInt32(d, 28));
        Assert.Equal(36, BitConverter.ToInt32(d, 32));
        string At(int field) => System.Text.Encoding.ASCII.GetString(d, BitConverter.ToInt32(d, field),
            Array.IndexOf(d, (byte)0, BitConverter.ToInt32(d, field)) - BitConverter.ToInt32(d, field));
        Assert.Equal(r.VendorId, At(12).TrimEnd());
        Assert.Equal(r.ProductId, At(16).TrimEnd());
        Assert.Equal(r.ProductRevision, At(20).TrimEnd());
        Assert.Equal("EMU00001", At(24));

        // No file system is ever mounted on an emulated disc: force just acquires.
        r.AcquireExclusiveAccess(true, "csharp force");
        Assert.Equal("csharp force", r.ExclusiveAccessOwner);
        r.ReleaseExclusiveAccess();
    }

    [Fact]
    public void ReadsDvdStructures()
    {
        using var r = DiscRecorder.Open(AddDrive("dvd+r"));
        byte[] pfi = r.ReadDvdStructure(0, 0, 0, 0);
        Assert.Equal(0x0A, pfi[4] >> 4); // book type DVD+R
    }

    [Fact]
    public void PassThroughExclusiveAccessAndTray()
    {
        string uri = AddDrive("dvd+r");
        using var a = DiscRecorder.Open(uri);
        using var b = DiscRecorder.Open(uri);
        var inquiry = new byte[36];
        Assert.Equal(36, a.SendCommandGetDataFromDevice(new byte[] { 0x12, 0, 0, 0, 36, 0 }, out var sense, 0, inquiry));
        Assert.Empty(sense);
        Assert.Equal(5, inquiry[0]);
        a.SendCommandNoData(new byte[] { 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out sense);
        Assert.Equal(0x20, sense[12]);
        a.SendCommandSendDataToDevice(new byte[] { 0x00, 0, 0, 0, 0, 0 }, out sense, 0, new byte[1]);

        a.AcquireExclusiveAccess(false, "csharp test");
        Assert.Equal("csharp test", b.ExclusiveAccessOwner);
        var e = Assert.Throws<ImapiException>(() => b.AcquireExclusiveAccess(true, "other"));
        Assert.Equal(ImapiStatus.RecorderLocked, e.Status);
        a.ReleaseExclusiveAccess();
        Assert.Equal("", b.ExclusiveAccessOwner);

        a.EjectMedia();
        Assert.False(a.MediaInfo.Present);
        a.CloseTray();
        Assert.True(a.MediaInfo.Present);
    }

    [Fact]
    public void BadIdsAndDisposedRecorders()
    {
        Assert.Equal(ImapiStatus.InvalidArg, Assert.Throws<ImapiException>(() => DiscRecorder.Open("no-such-drive")).Status);
        Assert.Equal(ImapiStatus.InvalidArg, Assert.Throws<ImapiException>(() => DiscMaster.AddEmulatedDrive("emu:zip?dir=/")).Status);
        var r = DiscRecorder.Open(AddDrive("cd-r"));
        Assert.Equal(ImapiStatus.RecorderClientNameIsNotValid,
            Assert.Throws<ImapiException>(() => r.AcquireExclusiveAccess(false, "")).Status);
        Assert.Equal(ImapiStatus.RecorderNoSuchFeature, Assert.Throws<ImapiException>(() => r.GetFeaturePage((ImapiFeaturePageType)0x123, false)).Status);
        r.Dispose();
        Assert.Throws<ImapiException>(() => r.VendorId);
    }
}
