using System;
using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>IMAPI_MODE_PAGE_REQUEST_TYPE.</summary>
public enum ModePageRequestType : int { CurrentValues = 0, ChangeableValues = 1, DefaultValues = 2, SavedValues = 3 }

/// <summary>IMAPI_READ_TRACK_ADDRESS_TYPE.</summary>
public enum ReadTrackAddressType : int { Lba = 0, Track = 1, Session = 2 }

/// <summary>The medium in a recorder (<see cref="DiscRecorder.MediaInfo"/>), read from the drive when asked.</summary>
/// <param name="Present">A medium is in the drive; the other fields are zeros (Invalid, Unknown, None) when not.</param>
/// <param name="Profile">The current MMC profile (what the drive treats the medium as).</param>
/// <param name="PhysicalType">The kind of medium.</param>
/// <param name="State">Blank, appendable, finalized, ... (a set of bits).</param>
/// <param name="WriteProtect">Why the medium cannot be written (<see cref="ImapiMediaWriteProtectState.None"/> when it can).</param>
/// <param name="Sessions">Complete sessions on the medium.</param>
/// <param name="TotalSectors">Capacity in 2048-byte sectors (used and free).</param>
/// <param name="FreeSectors">Sectors the next write can record.</param>
/// <param name="NextWritableAddress">LBA where the next session starts (0 on blank or overwritable media).</param>
public sealed record MediaInfo(bool Present, ImapiProfileType Profile, ImapiMediaPhysicalType PhysicalType,
    ImapiFormat2DataMediaState State, ImapiMediaWriteProtectState WriteProtect, int Sessions, long TotalSectors,
    long FreeSectors, long NextWritableAddress);

/// <summary>
/// IDiscRecorder2 and IDiscRecorder2Ex: one recorder, opened by unique ID
/// (InitializeDiscRecorder). Device errors are ImapiExceptions with IMAPI's
/// E_IMAPI_RECORDER_* numbers.
/// </summary>
public sealed class DiscRecorder : ImapiObject
{
    private const int IMAPI_COMMAND_NO_DATA = 0, IMAPI_COMMAND_TO_DEVICE = 1, IMAPI_COMMAND_FROM_DEVICE = 2;
    private const int MaxReply = 65538;

    internal DiscRecorder(ImapiHandle handle) : base(handle, "DiscRecorder") { }

    /// <summary>InitializeDiscRecorder: the recorder with this unique ID (from DiscMaster).</summary>
    public static DiscRecorder Open(string uniqueId) =>
        new(HandleOwner.Create(HandleKind.Recorder, o => ImapiNative.imapi_recorder_open(uniqueId, o)));

    public string ActiveDiscRecorder => Owner.GetString(ImapiNative.imapi_recorder_get_active_disc_recorder);
    public string VendorId => Owner.GetString(ImapiNative.imapi_recorder_get_vendor_id);
    public string ProductId => Owner.GetString(ImapiNative.imapi_recorder_get_product_id);
    public string ProductRevision => Owner.GetString(ImapiNative.imapi_recorder_get_product_revision);
    public string VolumeName => Owner.GetString(ImapiNative.imapi_recorder_get_volume_name);
    public string ExclusiveAccessOwner => Owner.GetString(ImapiNative.imapi_recorder_get_exclusive_access_owner);
    public bool DeviceCanLoadMedia => Owner.Get<int>(ImapiNative.imapi_recorder_get_device_can_load_media) != 0;
    public int LegacyDeviceNumber => Owner.Get<int>(ImapiNative.imapi_recorder_get_legacy_device_number);

    public unsafe IReadOnlyList<string> VolumePathNames => Owner.Call(h =>
    {
        var paths = new List<string>();
        int count = 1;
        for (int i = 0; i < count; i++)
        {
            IntPtr s = IntPtr.Zero;
            ImapiException.Check(ImapiNative.imapi_recorder_get_volume_path_name(h, i, (IntPtr)(&s), (IntPtr)(&count)));
            if (s != IntPtr.Zero) paths.Add(Utf8.TakeOwned(s));
        }
        return (IReadOnlyList<string>)paths;
    });

