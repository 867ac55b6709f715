package org.libimapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * IMAPI2's MsftDiscFormat2Data: writes a data stream (a file-system image) to a disc
 * as one session, on every medium the drive writes, with multisession and
 * verification. Set the recorder and the client name first:
 * <pre>{@code
 * try (DiscRecorder r = DiscRecorder.open(uniqueId); DiscFormat2Data f = new DiscFormat2Data();
 *      ImapiStream image = ImapiStream.fromFile("photos.iso")) {
 *     f.setRecorder(r);
 *     f.setClientName("my-app");
 *     f.writeAsync(image, p -> { System.out.println(p.sectorsWritten() + "/" + p.sectorCount()); return true; })
 *      .join();
 * }
 * }</pre>
 * One thread at a time, except {@link #cancelWrite} and {@link #getProgress}.
 */
public final class DiscFormat2Data extends BurnWriter {
    /** IMAPI_BURN_VERIFICATION_LEVEL. */
    public static final int VERIFICATION_NONE = 0, VERIFICATION_QUICK = 1, VERIFICATION_FULL = 2;
    /** What {@link #setWriteSpeed} returns: offered exactly, or adjusted (S_IMAPI_*ADJUSTED). */
    public static final int SPEED_EXACT = 0, SPEED_ADJUSTED = 1, ROTATION_ADJUSTED = 2, BOTH_ADJUSTED = 3;

    private interface ListCall {
        int apply(long h, int[] values, int cap, int[] count);
    }

    /** MsftDiscFormat2Data with IMAPI's defaults (verification quick, the fastest speed, a 64 MiB ring). */
    public DiscFormat2Data() {
        super(create(ImapiNative::imapi_disc_format_data_create), ImapiNative::imapi_disc_format_data_free,
              "DiscFormat2Data", ImapiNative::imapi_disc_format_data_cancel_write,
              ImapiNative::imapi_disc_format_data_get_progress);
    }

    private int int32(BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    private long int64(BiFunction<Long, long[], Integer> f) {
        long[] v = new long[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    private int[] list(ListCall f) {
        return call(h -> {
            int[] n = new int[1];
            ImapiException.check(f.apply(h, null, 0, n));
            int[] v = new int[n[0]];
            ImapiException.check(f.apply(h, v, v.length, n));
            return n[0] == v.length ? v : java.util.Arrays.copyOf(v, n[0]);
        });
    }

    /** Recorder (put): the drive to write with; the writer shares the recorder object. */
    public void setRecorder(DiscRecorder recorder) {
        long r = raw(recorder);
        check(h -> ImapiNative.imapi_disc_format_data_set_recorder(h, r));
    }
    /** Recorder (get): a new handle on the same recorder object. */
    public DiscRecorder getRecorder() {
        return new DiscRecorder(call(h -> create(o -> ImapiNative.imapi_disc_format_data_get_recorder(h, o))));
    }
    /** ClientName: the name under which a write holds the drive exclusively (required before writing). */
    public void setClientName(String name) { check(h -> ImapiNative.imapi_disc_format_data_set_client_name(h, name)); }
    public String getClientName() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_disc_format_data_get_client_name(h, s));
        return s[0];
    }

    /** IsRecorderSupported: the drive writes at least one medium this writer supports. */
    public boolean isRecorderSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_data_is_recorder_supported(h, r, v)) != 0;
    }
    /** IsCurrentMediaSupported: the medium in the drive is one this writer writes, whatever its state. */
    public boolean isCurrentMediaSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_data_is_current_media_supported(h, r, v)) != 0;
    }
    /** MediaPhysicallyBlank. */
    public boolean getMediaPhysicallyBlank() { return int32(ImapiNative::imapi_disc_format_data_get_media_physically_blank) != 0; }
    /** MediaHeuristicallyBlank: blank, or overwritable media whose first 64 KiB are zeros. */
    public boolean getMediaHeuristicallyBlank() {
        return int32(ImapiNative::imapi_disc_format_data_get_media_heuristically_blank) != 0;
    }
    /** SupportedMediaTypes: {@link ImapiMediaPhysicalType} values writable with the recorder set. */
    public int[] getSupportedMediaTypes() { return list(ImapiNative::imapi_disc_format_data_get_supported_media_types); }
    /** CurrentMediaStatus: IMAPI_FORMAT2_DATA_MEDIA_STATE bits (0 without a medium). */
    public int getCurrentMediaStatus() { return int32(ImapiNative::imapi_disc_format_data_get_current_media_status); }
    /** WriteProtectStatus: IMAPI_MEDIA_WRITE_PROTECT_STATE bits. */
    public int getWriteProtectStatus() { return int32(ImapiNative::imapi_disc_format_data_get_write_protect_status); }
    /** CurrentPhysicalMediaType: an {@link ImapiMediaPhysicalType} value. */
    public int getCurrentPhysicalMediaType() { return int32(ImapiNative::imapi_disc_format_data_get_current_physical_media_type); }
    /** TotalSectorsOnMedia: used + free 2048-byte sectors. */
    public long getTotalSectorsOnMedia() { return int64(ImapiNative::imapi_disc_format_data_get_total_sectors_on_media); }
    /** FreeSectorsOnMedia: what the next write can record. */
    public long getFreeSectorsOnMedia() { return int64(ImapiNative::imapi_disc_format_data_get_free_sectors_on_media); }
    /** NextWritableAddress: where the next session starts (0 on overwritable media). */
    public long getNextWritableAddress() { return int64(ImapiNative::imapi_disc_format_data_get_next_writable_address); }
    /** StartAddressOfPreviousSession: -1 on a blank disc. */
    public long getStartAddressOfPreviousSession() {
        return int64(ImapiNative::imapi_disc_format_data_get_start_address_of_previous_session);
    }
    /** LastWrittenAddressOfPreviousSession: -1 on a blank disc. */
    public long getLastWrittenAddressOfPreviousSession() {
        return int64(ImapiNative::imapi_disc_format_data_get_last_written_address_of_previous_session);
    }

    /** ForceMediaToBeClosed: close the disc after the write (it is closed anyway when 2% or less stays free). */
    public void setForceMediaToBeClosed(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_force_media_to_be_closed(h, v ? 1 : 0)); }
    public boolean getForceMediaToBeClosed() { return int32(ImapiNative::imapi_disc_format_data_get_force_media_to_be_closed) != 0; }
    /** DisableConsumerDvdCompatibilityMode (DVD+R, DVD+R DL): how a closing write closes. */
    public void setDisableConsumerDvdCompatibilityMode(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(h, v ? 1 : 0));
    }
    public boolean getDisableConsumerDvdCompatibilityMode() {
        return int32(ImapiNative::imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode) != 0;
    }
    /** ForceOverwrite: overwrite overwritable media that hold data. */
    public void setForceOverwrite(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_force_overwrite(h, v ? 1 : 0)); }
    public boolean getForceOverwrite() { return int32(ImapiNative::imapi_disc_format_data_get_force_overwrite) != 0; }
    /** BufferUnderrunFreeDisabled: BUFE off (CD only). */
    public void setBufferUnderrunFreeDisabled(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_buffer_underrun_free_disabled(h, v ? 1 : 0));
    }
    public boolean getBufferUnderrunFreeDisabled() {
        return int32(ImapiNative::imapi_disc_format_data_get_buffer_underrun_free_disabled) != 0;
    }
    /** PostgapAlreadyInImage: the stream ends with the CD's 150-sector post-gap (CD only). */
    public void setPostgapAlreadyInImage(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_postgap_already_in_image(h, v ? 1 : 0));
    }
    public boolean getPostgapAlreadyInImage() { return int32(ImapiNative::imapi_disc_format_data_get_postgap_already_in_image) != 0; }
    /** IBurnVerification.BurnVerificationLevel: VERIFICATION_NONE, _QUICK or _FULL. */
    public void setBurnVerificationLevel(int level) {
        check(h -> ImapiNative.imapi_disc_format_data_set_burn_verification_level(h, level));
    }
    public int getBurnVerificationLevel() { return int32(ImapiNative::imapi_disc_format_data_get_burn_verification_level); }
    /** Extension: the ring buffer of the next writes in bytes (0 restores the 64 MiB default). */
    public void setBufferSize(long bytes) { check(h -> ImapiNative.imapi_disc_format_data_set_buffer_size(h, bytes)); }
    public long getBufferSize() { return int64(ImapiNative::imapi_disc_format_data_get_buffer_size); }
    /** Extension: WRITE(12) with the Streaming bit on BD-RE and DVD-RAM (full speed, no defect management). */
    public void setUseStreamingWrite12(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_use_streaming_write12(h, v ? 1 : 0));
    }
    public boolean getUseStreamingWrite12() { return int32(ImapiNative::imapi_disc_format_data_get_use_streaming_write12) != 0; }
    /** Extension: test writes (laser off) where the medium has them (CD-R/RW, DVD-R/RW). */
    public void setTestWrite(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_test_write(h, v ? 1 : 0)); }
    public boolean getTestWrite() { return int32(ImapiNative::imapi_disc_format_data_get_test_write) != 0; }

    /** SetWriteSpeed: sectors per second (-1: the fastest); returns SPEED_EXACT or what was adjusted. */
    public int setWriteSpeed(int requestedSectorsPerSecond, boolean rotationTypeIsPureCav) {
        int s = check(h -> ImapiNative.imapi_disc_format_data_set_write_speed(h, requestedSectorsPerSecond,
                rotationTypeIsPureCav ? 1 : 0));
        return s == ImapiStatus.S_SPEEDADJUSTED ? SPEED_ADJUSTED
             : s == ImapiStatus.S_ROTATIONADJUSTED ? ROTATION_ADJUSTED
             : s == ImapiStatus.S_BOTHADJUSTED ? BOTH_ADJUSTED : SPEED_EXACT;
    }
    /** RequestedWriteSpeed: sectors per second; -1 = the fastest. */
    public int getRequestedWriteSpeed() { return int32(ImapiNative::imapi_disc_format_data_get_requested_write_speed); }
    public boolean getRequestedRotationTypeIsPureCav() {
        return int32(ImapiNative::imapi_disc_format_data_get_requested_rotation_type_is_pure_cav) != 0;
    }
    /** CurrentWriteSpeed: sectors per second. */
    public int getCurrentWriteSpeed() { return int32(ImapiNative::imapi_disc_format_data_get_current_write_speed); }
    public boolean getCurrentRotationTypeIsPureCav() {
        return int32(ImapiNative::imapi_disc_format_data_get_current_rotation_type_is_pure_cav) != 0;
    }
    /** SupportedWriteSpeeds: sectors per second, fastest first. */
    public int[] getSupportedWriteSpeeds() { return list(ImapiNative::imapi_disc_format_data_get_supported_write_speeds); }
    /** SupportedWriteSpeedDescriptors, in the order of the speeds. */
    public List<WriteSpeedDescriptor> getSupportedWriteSpeedDescriptors() {
        return call(h -> {
            int[] n = new int[1];
            ImapiException.check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor_count(h, n));
            List<WriteSpeedDescriptor> list = new ArrayList<>();
            for (int i = 0; i < n[0]; i++) {
                imapi_write_speed_descriptor d = new imapi_write_speed_descriptor();
                try {
                    ImapiException.check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor(h, i, d));
                    list.add(new WriteSpeedDescriptor(d.getMedia_type(), d.getRotation_type_is_pure_cav() != 0, d.getWrite_speed()));
                } finally {
                    d.delete();
                }
            }
            return list;
        });
    }

    /** MultisessionInterfaces, read from the drive now (never empty with a medium). */
    public List<Multisession> getMultisessionInterfaces() {
        return call(h -> {
            int[] n = new int[1];
            ImapiException.check(ImapiNative.imapi_disc_format_data_get_multisession_count(h, n));
            List<Multisession> list = new ArrayList<>();
            for (int i = 0; i < n[0]; i++) {
                imapi_multisession m = new imapi_multisession();
                try {
                    ImapiException.check(ImapiNative.imapi_disc_format_data_get_multisession(h, i, m));
                    list.add(Multisession.of(i, m));
                } finally {
                    m.delete();
                }
            }
            return list;
        });
    }
    /** IMultisession.InUse of MultisessionInterfaces[index]: the kind the next write continues. */
    public void setMultisessionInUse(int index, boolean inUse) {
        check(h -> ImapiNative.imapi_disc_format_data_set_multisession_in_use(h, index, inUse ? 1 : 0));
    }
    /** A read-only stream over the recorded medium, for {@link FileSystemImage#importFileSystem} (only while no write runs). */
    public ImapiStream createMediaStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_disc_format_data_create_media_stream(h, o))));
    }

    /** Write: burns the whole stream as one session, blocking. */
    public void write(ImapiStream data) { write(data, null); }

    /**
     * Write with the Update event: {@code listener} runs on this thread (at least every
     * 0.5 s while writing); false cancels (E_REQUEST_CANCELLED), and so does a Throwable,
     * which becomes the exception's cause.
     */
    public void write(ImapiStream data, BurnProgressListener listener) {
        data.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_disc_format_data_write(h, d, cb));
            return null;
        });
    }

    /** The job form of Write, on the library's worker pool. */
    public ImapiJob startWrite(ImapiStream data) {
        long d = raw(data.handle);
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_disc_format_data_write_start(h, d, o))));
    }

    /**
     * Write as a CompletableFuture: the burn runs on the library's threads; {@code listener}
     * (may be null) receives the event arguments every 100 ms on the future's polling thread.
     * Completes exceptionally with the ImapiException on failure; cancelling the future cancels the write.
     */
    public CompletableFuture<Void> writeAsync(ImapiStream data, BurnProgressListener listener) {
        return toFuture(startWrite(data), listener);
    }

    /**
     * Extension: compares the last session on the disc with {@code image}; a difference is
     * E_BURN_VERIFICATION_FAILED naming the first differing LBA ({@link ImapiException#getLba}).
     */
    public void verify(ImapiStream image, BurnProgressListener listener) {
        image.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_disc_format_data_verify(h, d, cb));
            return null;
        });
    }
}
