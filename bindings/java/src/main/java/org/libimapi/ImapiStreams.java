package org.libimapi;

/**
 * IMAPI's helper streams (MsftStreamConcatenate, MsftStreamInterleave,
 * MsftStreamPrng001). A composed stream keeps its parts alive, so the
 * {@link ImapiStream}s passed in may be closed at once; each part's size is
 * taken when it is added.
 */
public final class ImapiStreams {
    private ImapiStreams() {}

    private static long[] raw(ImapiStream[] streams) {
        if (streams == null) throw new ImapiException(ImapiStatus.E_POINTER, "streams is null");
        long[] raw = new long[streams.length];
        for (int i = 0; i < streams.length; i++) raw[i] = NativeHandle.raw(streams[i] == null ? null : streams[i].handle);
        return raw;
    }

    /**
     * IStreamConcatenate: {@code streams} (at least one) one after another.
     *
     * @param streams the parts, in order
     * @return the concatenation (close it when done)
     * @throws ImapiException E_INVALIDARG for an empty list or sizes adding up past 2^63-1
     */
    public static ImapiStream concatenate(ImapiStream... streams) {
        long[] list = raw(streams);
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_concatenation(list, list.length, o)));
    }

    /**
     * IStreamConcatenate.Append2: adds {@code streams} at the end of {@code concatenation},
     * keeping its position. Nothing is appended on error (E_INVALIDARG when it is not a
     * concatenation, the list is empty, or a stream reads the concatenation itself).
     *
     * @param concatenation a stream made by {@link #concatenate}
     * @param streams the parts to add, in order
     */
    public static void append(ImapiStream concatenation, ImapiStream... streams) {
        if (concatenation == null) throw new ImapiException(ImapiStatus.E_POINTER, "concatenation is null");
        long[] list = raw(streams);
        concatenation.handle.check(h -> ImapiNative.imapi_stream_concatenation_append(h, list, list.length));
    }

    /**
     * IStreamInterleave: {@code interleaveSizes[i]} bytes of {@code streams[i]} in turn,
     * round after round; a stream that has ended is skipped. One size (at least 1) per stream.
     *
     * @param streams the parts
     * @param interleaveSizes bytes taken from each part per round
     * @return the interleaved stream (close it when done)
     */
    public static ImapiStream interleave(ImapiStream[] streams, long[] interleaveSizes) {
        long[] list = raw(streams);
        if (interleaveSizes == null) throw new ImapiException(ImapiStatus.E_POINTER, "interleaveSizes is null");
        if (interleaveSizes.length != list.length)
            throw new ImapiException(ImapiStatus.E_INVALIDARG, "interleave needs one interleave size per stream");
        return new ImapiStream(NativeHandle.create(
                o -> ImapiNative.imapi_stream_create_interleave(list, interleaveSizes, list.length, o)));
    }

    /**
     * MsftStreamPrng001: {@code size} pseudo-random bytes from IMAPI's LCG
     * (x * 0x19660D + 0x3C6EF35F) seeded with {@code seed} (0 to 2^32-1); the same seed
     * and size always give the same bytes. Not for cryptography.
     *
     * @param seed 0 to 2^32-1
     * @param size the stream's size in bytes
     * @return the stream (close it when done)
     */
    public static ImapiStream pseudoRandom(long seed, long size) {
        checkSeed(seed);
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_pseudo_random(seed, size, o)));
    }

    /**
     * put_Seed: reseeds a pseudo-random stream and rewinds it; other streams: E_INVALIDARG.
     *
     * @param stream a stream made by {@link #pseudoRandom}
     * @param seed 0 to 2^32-1
     */
    public static void setSeed(ImapiStream stream, long seed) {
        if (stream == null) throw new ImapiException(ImapiStatus.E_POINTER, "stream is null");
        checkSeed(seed);
        stream.handle.check(h -> ImapiNative.imapi_stream_pseudo_random_set_seed(h, seed));
    }

    /**
     * get_Seed: the seed of a pseudo-random stream; other streams: E_INVALIDARG.
     *
     * @param stream a stream made by {@link #pseudoRandom}
     * @return 0 to 2^32-1
     */
    public static long getSeed(ImapiStream stream) {
        if (stream == null) throw new ImapiException(ImapiStatus.E_POINTER, "stream is null");
        int[] seed = new int[1];
        stream.handle.check(h -> ImapiNative.imapi_stream_pseudo_random_get_seed(h, seed));
        return seed[0] & 0xFFFFFFFFL;
    }

    private static void checkSeed(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL)
            throw new ImapiException(ImapiStatus.E_INVALIDARG, "a seed is 0 to 2^32-1, not " + seed);
    }
}