    public ImapiFeaturePageType[] SupportedFeaturePages =>
        EnumList<ImapiFeaturePageType>(ImapiNative.imapi_recorder_get_supported_feature_pages);
    public ImapiFeaturePageType[] CurrentFeaturePages =>
        EnumList<ImapiFeaturePageType>(ImapiNative.imapi_recorder_get_current_feature_pages);
    public ImapiProfileType[] SupportedProfiles => EnumList<ImapiProfileType>(ImapiNative.imapi_recorder_get_supported_profiles);
    public ImapiProfileType[] CurrentProfiles => EnumList<ImapiProfileType>(ImapiNative.imapi_recorder_get_current_profiles);
    public ImapiModePageType[] SupportedModePages => GetSupportedModePages(ModePageRequestType.CurrentValues);

    public ImapiModePageType[] GetSupportedModePages(ModePageRequestType requestType) =>
        EnumList<ImapiModePageType>((h, p, cap, n) => ImapiNative.imapi_recorder_get_supported_mode_pages(h, (int)requestType, p, cap, n));

    public void AcquireExclusiveAccess(bool force, string clientName) =>
        Owner.Check(h => ImapiNative.imapi_recorder_acquire_exclusive_access(h, force ? 1 : 0, clientName));
    public void ReleaseExclusiveAccess() => Owner.Check(ImapiNative.imapi_recorder_release_exclusive_access);
    public void EjectMedia() => Owner.Check(ImapiNative.imapi_recorder_eject_media);
    public void CloseTray() => Owner.Check(ImapiNative.imapi_recorder_close_tray);
    /// <summary>A no-op on Linux (see imapi_c.h).</summary>
    public void DisableMcn() => Owner.Check(ImapiNative.imapi_recorder_disable_mcn);
    public void EnableMcn() => Owner.Check(ImapiNative.imapi_recorder_enable_mcn);

    /// <summary>Extension: the medium in the recorder (Present is false without one).</summary>
    public unsafe MediaInfo MediaInfo => Owner.Call(h =>
    {
        var m = NativeMediaInfo.New();
        ImapiException.Check(ImapiNative.imapi_recorder_get_media_info(h, (IntPtr)(&m)));
        return new MediaInfo(m.Present != 0, (ImapiProfileType)m.Profile, (ImapiMediaPhysicalType)m.PhysicalType,
            (ImapiFormat2DataMediaState)m.State, (ImapiMediaWriteProtectState)m.WriteProtect, m.Sessions,
            m.TotalSectors, m.FreeSectors, m.NextWritableAddress);
    });

