package org.libimapi;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * IMAPI2's MsftWriteEngine2: writes blocks of a stream at an LBA through the ring
 * buffer and the writer thread; no session handling and no closing (the caller
 * prepares the medium). An AutoCloseable; one thread at a time, except {@link #cancelWrite}
 * and {@link #getProgress}. Every method throws {@link ImapiException}; setters
 * {@link ImapiStatus#E_DF2DATA_WRITE_IN_PROGRESS} while a write runs.
 */
public final class WriteEngine2 extends BurnWriter {
    /** A new engine: 2048 bytes per sector, WRITE(10), a 64 MiB ring. */
    public WriteEngine2() {
        super(create(ImapiNative::imapi_write_engine_create), ImapiNative::imapi_write_engine_free, "WriteEngine2",
              ImapiNative::imapi_write_engine_cancel_write, ImapiNative::imapi_write_engine_get_progress);
    }

    private int int32(BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    /**
     * Recorder (put); IWriteEngine2 takes an IDiscRecorder2Ex, which every DiscRecorder is.
     *
     * @param recorder the drive, or null to clear it
     */
    public void setRecorder(DiscRecorder recorder) {
        long r = raw(recorder);
        check(h -> ImapiNative.imapi_write_engine_set_recorder(h, r));
    }
    /**
     * Recorder (get).
     *
     * @return a new object on the same recorder (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_RECORDER_REQUIRED} when none is set
     */
    public DiscRecorder getRecorder() {
        return new DiscRecorder(call(h -> create(o -> ImapiNative.imapi_write_engine_get_recorder(h, o))));
    }
    /**
     * UseStreamingWrite12: WRITE(12) with the Streaming bit (IMAPI answers E_NOTIMPL; libimapi does it).
     *
     * @param v true for WRITE(12) streaming
     */
    public void setUseStreamingWrite12(boolean v) { check(h -> ImapiNative.imapi_write_engine_set_use_streaming_write12(h, v ? 1 : 0)); }
    /** @return UseStreamingWrite12 */
    public boolean getUseStreamingWrite12() { return int32(ImapiNative::imapi_write_engine_get_use_streaming_write12) != 0; }
    /**
     * StartingSectorsPerSecond: the speed expected at the start.
     *
     * @param v sectors per second, 0 unknown
     */
    public void setStartingSectorsPerSecond(int v) { check(h -> ImapiNative.imapi_write_engine_set_starting_sectors_per_second(h, v)); }
    /** @return StartingSectorsPerSecond */
    public int getStartingSectorsPerSecond() { return int32(ImapiNative::imapi_write_engine_get_starting_sectors_per_second); }
    /**
     * EndingSectorsPerSecond: the speed expected at the end.
     *
     * @param v sectors per second, 0 unknown
     */
    public void setEndingSectorsPerSecond(int v) { check(h -> ImapiNative.imapi_write_engine_set_ending_sectors_per_second(h, v)); }
    /** @return EndingSectorsPerSecond */
    public int getEndingSectorsPerSecond() { return int32(ImapiNative::imapi_write_engine_get_ending_sectors_per_second); }
    /**
     * BytesPerSector.
     *
     * @param v 2048 for data; 2052 to 2448 (multiples of 4) for raw CD formats
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for another size
     */
    public void setBytesPerSector(int v) { check(h -> ImapiNative.imapi_write_engine_set_bytes_per_sector(h, v)); }
    /** @return BytesPerSector */
    public int getBytesPerSector() { return int32(ImapiNative::imapi_write_engine_get_bytes_per_sector); }
    /**
     * Extension: the ring buffer.
     *
     * @param bytes its size; 0 restores the 64 MiB default
     */
    public void setBufferSize(long bytes) { check(h -> ImapiNative.imapi_write_engine_set_buffer_size(h, bytes)); }
    /** @return the ring buffer in bytes */
    public long getBufferSize() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_write_engine_get_buffer_size(h, v));
        return v[0];
    }
    /** @return WriteInProgress: a write runs on this engine */
    public boolean getWriteInProgress() { return int32(ImapiNative::imapi_write_engine_get_write_in_progress) != 0; }

    /**
     * WriteSection: blocks from the stream's start at an LBA, blocking.
     *
     * @param data the data
     * @param startLba where the first block goes
     * @param sectorCount how many blocks
     * @param listener the Update events on this thread (may be null); false cancels
     * @throws ImapiException device errors, {@link ImapiStatus#E_REQUEST_CANCELLED}
     */
    public void writeSection(ImapiStream data, long startLba, long sectorCount, BurnProgressListener listener) {
        data.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_write_engine_write_section(h, d, startLba, sectorCount, cb));
            return null;
        });
    }
    /**
     * The job form of WriteSection, on the library's worker pool.
     *
     * @param data the data
     * @param startLba where the first block goes
     * @param sectorCount how many blocks
     * @return the running job (close it when done)
     */
    public ImapiJob startWriteSection(ImapiStream data, long startLba, long sectorCount) {
        long d = raw(data.handle);
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_write_engine_write_section_start(h, d, startLba, sectorCount, o))));
    }
    /**
     * WriteSection as a CompletableFuture, completed by the process's job-monitor thread (see
     * {@link DiscFormat2Data#writeAsync}).
     *
     * @param data the data
     * @param startLba where the first block goes
     * @param sectorCount how many blocks
     * @param listener the Update events (may be null); false cancels
     * @return a future completed when the blocks are written
     */
    public CompletableFuture<Void> writeSectionAsync(ImapiStream data, long startLba, long sectorCount, BurnProgressListener listener) {
        return toFuture(startWriteSection(data, startLba, sectorCount), listener);
    }
}
