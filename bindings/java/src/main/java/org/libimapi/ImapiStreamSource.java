package org.libimapi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Data the library pulls for {@link ImapiStream#fromSource}. The library may call
 * it from its own worker threads (the job form), one call at a time. An exception
 * becomes IMAPI_E_DATA_STREAM_READ_FAILURE in the library.
 */
public interface ImapiStreamSource {
    /** Fills {@code dst} (a direct buffer over the library's memory) from its position; returns the count, 0 at the end. */
    int read(ByteBuffer dst) throws IOException;

    /** Moves to {@code offset} relative to {@code whence} (0 start, 1 current, 2 end); returns the new position. */
    long seek(long offset, int whence) throws IOException;

    /** Total size in bytes. */
    long size() throws IOException;

    /** Called once when the library no longer needs the source. */
    default void close() {}
}
