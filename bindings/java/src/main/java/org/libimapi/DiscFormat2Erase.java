package org.libimapi;

import java.util.concurrent.CompletableFuture;

/**
 * IMAPI2's MsftDiscFormat2Erase: blanks a CD-RW or DVD-RW ({@link #eraseMedia}) and, as
 * libimapi's extension, formats DVD+RW, DVD-RW (to restricted overwrite), DVD-RAM, BD-RE and
 * blank BD-R ({@link #formatMedia}). Set the recorder and the client name first:
 * <pre>{@code
 * try (DiscRecorder r = DiscRecorder.open(uniqueId); DiscFormat2Erase e = new DiscFormat2Erase()) {
 *     e.setRecorder(r);
 *     e.setClientName("my-app");
 *     e.eraseMediaAsync(p -> { System.out.println(p.elapsedTimeMs() / 1000 + " of " + p.totalTimeMs() / 1000 + " s"); return true; })
 *      .join();
 * }
 * }</pre>
 * IMAPI's Update(elapsedSeconds, estimatedTotalSeconds) is {@link BurnProgress#elapsedTimeMs} and
 * {@link BurnProgress#totalTimeMs} (-1 until the drive reports progress). A cancel is honoured
 * until the drive has been sent BLANK or FORMAT UNIT; after that the operation runs to its end.
 * Every method throws {@link ImapiException}; setters {@link ImapiStatus#E_ERASE_RECORDER_IN_USE}
 * while an operation runs.
 */
public final class DiscFormat2Erase extends BurnWriter {
    /** MsftDiscFormat2Erase: no recorder, no client name, full erase off, spares default. */
    public DiscFormat2Erase() {
        super(create(ImapiNative::imapi_disc_format_erase_create), ImapiNative::imapi_disc_format_erase_free,
              "DiscFormat2Erase", ImapiNative::imapi_disc_format_erase_cancel,
              ImapiNative::imapi_disc_format_erase_get_progress);
    }

