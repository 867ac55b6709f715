using System;
using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>IMAPI_MODE_PAGE_REQUEST_TYPE: which values of a mode page to read or set.</summary>
public enum ModePageRequestType : int
{
    /// <summary>The values in force now.</summary>
    CurrentValues = 0,
    /// <summary>A mask of the bits that can be changed.</summary>
    ChangeableValues = 1,
    /// <summary>The power-on defaults.</summary>
    DefaultValues = 2,
    /// <summary>The values saved across power cycles (a drive that keeps none fails with RecorderNoSuchModePage).</summary>
    SavedValues = 3,
}

/// <summary>IMAPI_READ_TRACK_ADDRESS_TYPE: what the address of <see cref="DiscRecorder.GetTrackInformation"/> means.</summary>
public enum ReadTrackAddressType : int
{
    /// <summary>A logical block address inside the track.</summary>
    Lba = 0,
    /// <summary>A track number (255: the invisible, next writable track).</summary>
    Track = 1,
    /// <summary>A session number (its first track).</summary>
    Session = 2,
}

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
/// (InitializeDiscRecorder; IDs from <see cref="DiscMaster"/>). Opening does not lock the
/// drive: several objects and processes may share it, until one takes
/// <see cref="AcquireExclusiveAccess"/>. Dispose releases the handle and any exclusive
/// access it still holds. One thread at a time per object (calls are serialized).
/// Device errors are <see cref="ImapiException"/>s with IMAPI's IMAPI_E_RECORDER_* numbers
/// and the SCSI sense in <see cref="ImapiException.SenseKey"/>, Asc and Ascq.
/// </summary>
public sealed class DiscRecorder : ImapiObject
{
    private const int IMAPI_COMMAND_NO_DATA = 0, IMAPI_COMMAND_TO_DEVICE = 1, IMAPI_COMMAND_FROM_DEVICE = 2;
    private const int MaxReply = 65538;

    internal DiscRecorder(ImapiHandle handle) : base(handle, "DiscRecorder") { }

    /// <summary>InitializeDiscRecorder: the recorder with this unique ID (from <see cref="DiscMaster"/>, or an emu: URI added there).</summary>
    /// <exception cref="ImapiException">InvalidArg when no recorder has the ID; AccessDenied when the device cannot be opened.</exception>
    public static DiscRecorder Open(string uniqueId) =>
        new(HandleOwner.Create(HandleKind.Recorder, o => ImapiNative.imapi_recorder_open(uniqueId, o)));

    /// <summary>ActiveDiscRecorder: the unique ID the recorder was opened with.</summary>
    public string ActiveDiscRecorder => Owner.GetString(ImapiNative.imapi_recorder_get_active_disc_recorder);
    /// <summary>VendorId: the INQUIRY vendor string, trailing blanks removed.</summary>
    public string VendorId => Owner.GetString(ImapiNative.imapi_recorder_get_vendor_id);
    /// <summary>ProductId: the INQUIRY product string, trailing blanks removed.</summary>
    public string ProductId => Owner.GetString(ImapiNative.imapi_recorder_get_product_id);
    /// <summary>ProductRevision: the INQUIRY revision string (firmware), trailing blanks removed.</summary>
    public string ProductRevision => Owner.GetString(ImapiNative.imapi_recorder_get_product_revision);
    /// <summary>VolumeName: the device node ("/dev/sr0"); for an emulated drive, its data image's path.</summary>
    public string VolumeName => Owner.GetString(ImapiNative.imapi_recorder_get_volume_name);
    /// <summary>ExclusiveAccessOwner: the client name holding the drive exclusively, "" when nobody does.</summary>
    public string ExclusiveAccessOwner => Owner.GetString(ImapiNative.imapi_recorder_get_exclusive_access_owner);
    /// <summary>DeviceCanLoadMedia: the drive has a tray or changer it can close itself (mode page 2Ah).</summary>
    public bool DeviceCanLoadMedia => Owner.Get<int>(ImapiNative.imapi_recorder_get_device_can_load_media) != 0;
    /// <summary>LegacyDeviceNumber: N of /dev/srN; for an emulated drive, its position among the emulated drives.</summary>
    public int LegacyDeviceNumber => Owner.Get<int>(ImapiNative.imapi_recorder_get_legacy_device_number);

    /// <summary>VolumePathNames: the mount points of the medium (empty when not mounted; emulated drives never are).</summary>
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

