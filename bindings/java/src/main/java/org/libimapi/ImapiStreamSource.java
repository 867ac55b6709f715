package org.libimapi;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Data the library pulls for {@link ImapiStream#fromSource}. The library may call
 * it from its own worker threads (the job form), one call at a time. An exception
 * becomes IMAPI_E_DATA_STREAM_READ_FAILURE in the library.
 */
public interface ImapiStreamSource {
    /**
     * Fills {@code dst} from the source's position.
     *
     * @param dst a direct buffer over the library's memory, valid only during the call
     * @return the bytes put, 0 at the end
     * @throws IOException a failure (the library's read fails)
     */
    int read(ByteBuffer dst) throws IOException;

    /**
     * Moves the source's position.
     *
     * @param offset bytes from the origin
     * @param whence {@link ImapiStream#SEEK_SET}, {@link ImapiStream#SEEK_CUR} or {@link ImapiStream#SEEK_END}
     * @return the new position from the start
     * @throws IOException a failure
     */
    long seek(long offset, int whence) throws IOException;

    /**
     * The source's size.
     *
     * @return its total size in bytes
     * @throws IOException a failure
     */
    long size() throws IOException;

    /** Called once when the library no longer needs the source. */
    default void close() {}
}
