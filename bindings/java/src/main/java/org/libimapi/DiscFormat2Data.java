package org.libimapi;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * IMAPI2's MsftDiscFormat2Data: writes a data stream (a file-system image) to a disc as one
 * session, on every medium the drive writes (CD-R/RW, DVD±R, DVD+R DL, DVD±RW, DVD-RAM, BD-R,
 * BD-RE), with multisession and verification. Set the recorder and the client name first:
 * <pre>{@code
 * try (DiscRecorder r = DiscRecorder.open(uniqueId); DiscFormat2Data f = new DiscFormat2Data();
 *      ImapiStream image = ImapiStream.fromFile("photos.iso")) {
 *     f.setRecorder(r);
 *     f.setClientName("my-app");
 *     f.writeAsync(image, p -> { System.out.println(p.sectorsWritten() + "/" + p.sectorCount()); return true; })
 *      .join();
 * }
 * }</pre>
 * An AutoCloseable: closing it while a write runs cancels the write and waits for it. One
 * thread at a time (calls are serialized), except {@link #cancelWrite} and {@link #getProgress},
 * which work from any thread during a write. Every method throws {@link ImapiException}:
 * queries of the medium {@link ImapiStatus#E_RECORDER_REQUIRED} without a recorder and device
 * errors; setters {@link ImapiStatus#E_DF2DATA_WRITE_IN_PROGRESS} while a write runs.
 */
public final class DiscFormat2Data extends BurnWriter {
    /** MsftDiscFormat2Data with IMAPI's defaults: no recorder, no client name, verification QUICK, the fastest speed, a 64 MiB ring. */
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

    /**
     * Recorder (put): the drive to write with; the writer shares the recorder object, so the
     * {@link DiscRecorder} may be closed afterwards.
     *
     * @param recorder the drive, or null to clear it
     */
    public void setRecorder(DiscRecorder recorder) {
        long r = raw(recorder);
        check(h -> ImapiNative.imapi_disc_format_data_set_recorder(h, r));
    }
    /**
     * Recorder (get).
     *
     * @return a new object on the same recorder (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_REQUIRED} when none is set
     */
    public DiscRecorder getRecorder() {
        return new DiscRecorder(call(h -> create(o -> ImapiNative.imapi_disc_format_data_get_recorder(h, o))));
    }
    /**
     * ClientName: the name under which a write holds the drive exclusively (required before writing).
     *
     * @param name 1-64 letters, digits, spaces, '.', '_' or '-'
     * @throws ImapiException {@link ImapiStatus#E_DF2DATA_CLIENT_NAME_IS_NOT_VALID}
     */
    public void setClientName(String name) { check(h -> ImapiNative.imapi_disc_format_data_set_client_name(h, name)); }
    /**
     * ClientName.
     *
     * @return the name, "" when none was set
     */
    public String getClientName() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_disc_format_data_get_client_name(h, s));
        return s[0];
    }

    /**
     * IsRecorderSupported.
     *
     * @param recorder a drive
     * @return true when it writes at least one medium this writer supports
     */
    public boolean isRecorderSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_data_is_recorder_supported(h, r, v)) != 0;
    }
    /**
     * IsCurrentMediaSupported.
     *
     * @param recorder a drive
     * @return true when its medium is one this writer writes, whatever its state (a closed disc is
     *         supported but not writable: see {@link #getCurrentMediaStatus})
     */
    public boolean isCurrentMediaSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_data_is_current_media_supported(h, r, v)) != 0;
    }
    /**
     * MediaPhysicallyBlank.
     *
     * @return true when the drive reports the disc blank
     */
    public boolean getMediaPhysicallyBlank() { return int32(ImapiNative::imapi_disc_format_data_get_media_physically_blank) != 0; }
    /**
     * MediaHeuristicallyBlank.
     *
     * @return true when physically blank, or overwritable media whose first 64 KiB read as zeros
     */
    public boolean getMediaHeuristicallyBlank() {
        return int32(ImapiNative::imapi_disc_format_data_get_media_heuristically_blank) != 0;
    }
    /**
     * SupportedMediaTypes.
     *
     * @return the media this writer can write with the recorder set
     */
    public List<ImapiMediaPhysicalType> getSupportedMediaTypes() {
        List<ImapiMediaPhysicalType> types = new ArrayList<>();
        for (int t : list(ImapiNative::imapi_disc_format_data_get_supported_media_types)) types.add(ImapiMediaPhysicalType.of(t));
        return types;
    }
    /**
     * CurrentMediaStatus, asked of the drive now.
     *
     * @return what the medium allows (empty without a medium)
     */
    public EnumSet<ImapiFormat2DataMediaState> getCurrentMediaStatus() {
        return ImapiFormat2DataMediaState.setOf(int32(ImapiNative::imapi_disc_format_data_get_current_media_status));
    }
    /**
     * WriteProtectStatus.
     *
     * @return why the medium cannot be written (empty: it can)
     */
    public EnumSet<ImapiMediaWriteProtectState> getWriteProtectStatus() {
        return ImapiMediaWriteProtectState.setOf(int32(ImapiNative::imapi_disc_format_data_get_write_protect_status));
    }
    /**
     * CurrentPhysicalMediaType.
     *
     * @return the kind of medium in the drive
     */
    public ImapiMediaPhysicalType getCurrentPhysicalMediaType() {
        return ImapiMediaPhysicalType.of(int32(ImapiNative::imapi_disc_format_data_get_current_physical_media_type));
    }
    /**
     * TotalSectorsOnMedia.
     *
     * @return used + free 2048-byte sectors
     */
    public long getTotalSectorsOnMedia() { return int64(ImapiNative::imapi_disc_format_data_get_total_sectors_on_media); }
    /**
     * FreeSectorsOnMedia.
     *
     * @return what the next write can record (the whole medium on overwritable media)
     */
    public long getFreeSectorsOnMedia() { return int64(ImapiNative::imapi_disc_format_data_get_free_sectors_on_media); }
    /**
     * NextWritableAddress.
     *
     * @return where the next session starts (0 on overwritable media)
     */
    public long getNextWritableAddress() { return int64(ImapiNative::imapi_disc_format_data_get_next_writable_address); }
    /**
     * StartAddressOfPreviousSession.
     *
     * @return the first LBA of the last recorded session; -1 on a blank disc
     */
    public long getStartAddressOfPreviousSession() {
        return int64(ImapiNative::imapi_disc_format_data_get_start_address_of_previous_session);
    }
    /**
     * LastWrittenAddressOfPreviousSession.
     *
     * @return the last LBA of the last recorded session; -1 on a blank disc
     */
    public long getLastWrittenAddressOfPreviousSession() {
        return int64(ImapiNative::imapi_disc_format_data_get_last_written_address_of_previous_session);
    }

    /**
     * ForceMediaToBeClosed: close (finalize) the disc after the write, so no session can follow; a
     * write that leaves 2% of the medium or less free closes it anyway.
     *
     * @param v true to close
     */
    public void setForceMediaToBeClosed(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_force_media_to_be_closed(h, v ? 1 : 0)); }
    /** @return ForceMediaToBeClosed */
    public boolean getForceMediaToBeClosed() { return int32(ImapiNative::imapi_disc_format_data_get_force_media_to_be_closed) != 0; }
    /**
     * DisableConsumerDvdCompatibilityMode (DVD+R, DVD+R DL): false (the default) closes the disc
     * compatibly after the write whatever ForceMediaToBeClosed says; true with ForceMediaToBeClosed
     * false closes only the session, so a multisession DVD+R needs true.
     *
     * @param v true to disable the compatibility close
     */
    public void setDisableConsumerDvdCompatibilityMode(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(h, v ? 1 : 0));
    }
    /** @return DisableConsumerDvdCompatibilityMode */
    public boolean getDisableConsumerDvdCompatibilityMode() {
        return int32(ImapiNative::imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode) != 0;
    }
    /**
     * ForceOverwrite: lets a write overwrite overwritable media (DVD±RW, DVD-RAM, BD-RE) that hold
     * data; otherwise they fail with {@link ImapiStatus#E_DF2DATA_MEDIA_NOT_BLANK}.
     *
     * @param v true to overwrite
     */
    public void setForceOverwrite(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_force_overwrite(h, v ? 1 : 0)); }
    /** @return ForceOverwrite */
    public boolean getForceOverwrite() { return int32(ImapiNative::imapi_disc_format_data_get_force_overwrite) != 0; }
    /**
     * BufferUnderrunFreeDisabled: turns BUFE off (CD only, ignored elsewhere).
     *
     * @param v true to disable buffer underrun protection
     */
    public void setBufferUnderrunFreeDisabled(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_buffer_underrun_free_disabled(h, v ? 1 : 0));
    }
    /** @return BufferUnderrunFreeDisabled */
    public boolean getBufferUnderrunFreeDisabled() {
        return int32(ImapiNative::imapi_disc_format_data_get_buffer_underrun_free_disabled) != 0;
    }
    /**
     * PostgapAlreadyInImage: the stream already ends with the CD's 150-sector post-gap (CD only).
     *
     * @param v true when the image has it
     */
    public void setPostgapAlreadyInImage(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_postgap_already_in_image(h, v ? 1 : 0));
    }
    /** @return PostgapAlreadyInImage */
    public boolean getPostgapAlreadyInImage() { return int32(ImapiNative::imapi_disc_format_data_get_postgap_already_in_image) != 0; }
    /**
     * IBurnVerification.BurnVerificationLevel: how the session is checked after the write; a
     * difference fails the write with {@link ImapiStatus#E_BURN_VERIFICATION_FAILED} naming the first bad block.
     *
     * @param level NONE, QUICK (the default) or FULL
     */
    public void setBurnVerificationLevel(ImapiBurnVerificationLevel level) {
        int v = NativeEnum.valueOf(level, "level");
        check(h -> ImapiNative.imapi_disc_format_data_set_burn_verification_level(h, v));
    }
    /** @return BurnVerificationLevel */
    public ImapiBurnVerificationLevel getBurnVerificationLevel() {
        return ImapiBurnVerificationLevel.of(int32(ImapiNative::imapi_disc_format_data_get_burn_verification_level));
    }
    /**
     * Extension: the ring buffer of the next writes.
     *
     * @param bytes 1 MiB to 4 GiB (rounded up to the medium's write unit); 0 restores the 64 MiB default
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} out of range
     */
    public void setBufferSize(long bytes) { check(h -> ImapiNative.imapi_disc_format_data_set_buffer_size(h, bytes)); }
    /** @return the ring buffer of the next writes in bytes */
    public long getBufferSize() { return int64(ImapiNative::imapi_disc_format_data_get_buffer_size); }
    /**
     * Extension: WRITE(12) with the Streaming bit on BD-RE and DVD-RAM (full speed, defects not
     * replaced); other media ignore it.
     *
     * @param v true to stream
     */
    public void setUseStreamingWrite12(boolean v) {
        check(h -> ImapiNative.imapi_disc_format_data_set_use_streaming_write12(h, v ? 1 : 0));
    }
    /** @return UseStreamingWrite12 */
    public boolean getUseStreamingWrite12() { return int32(ImapiNative::imapi_disc_format_data_get_use_streaming_write12) != 0; }
    /**
     * Extension: test writes (laser off, nothing recorded) where the medium has them (CD-R/RW,
     * DVD-R/RW); elsewhere a write fails with {@link ImapiStatus#E_DF2DATA_MEDIA_IS_NOT_SUPPORTED}.
     *
     * @param v true for test writes
     */
    public void setTestWrite(boolean v) { check(h -> ImapiNative.imapi_disc_format_data_set_test_write(h, v ? 1 : 0)); }
    /** @return whether the next writes are test writes */
    public boolean getTestWrite() { return int32(ImapiNative::imapi_disc_format_data_get_test_write) != 0; }

    /**
     * SetWriteSpeed: the speed of the next writes, matched now against what the drive offers for the medium.
     *
     * @param requestedSectorsPerSecond sectors per second; -1 for the fastest
     * @param rotationTypeIsPureCav true for constant angular velocity
     * @return whether the request was taken as it is or adjusted to an offered speed
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_REQUIRED}, {@link ImapiStatus#E_INVALIDARG} (0 or below -1)
     */
    public WriteSpeedAdjustment setWriteSpeed(int requestedSectorsPerSecond, boolean rotationTypeIsPureCav) {
        int s = check(h -> ImapiNative.imapi_disc_format_data_set_write_speed(h, requestedSectorsPerSecond,
                rotationTypeIsPureCav ? 1 : 0));
        return s == ImapiStatus.S_SPEEDADJUSTED ? WriteSpeedAdjustment.SPEED_ADJUSTED
             : s == ImapiStatus.S_ROTATIONADJUSTED ? WriteSpeedAdjustment.ROTATION_ADJUSTED
             : s == ImapiStatus.S_BOTHADJUSTED ? WriteSpeedAdjustment.BOTH_ADJUSTED : WriteSpeedAdjustment.EXACT;
    }
    /** @return RequestedWriteSpeed in sectors per second; -1 = the fastest (the default) */
    public int getRequestedWriteSpeed() { return int32(ImapiNative::imapi_disc_format_data_get_requested_write_speed); }
    /** @return RequestedRotationTypeIsPureCAV */
    public boolean getRequestedRotationTypeIsPureCav() {
        return int32(ImapiNative::imapi_disc_format_data_get_requested_rotation_type_is_pure_cav) != 0;
    }
    /** @return CurrentWriteSpeed: the speed the drive uses for the medium, sectors per second */
    public int getCurrentWriteSpeed() { return int32(ImapiNative::imapi_disc_format_data_get_current_write_speed); }
    /** @return CurrentRotationTypeIsPureCAV */
    public boolean getCurrentRotationTypeIsPureCav() {
        return int32(ImapiNative::imapi_disc_format_data_get_current_rotation_type_is_pure_cav) != 0;
    }
    /** @return SupportedWriteSpeeds: sectors per second, fastest first */
    public int[] getSupportedWriteSpeeds() { return list(ImapiNative::imapi_disc_format_data_get_supported_write_speeds); }
    /** @return SupportedWriteSpeedDescriptors, in the order of {@link #getSupportedWriteSpeeds} */
    public List<WriteSpeedDescriptor> getSupportedWriteSpeedDescriptors() {
        return call(h -> {
            int[] n = new int[1];
            ImapiException.check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor_count(h, n));
            List<WriteSpeedDescriptor> list = new ArrayList<>();
            for (int i = 0; i < n[0]; i++) {
                imapi_write_speed_descriptor d = new imapi_write_speed_descriptor();
                try {
                    ImapiException.check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor(h, i, d));
                    list.add(new WriteSpeedDescriptor(ImapiMediaPhysicalType.of(d.getMedia_type()),
                            d.getRotation_type_is_pure_cav() != 0, d.getWrite_speed()));
                } finally {
                    d.delete();
                }
            }
            return list;
        });
    }

    /**
     * MultisessionInterfaces, read from the drive now.
     *
     * @return the ways the next write can continue the disc (never empty with a medium)
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_MEDIA_NO_MEDIA}
     */
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
    /**
     * IMultisession.InUse: marks the kind the next write continues (at most one; true clears the others).
     *
     * @param index its {@link Multisession#index}
     * @param inUse true to use it
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for an index out of range
     */
    public void setMultisessionInUse(int index, boolean inUse) {
        check(h -> ImapiNative.imapi_disc_format_data_set_multisession_in_use(h, index, inUse ? 1 : 0));
    }
    /**
     * A read-only stream over the recorded medium, for {@link FileSystemImage#importFileSystem}
     * (read it only while no write runs).
     *
     * @return the stream (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_EMPTY_DISC} when nothing is recorded
     */
    public ImapiStream createMediaStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_disc_format_data_create_media_stream(h, o))));
    }

    /**
     * Write: burns the whole stream as one session, blocking.
     *
     * @param data the image (its size a multiple of 2048)
     * @throws ImapiException as {@link #write(ImapiStream, BurnProgressListener)}
     */
    public void write(ImapiStream data) { write(data, null); }

    /**
     * Write with the Update event: burns the whole stream as one session, blocking. Sequential
     * media get a new session at NextWritableAddress; overwritable media are written from 0 (or as
     * a new logical session with the random-write multisession in use). Then verification.
     *
     * @param data the image (its size a multiple of 2048)
     * @param listener runs on this thread at least every 0.5 s while writing (may be null); false
     *                 cancels, and so does a Throwable, which becomes the exception's cause
     * @throws ImapiException {@link ImapiStatus#E_DF2DATA_STREAM_NOT_SUPPORTED},
     *         {@link ImapiStatus#E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA},
     *         {@link ImapiStatus#E_DF2DATA_MEDIA_NOT_BLANK}, {@link ImapiStatus#E_DF2DATA_INVALID_MEDIA_STATE},
     *         {@link ImapiStatus#E_DF2DATA_MEDIA_IS_NOT_SUPPORTED}, {@link ImapiStatus#E_RECORDER_MEDIA_WRITE_PROTECTED},
     *         {@link ImapiStatus#E_BURN_VERIFICATION_FAILED}, {@link ImapiStatus#E_REQUEST_CANCELLED}
     */
    public void write(ImapiStream data, BurnProgressListener listener) {
        data.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_disc_format_data_write(h, d, cb));
            return null;
        });
    }

    /**
     * The job form of Write, on the library's worker pool; {@link ImapiJob#getProgress} counts
     * sectors ({@link ImapiOperation#BURN}), {@link #getProgress} has the full event arguments.
     *
     * @param data the image
     * @return the running job (close it when done; closing it cancels a running write)
     */
    public ImapiJob startWrite(ImapiStream data) {
        long d = raw(data.handle);
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_disc_format_data_write_start(h, d, o))));
    }

    /**
     * Write as a CompletableFuture: the burn runs on the library's threads and no thread of the
     * caller's is parked: the process's one job-monitor thread completes the future and calls
     * {@code listener} with the event arguments each time the write reports (so it should return
     * quickly). False from the listener, or a Throwable, cancels the write; so do {@link #cancelWrite}
     * and cancelling the future (which returns once the write has stopped).
     *
     * @param data the image
     * @param listener receives the Update events (may be null)
     * @return a future completed when the burn (and its verification) is done, exceptionally with
     *         the ImapiException of a failure ({@link ImapiStatus#E_REQUEST_CANCELLED} when cancelled)
     */
    public CompletableFuture<Void> writeAsync(ImapiStream data, BurnProgressListener listener) {
        return toFuture(startWrite(data), listener);
    }

    /**
     * Extension: compares the last session on the disc with {@code image}, blocking.
     *
     * @param image the image that was written
     * @param listener receives the Update events on this thread (may be null); false cancels
     * @throws ImapiException {@link ImapiStatus#E_BURN_VERIFICATION_FAILED} naming the first differing
     *         LBA ({@link ImapiException#getLba})
     */
    public void verify(ImapiStream image, BurnProgressListener listener) {
        image.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_disc_format_data_verify(h, d, cb));
            return null;
        });
    }
}