    /// <summary>SupportedFeaturePages: the MMC features the drive reports, in its order.</summary>
    /// <exception cref="ImapiException">RecorderGetConfigurationNotSupported for a drive without GET CONFIGURATION.</exception>
    public ImapiFeaturePageType[] SupportedFeaturePages =>
        EnumList<ImapiFeaturePageType>(ImapiNative.imapi_recorder_get_supported_feature_pages);
    /// <summary>CurrentFeaturePages: the features current for the medium in the drive.</summary>
    /// <exception cref="ImapiException">RecorderGetConfigurationNotSupported for a drive without GET CONFIGURATION.</exception>
    public ImapiFeaturePageType[] CurrentFeaturePages =>
        EnumList<ImapiFeaturePageType>(ImapiNative.imapi_recorder_get_current_feature_pages);
    /// <summary>SupportedProfiles: every profile the drive can take (the media it reads or writes).</summary>
    public ImapiProfileType[] SupportedProfiles => EnumList<ImapiProfileType>(ImapiNative.imapi_recorder_get_supported_profiles);
    /// <summary>CurrentProfiles: the profile of the medium in the drive; empty without a medium.</summary>
    public ImapiProfileType[] CurrentProfiles => EnumList<ImapiProfileType>(ImapiNative.imapi_recorder_get_current_profiles);
    /// <summary>SupportedModePages: the mode pages the drive has (current values).</summary>
    public ImapiModePageType[] SupportedModePages => GetSupportedModePages(ModePageRequestType.CurrentValues);

    /// <summary>GetSupportedModePages: the mode pages MODE SENSE page 3Fh returns for <paramref name="requestType"/>.</summary>
    /// <exception cref="ImapiException">RecorderNoSuchModePage for SavedValues on a drive that keeps none.</exception>
    public ImapiModePageType[] GetSupportedModePages(ModePageRequestType requestType) =>
        EnumList<ImapiModePageType>((h, p, cap, n) => ImapiNative.imapi_recorder_get_supported_mode_pages(h, (int)requestType, p, cap, n));

    /// <summary>
    /// AcquireExclusiveAccess: adds one level of exclusive access held by this object
    /// (<see cref="ReleaseExclusiveAccess"/> drops one; the drive is free at zero, on Dispose or
    /// at process exit). While held, other objects and processes are refused what would change
    /// the drive or its medium; queries still work for everyone.
    /// </summary>
    /// <param name="force">Unmount a mounted medium first (needs root); never takes the drive from another holder.</param>
    /// <param name="clientName">1-64 letters, digits, spaces, '.', '_' or '-'.</param>
    /// <exception cref="ImapiException">
    /// RecorderClientNameIsNotValid; RecorderLocked naming the holder or the mount point;
    /// AccessDenied when unmounting needs root.
    /// </exception>
    public void AcquireExclusiveAccess(bool force, string clientName) =>
        Owner.Check(h => ImapiNative.imapi_recorder_acquire_exclusive_access(h, force ? 1 : 0, clientName));
    /// <summary>ReleaseExclusiveAccess: drops one level of this object's exclusive access.</summary>
    /// <exception cref="ImapiException">Fail when this object holds none.</exception>
    public void ReleaseExclusiveAccess() => Owner.Check(ImapiNative.imapi_recorder_release_exclusive_access);
    /// <summary>EjectMedia: unlocks the tray and ejects the medium.</summary>
    /// <exception cref="ImapiException">RecorderLocked when another client holds the drive.</exception>
    public void EjectMedia() => Owner.Check(ImapiNative.imapi_recorder_eject_media);
    /// <summary>CloseTray: loads the medium.</summary>
    /// <exception cref="ImapiException">RecorderLocked when another client holds the drive.</exception>
    public void CloseTray() => Owner.Check(ImapiNative.imapi_recorder_close_tray);
    /// <summary>
    /// DisableMcn: a no-op on Linux, which has no per-drive media-change notification switch;
    /// hold exclusive access to keep automounters off a disc being written.
    /// </summary>
    public void DisableMcn() => Owner.Check(ImapiNative.imapi_recorder_disable_mcn);
    /// <summary>EnableMcn: a no-op on Linux (see <see cref="DisableMcn"/>).</summary>
    public void EnableMcn() => Owner.Check(ImapiNative.imapi_recorder_enable_mcn);

    /// <summary>Extension: the medium in the recorder, read now (Present is false without one; no medium is not an error).</summary>
    public unsafe MediaInfo MediaInfo => Owner.Call(h =>
    {
        var m = NativeMediaInfo.New();
        ImapiException.Check(ImapiNative.imapi_recorder_get_media_info(h, (IntPtr)(&m)));
        return new MediaInfo(m.Present != 0, (ImapiProfileType)m.Profile, (ImapiMediaPhysicalType)m.PhysicalType,
            (ImapiFormat2DataMediaState)m.State, (ImapiMediaWriteProtectState)m.WriteProtect, m.Sessions,
            m.TotalSectors, m.FreeSectors, m.NextWritableAddress);
    });

