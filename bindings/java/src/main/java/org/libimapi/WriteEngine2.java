package org.libimapi;

import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * IMAPI2's MsftWriteEngine2: writes blocks of a stream at an LBA through the ring
 * buffer and the writer thread; no session handling and no closing (the caller
 * prepares the medium). One thread at a time, except {@link #cancelWrite}
 * and {@link #getProgress}.
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

    /** Recorder (put); IWriteEngine2 takes an IDiscRecorder2Ex, ours is both. */
    public void setRecorder(DiscRecorder recorder) {
        long r = raw(recorder);
        check(h -> ImapiNative.imapi_write_engine_set_recorder(h, r));
    }
    /** Recorder (get): a new handle on the same recorder object. */
    public DiscRecorder getRecorder() {
        return new DiscRecorder(call(h -> create(o -> ImapiNative.imapi_write_engine_get_recorder(h, o))));
    }
    /** UseStreamingWrite12: WRITE(12) with the Streaming bit (IMAPI answers E_NOTIMPL; libimapi does it). */
    public void setUseStreamingWrite12(boolean v) { check(h -> ImapiNative.imapi_write_engine_set_use_streaming_write12(h, v ? 1 : 0)); }
    public boolean getUseStreamingWrite12() { return int32(ImapiNative::imapi_write_engine_get_use_streaming_write12) != 0; }
    /** StartingSectorsPerSecond: the speed expected at the start (0: unknown). */
    public void setStartingSectorsPerSecond(int v) { check(h -> ImapiNative.imapi_write_engine_set_starting_sectors_per_second(h, v)); }
    public int getStartingSectorsPerSecond() { return int32(ImapiNative::imapi_write_engine_get_starting_sectors_per_second); }
    /** EndingSectorsPerSecond: the speed expected at the end (0: unknown). */
    public void setEndingSectorsPerSecond(int v) { check(h -> ImapiNative.imapi_write_engine_set_ending_sectors_per_second(h, v)); }
    public int getEndingSectorsPerSecond() { return int32(ImapiNative::imapi_write_engine_get_ending_sectors_per_second); }
    /** BytesPerSector: 2048 for data; 2052 to 2448 (multiples of 4) for raw CD formats. */
    public void setBytesPerSector(int v) { check(h -> ImapiNative.imapi_write_engine_set_bytes_per_sector(h, v)); }
    public int getBytesPerSector() { return int32(ImapiNative::imapi_write_engine_get_bytes_per_sector); }
    /** Extension: the ring buffer in bytes (0 restores the default). */
    public void setBufferSize(long bytes) { check(h -> ImapiNative.imapi_write_engine_set_buffer_size(h, bytes)); }
    public long getBufferSize() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_write_engine_get_buffer_size(h, v));
        return v[0];
    }
    /** WriteInProgress. */
    public boolean getWriteInProgress() { return int32(ImapiNative::imapi_write_engine_get_write_in_progress) != 0; }

    /** WriteSection: {@code sectorCount} blocks from the stream's start at {@code startLba}, blocking; {@code listener} may be null. */
    public void writeSection(ImapiStream data, long startLba, long sectorCount, BurnProgressListener listener) {
        data.handle.call(d -> {
            runBlocking(listener, (h, cb) -> ImapiNative.imapi_write_engine_write_section(h, d, startLba, sectorCount, cb));
            return null;
        });
    }
    /** The job form of WriteSection. */
    public ImapiJob startWriteSection(ImapiStream data, long startLba, long sectorCount) {
        long d = raw(data.handle);
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_write_engine_write_section_start(h, d, startLba, sectorCount, o))));
    }
    /** WriteSection as a CompletableFuture (see {@link DiscFormat2Data#writeAsync}). */
    public CompletableFuture<Void> writeSectionAsync(ImapiStream data, long startLba, long sectorCount, BurnProgressListener listener) {
        return toFuture(startWriteSection(data, startLba, sectorCount), listener);
    }
}
