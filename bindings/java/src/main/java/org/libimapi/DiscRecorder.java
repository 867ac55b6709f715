package org.libimapi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * IDiscRecorder2 and IDiscRecorder2Ex: one recorder, opened by unique ID
 * (InitializeDiscRecorder). Opening does not lock the drive; several objects (and processes)
 * may share it, and {@link #acquireExclusiveAccess} holds it. An AutoCloseable: {@link #close}
 * releases the handle and any exclusive access it still holds. Calls are serialized per
 * object. Every method throws {@link ImapiException}: device errors carry IMAPI's
 * E_RECORDER_* numbers and the SCSI sense ({@link ImapiException#getSenseKey} and so on).
 */
public final class DiscRecorder extends NativeHandle {
    private static final int NO_DATA = 0, TO_DEVICE = 1, FROM_DEVICE = 2;
    private static final int MAX_REPLY = 65538;

    private interface BlobCall {
        int apply(long h, ByteBuffer buf, long[] size);
    }

    DiscRecorder(long raw) { super(raw, ImapiNative::imapi_recorder_free, "DiscRecorder"); }

    /**
     * InitializeDiscRecorder: opens a recorder.
     *
     * @param uniqueId an ID from {@link DiscMaster#getUniqueIds}, or an emulated drive's URI
     * @return the recorder (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} when no recorder has the ID,
     *         {@link ImapiStatus#E_ACCESSDENIED} when the device cannot be opened
     */
    public static DiscRecorder open(String uniqueId) {
        return new DiscRecorder(create(o -> ImapiNative.imapi_recorder_open(uniqueId, o)));
    }

    private String string(java.util.function.BiFunction<Long, String[], Integer> f) {
        String[] s = new String[1];
        check(h -> f.apply(h, s));
        return s[0];
    }

    private int int32(java.util.function.BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    /** @return ActiveDiscRecorder: the unique ID the recorder was opened with */
    public String getActiveDiscRecorder() { return string(ImapiNative::imapi_recorder_get_active_disc_recorder); }
    /** @return VendorId: the INQUIRY vendor, trailing blanks removed */
    public String getVendorId() { return string(ImapiNative::imapi_recorder_get_vendor_id); }
    /** @return ProductId: the INQUIRY product, trailing blanks removed */
    public String getProductId() { return string(ImapiNative::imapi_recorder_get_product_id); }
    /** @return ProductRevision: the INQUIRY revision, trailing blanks removed */
    public String getProductRevision() { return string(ImapiNative::imapi_recorder_get_product_revision); }
    /** @return VolumeName: the device node ("/dev/sr0"); for an emulated drive, its data image's path */
    public String getVolumeName() { return string(ImapiNative::imapi_recorder_get_volume_name); }
    /** @return ExclusiveAccessOwner: the client name holding the drive exclusively, "" when nobody does */
    public String getExclusiveAccessOwner() { return string(ImapiNative::imapi_recorder_get_exclusive_access_owner); }
    /** @return DeviceCanLoadMedia: the drive has a tray or changer it can close itself */
    public boolean getDeviceCanLoadMedia() { return int32(ImapiNative::imapi_recorder_get_device_can_load_media) != 0; }
    /** @return LegacyDeviceNumber: N of /dev/srN; for an emulated drive, its position among them */
    public int getLegacyDeviceNumber() { return int32(ImapiNative::imapi_recorder_get_legacy_device_number); }

    /** @return VolumePathNames: the mount points of the medium (emulated drives are never mounted) */
    public List<String> getVolumePathNames() {
        return call(h -> {
            List<String> paths = new ArrayList<>();
            int[] count = {1};
            for (int i = 0; i < count[0]; i++) {
                String[] s = new String[1];
                ImapiException.check(ImapiNative.imapi_recorder_get_volume_path_name(h, i, s, count));
                if (i < count[0]) paths.add(s[0]);  // past the end, *out is NULL (decoded as "")
            }
            return paths;
        });
    }

    /**
     * SupportedFeaturePages.
     *
     * @return the MMC feature codes (IMAPI_FEATURE_PAGE_TYPE) the drive has, in its order
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED}
     */
    public int[] getSupportedFeaturePages() { return list(ImapiNative::imapi_recorder_get_supported_feature_pages); }
    /**
     * CurrentFeaturePages.
     *
     * @return the feature codes current for the medium in the drive
     */
    public int[] getCurrentFeaturePages() { return list(ImapiNative::imapi_recorder_get_current_feature_pages); }
    /**
     * SupportedProfiles.
     *
     * @return the profiles the drive supports, in its order
     */
    public List<ImapiProfileType> getSupportedProfiles() { return profiles(list(ImapiNative::imapi_recorder_get_supported_profiles)); }
    /**
     * CurrentProfiles.
     *
     * @return the profiles current for the medium (empty without one)
     */
    public List<ImapiProfileType> getCurrentProfiles() { return profiles(list(ImapiNative::imapi_recorder_get_current_profiles)); }

    private static List<ImapiProfileType> profiles(int[] values) {
        List<ImapiProfileType> out = new ArrayList<>();
        for (int v : values) out.add(ImapiProfileType.of(v));
        return out;
    }

    /**
     * SupportedModePages: the mode pages of the current values.
     *
     * @return the IMAPI_MODE_PAGE_TYPE codes MODE SENSE page 3Fh returns
     */
    public int[] getSupportedModePages() { return getSupportedModePages(ImapiModePageRequestType.CURRENT_VALUES); }

    /**
     * IDiscRecorder2Ex.GetSupportedModePages.
     *
     * @param requestType which values
     * @return the mode page codes MODE SENSE page 3Fh returns for them
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_NO_SUCH_MODE_PAGE} for SAVED_VALUES on a drive that saves none
     */
    public int[] getSupportedModePages(ImapiModePageRequestType requestType) {
        int t = NativeEnum.valueOf(requestType, "requestType");
        return list((h, v, cap, n) -> ImapiNative.imapi_recorder_get_supported_mode_pages(h, t, v, cap, n));
    }

    /**
     * AcquireExclusiveAccess: adds one level of exclusive access held by this object (the drive is
     * free again at zero, or when this object is closed). While held, other handles and processes
     * are refused what would change the drive or its medium.
     *
     * @param force with a mounted medium: unmount it first (needs root), instead of failing
     * @param clientName 1-64 letters, digits, spaces, '.', '_' or '-'
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_LOCKED} naming the holder or the mount point,
     *         {@link ImapiStatus#E_RECORDER_CLIENT_NAME_IS_NOT_VALID}, {@link ImapiStatus#E_ACCESSDENIED}
     */
    public void acquireExclusiveAccess(boolean force, String clientName) {
        check(h -> ImapiNative.imapi_recorder_acquire_exclusive_access(h, force ? 1 : 0, clientName));
    }
    /**
     * ReleaseExclusiveAccess: drops one level.
     *
     * @throws ImapiException {@link ImapiStatus#E_FAIL} when this object holds none
     */
    public void releaseExclusiveAccess() { check(ImapiNative::imapi_recorder_release_exclusive_access); }
    /**
     * EjectMedia: unlocks the tray and ejects the medium.
     *
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_LOCKED} when another holds the drive
     */
    public void ejectMedia() { check(ImapiNative::imapi_recorder_eject_media); }
    /**
     * CloseTray: loads the medium.
     *
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_LOCKED} when another holds the drive
     */
    public void closeTray() { check(ImapiNative::imapi_recorder_close_tray); }
    /** DisableMcn: a no-op on Linux (no per-drive switch exists; hold exclusive access to keep automounters off). */
    public void disableMcn() { check(ImapiNative::imapi_recorder_disable_mcn); }
    /** EnableMcn: a no-op on Linux, like {@link #disableMcn}. */
    public void enableMcn() { check(ImapiNative::imapi_recorder_enable_mcn); }

    /**
     * Extension: the medium in the recorder.
     *
     * @return its profile, type, state and space ({@link MediaInfo#present} is false without one)
     */
    public MediaInfo getMediaInfo() {
        return call(h -> {
            imapi_media_info m = new imapi_media_info();
            try {
                ImapiException.check(ImapiNative.imapi_recorder_get_media_info(h, m));
                return MediaInfo.of(m);
            } finally {
                m.delete();
            }
        });
    }

    /**
     * GetDiscInformation.
     *
     * @return the READ DISC INFORMATION reply
     */
    public byte[] getDiscInformation() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_disc_information(h, b, n));
    }
    /**
     * GetTrackInformation.
     *
     * @param address an LBA, a track or a session number
     * @param addressType what {@code address} is
     * @return the READ TRACK INFORMATION reply
     */
    public byte[] getTrackInformation(long address, ImapiReadTrackAddressType addressType) {
        int t = NativeEnum.valueOf(addressType, "addressType");
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_track_information(h, address, t, b, n));
    }
    /**
     * GetFeaturePage.
     *
     * @param feature an MMC feature code
     * @param currentFeatureOnly only if it is current
     * @return the feature descriptor
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_NO_SUCH_FEATURE}, {@link ImapiStatus#E_RECORDER_FEATURE_IS_NOT_CURRENT}
     */
    public byte[] getFeaturePage(int feature, boolean currentFeatureOnly) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_feature_page(h, feature, currentFeatureOnly ? 1 : 0, b, n));
    }
    /**
     * GetModePage.
     *
     * @param page the mode page code
     * @param requestType which values
     * @return the mode page
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_NO_SUCH_MODE_PAGE}
     */
    public byte[] getModePage(int page, ImapiModePageRequestType requestType) {
        int t = NativeEnum.valueOf(requestType, "requestType");
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_mode_page(h, page, t, b, n));
    }
    /**
     * SetModePage (MODE SELECT).
     *
     * @param requestType which values to set
     * @param data the mode page, as {@link #getModePage} returns it
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_INVALID_MODE_PARAMETERS}, {@link ImapiStatus#E_RECORDER_LOCKED}
     */
    public void setModePage(ImapiModePageRequestType requestType, byte[] data) {
        int t = NativeEnum.valueOf(requestType, "requestType");
        check(h -> ImapiNative.imapi_recorder_set_mode_page(h, t, data));
    }

    /**
     * ReadDvdStructure.
     *
     * @param format the structure format code
     * @param address the address field
     * @param layer the layer number
     * @param agid the authentication grant ID
     * @return the READ DISC STRUCTURE reply, header included
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_DVD_STRUCTURE_NOT_PRESENT}
     */
    public byte[] readDvdStructure(int format, long address, int layer, int agid) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_read_dvd_structure(h, format, address, layer, agid, b, n));
    }
    /**
     * SendDvdStructure.
     *
     * @param format the structure format code
     * @param data the structure
     */
    public void sendDvdStructure(int format, byte[] data) {
        check(h -> ImapiNative.imapi_recorder_send_dvd_structure(h, format, data));
    }

    /**
     * The result of a pass-through command.
     *
     * @param transferred bytes moved in the data phase
     * @param sense the sense bytes when the device returned any, else empty
     */
    public record CommandResult(long transferred, byte[] sense) {}

    /**
     * SendCommandNoData: a raw SCSI command without a data phase.
     *
     * @param cdb the command descriptor block
     * @param timeoutSeconds how long the device may take
     * @return the result (sense bytes, if any)
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_LOCKED} for a changing command while another holds the drive,
     *         {@link ImapiStatus#E_RECORDER_COMMAND_TIMEOUT}
     */
    public CommandResult sendCommandNoData(byte[] cdb, int timeoutSeconds) {
        return send(cdb, NO_DATA, null, timeoutSeconds);
    }
    /**
     * SendCommandSendDataToDevice: a raw SCSI command with a data-out phase.
     *
     * @param cdb the command descriptor block
     * @param timeoutSeconds how long the device may take
     * @param data the bytes to send (copied to a direct buffer)
     * @return the result
     */
    public CommandResult sendCommandSendDataToDevice(byte[] cdb, int timeoutSeconds, byte[] data) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length);
        b.put(data);
        return send(cdb, TO_DEVICE, b, timeoutSeconds);
    }
    /**
     * SendCommandGetDataFromDevice: a raw SCSI command with a data-in phase.
     *
     * @param cdb the command descriptor block
     * @param timeoutSeconds how long the device may take
     * @param buffer a direct buffer; its first {@code transferred} bytes are filled
     * @return the result
     */
    public CommandResult sendCommandGetDataFromDevice(byte[] cdb, int timeoutSeconds, ByteBuffer buffer) {
        return send(cdb, FROM_DEVICE, buffer, timeoutSeconds);
    }

    /**
     * GetAdapterDescriptor: Windows' STORAGE_ADAPTER_DESCRIPTOR bytes (32, little-endian; imapi_c.h
     * says where Linux takes each field). The three transfer limits below are its fields.
     *
     * @return the descriptor's bytes
     */
    public byte[] getAdapterDescriptor() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_adapter_descriptor(h, b, n));
    }
    /**
     * GetDeviceDescriptor: Windows' STORAGE_DEVICE_DESCRIPTOR bytes: the header, the INQUIRY data,
     * then the NUL-terminated vendor, product, revision and serial strings its offsets point at.
     *
     * @return the descriptor's bytes
     */
    public byte[] getDeviceDescriptor() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_device_descriptor(h, b, n));
    }

    /** @return ByteAlignmentMask: the alignment buffers must have, minus one */
    public int getByteAlignmentMask() { return int32(ImapiNative::imapi_recorder_get_byte_alignment_mask); }
    /** @return MaximumNonPageAlignedTransferSize in bytes */
    public int getMaximumNonPageAlignedTransferSize() {
        return int32(ImapiNative::imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    }
    /** @return MaximumPageAlignedTransferSize in bytes */
    public int getMaximumPageAlignedTransferSize() {
        return int32(ImapiNative::imapi_recorder_get_maximum_page_aligned_transfer_size);
    }

    private CommandResult send(byte[] cdb, int direction, ByteBuffer buffer, int timeoutSeconds) {
        long[] moved = new long[1];
        int status = check(h -> ImapiNative.imapi_recorder_send_command(h, cdb, direction, buffer, timeoutSeconds, moved));
        byte[] sense = status == ImapiStatus.S_COMMAND_HAS_SENSE_DATA
                ? blob((h, b, n) -> ImapiNative.imapi_recorder_get_last_sense(h, b, n))
                : new byte[0];
        return new CommandResult(moved[0], sense);
    }

    // One call with room for the largest reply IMAPI defines, trimmed to the reported size.
    private byte[] blob(BlobCall f) {
        return call(h -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(MAX_REPLY);
            long[] size = new long[1];
            ImapiException.check(f.apply(h, buf, size));
            byte[] out = new byte[(int) Math.min(size[0], MAX_REPLY)];
            buf.get(0, out);
            return out;
        });
    }
}