    public byte[] GetDiscInformation() => Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_disc_information(h, b, cap, n));
    public byte[] GetTrackInformation(long address, ReadTrackAddressType addressType) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_track_information(h, address, (int)addressType, b, cap, n));
    public byte[] GetFeaturePage(ImapiFeaturePageType feature, bool currentFeatureOnly) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_feature_page(h, (int)feature, currentFeatureOnly ? 1 : 0, b, cap, n));
    public byte[] GetModePage(ImapiModePageType page, ModePageRequestType requestType) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_mode_page(h, (int)page, (int)requestType, b, cap, n));

    public unsafe void SetModePage(ModePageRequestType requestType, byte[] data)
    {
        fixed (byte* p = data)
        {
            IntPtr dp = (IntPtr)p;
            long size = data?.Length ?? 0;
            Owner.Check(h => ImapiNative.imapi_recorder_set_mode_page(h, (int)requestType, dp, size));
        }
    }

    /// <summary>ReadDvdStructure: the READ DISC STRUCTURE reply, header included.</summary>
    public byte[] ReadDvdStructure(int format, long address, int layer, int agid) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_read_dvd_structure(h, format, address, layer, agid, b, cap, n));

    public unsafe void SendDvdStructure(int format, byte[] data)
    {
        fixed (byte* p = data)
        {
            IntPtr dp = (IntPtr)p;
            long size = data?.Length ?? 0;
            Owner.Check(h => ImapiNative.imapi_recorder_send_dvd_structure(h, format, dp, size));
        }
    }

    /// <summary>SendCommandNoData: <paramref name="sense"/> is empty unless the device answered CHECK CONDITION.</summary>
    public void SendCommandNoData(byte[] cdb, out byte[] sense, int timeoutSeconds = 0) =>
        Send(cdb, IMAPI_COMMAND_NO_DATA, Array.Empty<byte>(), timeoutSeconds, out sense);
    public void SendCommandSendDataToDevice(byte[] cdb, out byte[] sense, int timeoutSeconds, byte[] buffer) =>
        Send(cdb, IMAPI_COMMAND_TO_DEVICE, buffer, timeoutSeconds, out sense);
    /// <summary>SendCommandGetDataFromDevice: returns the bytes fetched into <paramref name="buffer"/>.</summary>
    public long SendCommandGetDataFromDevice(byte[] cdb, out byte[] sense, int timeoutSeconds, byte[] buffer) =>
        Send(cdb, IMAPI_COMMAND_FROM_DEVICE, buffer, timeoutSeconds, out sense);

    /// <summary>
    /// GetAdapterDescriptor: Windows' STORAGE_ADAPTER_DESCRIPTOR bytes (32, little-endian; see
    /// imapi_c.h for where Linux takes each field). The three transfer limits below are its fields.
    /// </summary>
    public byte[] GetAdapterDescriptor() =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_adapter_descriptor(h, b, cap, n));
    /// <summary>
    /// GetDeviceDescriptor: Windows' STORAGE_DEVICE_DESCRIPTOR bytes: the header, the INQUIRY data,
    /// then the NUL-terminated vendor, product, revision and serial strings its offsets point at.
    /// </summary>
    public byte[] GetDeviceDescriptor() =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_device_descriptor(h, b, cap, n));

    public int ByteAlignmentMask => Owner.Get<int>(ImapiNative.imapi_recorder_get_byte_alignment_mask);
    public int MaximumNonPageAlignedTransferSize =>
        Owner.Get<int>(ImapiNative.imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    public int MaximumPageAlignedTransferSize =>
        Owner.Get<int>(ImapiNative.imapi_recorder_get_maximum_page_aligned_transfer_size);

    private unsafe long Send(byte[] cdb, int direction, byte[] buffer, int timeoutSeconds, out byte[] sense)
    {
        var moved = new long[1];
        int status;
        fixed (byte* c = cdb)
        fixed (byte* b = buffer)
        fixed (long* m = moved)
        {
            IntPtr cp = (IntPtr)c, bp = (IntPtr)b, mp = (IntPtr)m;
            long cdbSize = cdb?.Length ?? 0, cap = buffer?.Length ?? 0;
            status = Owner.Call(h =>
                ImapiNative.imapi_recorder_send_command(h, cp, cdbSize, direction, bp, cap, timeoutSeconds, mp));
        }
        ImapiException.Check(status);
        sense = status == (int)ImapiStatus.CommandHasSenseData
            ? Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_last_sense(h, b, cap, n))
            : Array.Empty<byte>();
        return moved[0];
    }

    // The C lists are int32_t arrays of an enum's values.
    private TEnum[] EnumList<TEnum>(Func<IntPtr, IntPtr, int, IntPtr, int> call) where TEnum : unmanaged, Enum =>
        Array.ConvertAll(IntList(call), v => (TEnum)(object)v);

    private unsafe int[] IntList(Func<IntPtr, IntPtr, int, IntPtr, int> call) => Owner.Call(h =>
    {
        int count = 0;
        ImapiException.Check(call(h, IntPtr.Zero, 0, (IntPtr)(&count)));
        var values = new int[count];
        fixed (int* p = values)
            ImapiException.Check(call(h, (IntPtr)p, count, (IntPtr)(&count)));
        return values[..Math.Min(count, values.Length)];
    });

    // One call with room for the largest reply IMAPI defines, trimmed to the reported size.
    private unsafe byte[] Blob(Func<IntPtr, IntPtr, long, IntPtr, int> call) => Owner.Call(h =>
    {
        var buffer = new byte[MaxReply];
        long size = 0;
        fixed (byte* p = buffer)
            ImapiException.Check(call(h, (IntPtr)p, buffer.Length, (IntPtr)(&size)));
        return buffer[..(int)Math.Min(size, buffer.Length)];
    });
}
