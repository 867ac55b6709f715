package org.libimapi;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * IDiscRecorder2 and IDiscRecorder2Ex: one recorder, opened by unique ID
 * (InitializeDiscRecorder). Device errors are ImapiExceptions with IMAPI's
 * E_IMAPI_RECORDER_* numbers.
 */
public final class DiscRecorder extends NativeHandle {
    /** IMAPI_MODE_PAGE_REQUEST_TYPE. */
    public static final int MODE_CURRENT_VALUES = 0, MODE_CHANGEABLE_VALUES = 1, MODE_DEFAULT_VALUES = 2,
            MODE_SAVED_VALUES = 3;
    /** IMAPI_READ_TRACK_ADDRESS_TYPE. */
    public static final int ADDRESS_LBA = 0, ADDRESS_TRACK = 1, ADDRESS_SESSION = 2;

    private static final int NO_DATA = 0, TO_DEVICE = 1, FROM_DEVICE = 2;
    private static final int MAX_REPLY = 65538;

    private interface ListCall {
        int apply(long h, int[] values, int cap, int[] count);
    }

    private interface BlobCall {
        int apply(long h, ByteBuffer buf, long[] size);
    }

    DiscRecorder(long raw) { super(raw, ImapiNative::imapi_recorder_free, "DiscRecorder"); }

    /** InitializeDiscRecorder: the recorder with this unique ID (from DiscMaster). */
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

    public String getActiveDiscRecorder() { return string(ImapiNative::imapi_recorder_get_active_disc_recorder); }
    public String getVendorId() { return string(ImapiNative::imapi_recorder_get_vendor_id); }
    public String getProductId() { return string(ImapiNative::imapi_recorder_get_product_id); }
    public String getProductRevision() { return string(ImapiNative::imapi_recorder_get_product_revision); }
    public String getVolumeName() { return string(ImapiNative::imapi_recorder_get_volume_name); }
    public String getExclusiveAccessOwner() { return string(ImapiNative::imapi_recorder_get_exclusive_access_owner); }
    public boolean getDeviceCanLoadMedia() { return int32(ImapiNative::imapi_recorder_get_device_can_load_media) != 0; }
    public int getLegacyDeviceNumber() { return int32(ImapiNative::imapi_recorder_get_legacy_device_number); }

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

    public int[] getSupportedFeaturePages() { return list(ImapiNative::imapi_recorder_get_supported_feature_pages); }
    public int[] getCurrentFeaturePages() { return list(ImapiNative::imapi_recorder_get_current_feature_pages); }
    public int[] getSupportedProfiles() { return list(ImapiNative::imapi_recorder_get_supported_profiles); }
    public int[] getCurrentProfiles() { return list(ImapiNative::imapi_recorder_get_current_profiles); }
    public int[] getSupportedModePages() { return getSupportedModePages(MODE_CURRENT_VALUES); }

    public int[] getSupportedModePages(int requestType) {
        return list((h, v, cap, n) -> ImapiNative.imapi_recorder_get_supported_mode_pages(h, requestType, v, cap, n));
    }

    public void acquireExclusiveAccess(boolean force, String clientName) {
        check(h -> ImapiNative.imapi_recorder_acquire_exclusive_access(h, force ? 1 : 0, clientName));
    }
    public void releaseExclusiveAccess() { check(ImapiNative::imapi_recorder_release_exclusive_access); }
    public void ejectMedia() { check(ImapiNative::imapi_recorder_eject_media); }
    public void closeTray() { check(ImapiNative::imapi_recorder_close_tray); }
    /** A no-op on Linux (see imapi_c.h). */
    public void disableMcn() { check(ImapiNative::imapi_recorder_disable_mcn); }
    public void enableMcn() { check(ImapiNative::imapi_recorder_enable_mcn); }

    /** Extension: the medium in the recorder ({@code present()} is false without one). */
    public MediaInfo getMediaInfo() {
        return call(h -> {
            imapi_media_info m = new imapi_media_info();
            try {
                ImapiException.check(ImapiNative.imapi_recorder_get_media_info(h, m));
                return new MediaInfo(m.getPresent() != 0, m.getProfile(), m.getPhysical_type(), m.getState(),
                        m.getWrite_protect(), m.getSessions(), m.getTotal_sectors(), m.getFree_sectors(),
                        m.getNext_writable_address());
            } finally {
                m.delete();
            }
        });
    }

    public byte[] getDiscInformation() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_disc_information(h, b, n));
    }
    public byte[] getTrackInformation(long address, int addressType) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_track_information(h, address, addressType, b, n));
    }
    public byte[] getFeaturePage(int feature, boolean currentFeatureOnly) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_feature_page(h, feature, currentFeatureOnly ? 1 : 0, b, n));
    }
    public byte[] getModePage(int page, int requestType) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_mode_page(h, page, requestType, b, n));
    }
    public void setModePage(int requestType, byte[] data) {
        check(h -> ImapiNative.imapi_recorder_set_mode_page(h, requestType, data));
    }

    /** ReadDvdStructure: the READ DISC STRUCTURE reply, header included. */
    public byte[] readDvdStructure(int format, long address, int layer, int agid) {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_read_dvd_structure(h, format, address, layer, agid, b, n));
    }
    public void sendDvdStructure(int format, byte[] data) {
        check(h -> ImapiNative.imapi_recorder_send_dvd_structure(h, format, data));
    }

    /** The result of a pass-through command: bytes moved, and the sense bytes when the device returned any. */
    public record CommandResult(long transferred, byte[] sense) {}

    public CommandResult sendCommandNoData(byte[] cdb, int timeoutSeconds) {
        return send(cdb, NO_DATA, null, timeoutSeconds);
    }
    /** {@code data} is copied to a direct buffer for the data-out phase. */
    public CommandResult sendCommandSendDataToDevice(byte[] cdb, int timeoutSeconds, byte[] data) {
        ByteBuffer b = ByteBuffer.allocateDirect(data.length);
        b.put(data);
        return send(cdb, TO_DEVICE, b, timeoutSeconds);
    }
    /** {@code buffer} must be a direct buffer; its first {@code transferred} bytes are filled. */
    public CommandResult sendCommandGetDataFromDevice(byte[] cdb, int timeoutSeconds, ByteBuffer buffer) {
        return send(cdb, FROM_DEVICE, buffer, timeoutSeconds);
    }

    /**
     * GetAdapterDescriptor: Windows' STORAGE_ADAPTER_DESCRIPTOR bytes (32, little-endian; imapi_c.h
     * says where Linux takes each field). The three transfer limits below are its fields.
     */
    public byte[] getAdapterDescriptor() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_adapter_descriptor(h, b, n));
    }
    /**
     * GetDeviceDescriptor: Windows' STORAGE_DEVICE_DESCRIPTOR bytes: the header, the INQUIRY data,
     * then the NUL-terminated vendor, product, revision and serial strings its offsets point at.
     */
    public byte[] getDeviceDescriptor() {
        return blob((h, b, n) -> ImapiNative.imapi_recorder_get_device_descriptor(h, b, n));
    }

    public int getByteAlignmentMask() { return int32(ImapiNative::imapi_recorder_get_byte_alignment_mask); }
    public int getMaximumNonPageAlignedTransferSize() {
        return int32(ImapiNative::imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    }
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

    private int[] list(ListCall f) {
        return call(h -> {
            int[] count = new int[1];
            ImapiException.check(f.apply(h, null, 0, count));
            int[] values = new int[count[0]];
            ImapiException.check(f.apply(h, values, values.length, count));
            return Arrays.copyOf(values, Math.min(count[0], values.length));
        });
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