    private int int32(java.util.function.BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    /**
     * Recorder (put): the drive to erase with; the object shares the recorder object.
     *
     * @param recorder the drive, or null to clear it
     */
    public void setRecorder(DiscRecorder recorder) {
        long r = raw(recorder);
        check(h -> ImapiNative.imapi_disc_format_erase_set_recorder(h, r));
    }
    /**
     * Recorder (get).
     *
     * @return a new object on the same recorder (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_REQUIRED} when none is set
     */
    public DiscRecorder getRecorder() {
        return new DiscRecorder(call(h -> create(o -> ImapiNative.imapi_disc_format_erase_get_recorder(h, o))));
    }
    /**
     * ClientName: the name under which the drive is held exclusively (required before erasing).
     *
     * @param name 1-64 letters, digits, spaces, '.', '_' or '-'
     * @throws ImapiException {@link ImapiStatus#E_ERASE_CLIENT_NAME_IS_NOT_VALID}
     */
    public void setClientName(String name) { check(h -> ImapiNative.imapi_disc_format_erase_set_client_name(h, name)); }
    /**
     * ClientName.
     *
     * @return the name, "" when none was set
     */
    public String getClientName() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_disc_format_erase_get_client_name(h, s));
        return s[0];
    }
    /**
     * FullErase: true blanks every block (slow), false (default) only the PMA/TOC (quick); for
     * formatMedia, a full format or full certification.
     *
     * @param full the choice
     */
    public void setFullErase(boolean full) { check(h -> ImapiNative.imapi_disc_format_erase_set_full_erase(h, full ? 1 : 0)); }
    /**
     * FullErase.
     *
     * @return the choice
     */
    public boolean getFullErase() { return int32(ImapiNative::imapi_disc_format_erase_get_full_erase) != 0; }
    /**
     * Extension: the spare areas formatMedia gives a BD.
     *
     * @param spares the choice
     */
    public void setSpares(FormatSpares spares) {
        check(h -> ImapiNative.imapi_disc_format_erase_set_format_spares(h, spares.value()));
    }
    /**
     * The spare areas formatMedia gives a BD.
     *
     * @return the choice
     */
    public FormatSpares getSpares() { return FormatSpares.of(int32(ImapiNative::imapi_disc_format_erase_get_format_spares)); }
    /**
     * IsRecorderSupported.
     *
     * @param recorder a drive
     * @return true when it takes a medium eraseMedia blanks (CD-RW or DVD-RW)
     */
    public boolean isRecorderSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_erase_is_recorder_supported(h, r, v)) != 0;
    }
    /**
     * IsCurrentMediaSupported.
     *
     * @param recorder a drive
     * @return true when its disc is a CD-RW or DVD-RW, whatever its state
     */
    public boolean isCurrentMediaSupported(DiscRecorder recorder) {
        long r = raw(recorder);
        return int32((h, v) -> ImapiNative.imapi_disc_format_erase_is_current_media_supported(h, r, v)) != 0;
    }
    /**
     * CurrentPhysicalMediaType.
     *
     * @return the medium in the recorder
     */
    public ImapiMediaPhysicalType getCurrentPhysicalMediaType() {
        return ImapiMediaPhysicalType.of(int32(ImapiNative::imapi_disc_format_erase_get_current_physical_media_type));
    }

    /**
     * EraseMedia: blanks the CD-RW or DVD-RW, blocking.
     *
     * @param listener runs on this thread at each poll of the drive (may be null); false cancels
     *                 while the drive has not started
     * @throws ImapiException {@link ImapiStatus#E_ERASE_MEDIA_IS_NOT_SUPPORTED} (nothing sent),
     *         {@link ImapiStatus#E_ERASE_DRIVE_FAILED_ERASE_COMMAND},
     *         {@link ImapiStatus#E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE},
     *         {@link ImapiStatus#E_ERASE_TOOK_LONGER_THAN_ONE_HOUR}, {@link ImapiStatus#E_REQUEST_CANCELLED}
     */
    public void eraseMedia(BurnProgressListener listener) {
        runBlocking(listener, ImapiNative::imapi_disc_format_erase_erase_media);
    }
    /**
     * The job form of EraseMedia ({@link ImapiOperation#ERASE}).
     *
     * @return the running job (close it when done)
     */
    public ImapiJob startEraseMedia() {
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_disc_format_erase_erase_media_start(h, o))));
    }
    /**
     * EraseMedia as a CompletableFuture completed by the process's job-monitor thread, which
     * calls {@code listener} with the event arguments.
     *
     * @param listener receives the Update events (may be null)
     * @return a future completed when the erase is done, exceptionally with its ImapiException
     */
    public CompletableFuture<Void> eraseMediaAsync(BurnProgressListener listener) {
        return toFuture(startEraseMedia(), listener);
    }

    /**
     * Extension: formats the DVD+RW, DVD-RW, DVD-RAM, BD-RE or blank BD-R, blocking.
     *
     * @param listener as for {@link #eraseMedia}
     * @throws ImapiException {@link ImapiStatus#E_ERASE_MEDIA_IS_NOT_SUPPORTED} (nothing sent),
     *         {@link ImapiStatus#E_INVALIDARG} (spares NONE on a medium other than BD), and those of eraseMedia
     */
    public void formatMedia(BurnProgressListener listener) {
        runBlocking(listener, ImapiNative::imapi_disc_format_erase_format_media);
    }
    /**
     * The job form of formatMedia.
     *
     * @return the running job (close it when done)
     */
    public ImapiJob startFormatMedia() {
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_disc_format_erase_format_media_start(h, o))));
    }
    /**
     * formatMedia as a CompletableFuture, as {@link #eraseMediaAsync}.
     *
     * @param listener receives the Update events (may be null)
     * @return a future completed when the format is done
     */
    public CompletableFuture<Void> formatMediaAsync(BurnProgressListener listener) {
        return toFuture(startFormatMedia(), listener);
    }
}