    /// <summary>GetDiscInformation: the READ DISC INFORMATION reply.</summary>
    public byte[] GetDiscInformation() => Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_disc_information(h, b, cap, n));
    /// <summary>GetTrackInformation: the READ TRACK INFORMATION reply for <paramref name="address"/> of <paramref name="addressType"/>.</summary>
    public byte[] GetTrackInformation(long address, ReadTrackAddressType addressType) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_track_information(h, address, (int)addressType, b, cap, n));
    /// <summary>GetFeaturePage: one GET CONFIGURATION feature descriptor, its 4-byte header included.</summary>
    /// <exception cref="ImapiException">RecorderNoSuchFeature; RecorderFeatureIsNotCurrent with <paramref name="currentFeatureOnly"/>.</exception>
    public byte[] GetFeaturePage(ImapiFeaturePageType feature, bool currentFeatureOnly) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_feature_page(h, (int)feature, currentFeatureOnly ? 1 : 0, b, cap, n));
    /// <summary>GetModePage: one MODE SENSE(10) page, page code and length bytes included.</summary>
    /// <exception cref="ImapiException">RecorderNoSuchModePage when the drive has no such page or keeps no saved values.</exception>
    public byte[] GetModePage(ImapiModePageType page, ModePageRequestType requestType) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_get_mode_page(h, (int)page, (int)requestType, b, cap, n));

    /// <summary>
    /// SetModePage: MODE SELECT(10) of one whole page (code, length, then exactly length bytes),
    /// as current values (<see cref="ModePageRequestType.CurrentValues"/>) or also saved (<see cref="ModePageRequestType.SavedValues"/>).
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg; RecorderInvalidModeParameters; RecorderLocked.</exception>
    public unsafe void SetModePage(ModePageRequestType requestType, byte[] data)
    {
        fixed (byte* p = data)
        {
            IntPtr dp = (IntPtr)p;
            long size = data?.Length ?? 0;
            Owner.Check(h => ImapiNative.imapi_recorder_set_mode_page(h, (int)requestType, dp, size));
        }
    }

    /// <summary>ReadDvdStructure: the READ DISC STRUCTURE reply (format 0-255, layer 0-255, AGID 0-3), header included.</summary>
    /// <exception cref="ImapiException">InvalidArg; RecorderDvdStructureNotPresent.</exception>
    public byte[] ReadDvdStructure(int format, long address, int layer, int agid) =>
        Blob((h, b, cap, n) => ImapiNative.imapi_recorder_read_dvd_structure(h, format, address, layer, agid, b, cap, n));

    /// <summary>SendDvdStructure: SEND DISC STRUCTURE of <paramref name="format"/> with the parameter list <paramref name="data"/> (1 to 65,535 bytes).</summary>
    /// <exception cref="ImapiException">InvalidArg; RecorderLocked; the drive's refusal with its sense.</exception>
    public unsafe void SendDvdStructure(int format, byte[] data)
    {
        fixed (byte* p = data)
        {
            IntPtr dp = (IntPtr)p;
            long size = data?.Length ?? 0;
            Owner.Check(h => ImapiNative.imapi_recorder_send_dvd_structure(h, format, dp, size));
        }
    }

    /// <summary>
    /// SendCommandNoData: sends the CDB (6 to 16 bytes) once, as given, waiting up to
    /// <paramref name="timeoutSeconds"/> (0: 10 s). <paramref name="sense"/> is empty unless the
    /// device answered CHECK CONDITION (a success: the command was delivered).
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg (CDB length); RecorderCommandTimeout; RecorderLocked for a changing command while another client holds the drive.</exception>
    public void SendCommandNoData(byte[] cdb, out byte[] sense, int timeoutSeconds = 0) =>
        Send(cdb, IMAPI_COMMAND_NO_DATA, Array.Empty<byte>(), timeoutSeconds, out sense);
    /// <summary>SendCommandSendDataToDevice: as <see cref="SendCommandNoData"/>, sending <paramref name="buffer"/> to the device.</summary>
    /// <exception cref="ImapiException">As <see cref="SendCommandNoData"/>; InvalidArg for a buffer beyond the transfer limits.</exception>
    public void SendCommandSendDataToDevice(byte[] cdb, out byte[] sense, int timeoutSeconds, byte[] buffer) =>
        Send(cdb, IMAPI_COMMAND_TO_DEVICE, buffer, timeoutSeconds, out sense);
    /// <summary>SendCommandGetDataFromDevice: as <see cref="SendCommandNoData"/>, filling <paramref name="buffer"/>; returns the bytes fetched.</summary>
    /// <exception cref="ImapiException">As <see cref="SendCommandNoData"/>; InvalidArg for a buffer beyond the transfer limits.</exception>
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

    /// <summary>GetByteAlignmentMask: the transport's buffer alignment mask (on Linux, a buffer off it is copied by the kernel).</summary>
    public int ByteAlignmentMask => Owner.Get<int>(ImapiNative.imapi_recorder_get_byte_alignment_mask);
    /// <summary>GetMaximumNonPageAlignedTransferSize: the largest buffer not starting on a 4 KiB page a command may move.</summary>
    public int MaximumNonPageAlignedTransferSize =>
        Owner.Get<int>(ImapiNative.imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    /// <summary>GetMaximumPageAlignedTransferSize: the largest page-aligned buffer a command may move.</summary>
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
