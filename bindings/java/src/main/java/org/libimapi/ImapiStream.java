package org.libimapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * IMAPI's IStream: file data for images, an image, a file inside an image, a disc.
 * A {@link java.io.InputStream} with seek and size; {@link #read(ByteBuffer)} reads straight
 * into a direct buffer without a copy. Streams passed to the library are shared (it keeps
 * its own reference), so they may be closed at once. Calls are serialized per stream;
 * every method throws the unchecked {@link ImapiException} ({@link ImapiStatus#E_INVALID_HANDLE}
 * once closed), never IOException.
 */
public final class ImapiStream extends InputStream {
    /** {@link #seek} origin: from the start. */
    public static final int SEEK_SET = 0;
    /** {@link #seek} origin: from the current position. */
    public static final int SEEK_CUR = 1;
    /** {@link #seek} origin: from the end. */
    public static final int SEEK_END = 2;

    final Handle handle;
    private ByteBuffer scratch;

    static final class Handle extends NativeHandle {
        Handle(long p) { super(p, ImapiNative::imapi_stream_free, "ImapiStream"); }
    }

    ImapiStream(long raw) { handle = new Handle(raw); }

    /**
     * A stream over a file, opened now.
     *
     * @param path the file
     * @return the stream (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_DATA_STREAM_CREATE_FAILURE} (with {@link ImapiException#getOsError})
     *         when it cannot be opened
     */
    public static ImapiStream fromFile(Path path) { return fromFile(path == null ? null : path.toString()); }

    /**
     * A stream over a file, opened now.
     *
     * @param path the file
     * @return the stream (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_DATA_STREAM_CREATE_FAILURE} when it cannot be opened
     */
    public static ImapiStream fromFile(String path) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_from_file(path, o)));
    }

    /**
     * A stream over a copy of {@code data}.
     *
     * @param data the bytes
     * @return the stream (close it when done)
     */
    public static ImapiStream fromBytes(byte[] data) {
        // The C call takes NULL as "no data"; in Java a null array is a mistake.
        if (data == null) throw new ImapiException(ImapiStatus.E_POINTER, "data is null");
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_from_memory(data, o)));
    }

    /**
     * IMAPI's zero stream: zero bytes that take no memory.
     *
     * @param size its size in bytes
     * @return the stream (close it when done)
     */
    public static ImapiStream zero(long size) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_zero(size, o)));
    }

    /**
     * A stream whose data the library pulls from {@code source}, possibly from its worker threads
     * (one call at a time); the library calls {@link ImapiStreamSource#close} when it no longer needs it.
     *
     * @param source the data
     * @return the stream (close it when done)
     */
    public static ImapiStream fromSource(ImapiStreamSource source) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_user(source, o)));
    }

    /**
     * Reads into {@code dst} from its position; direct buffers are filled without a copy.
     *
     * @param dst the buffer; its position advances by the count
     * @return the bytes read, or -1 at the end
     * @throws ImapiException {@link ImapiStatus#E_DATA_STREAM_READ_FAILURE} and the like
     */
    public int read(ByteBuffer dst) {
        if (dst == null) throw new ImapiException(ImapiStatus.E_POINTER, "the buffer is null");
        if (!dst.isDirect()) {
            byte[] b = new byte[dst.remaining()];
            int n = read(b, 0, b.length);
            if (n > 0) dst.put(b, 0, n);
            return n;
        }
        ByteBuffer view = dst.slice();
        long[] n = new long[1];
        handle.check(h -> ImapiNative.imapi_stream_read(h, view, n));
        if (n[0] == 0 && dst.hasRemaining()) return -1;
        dst.position(dst.position() + (int) n[0]);
        return (int) n[0];
    }

    /**
     * Reads into an array.
     *
     * @param b the array
     * @param off where in it to start
     * @param len at most this many bytes
     * @return the bytes read, or -1 at the end
     */
    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        synchronized (this) {
            if (scratch == null || scratch.capacity() < Math.min(len, 1 << 20))
                scratch = ByteBuffer.allocateDirect(Math.min(Math.max(len, 8192), 1 << 20));
            scratch.clear().limit(Math.min(len, scratch.capacity()));
            int n = read(scratch);
            if (n > 0) {
                scratch.flip();
                scratch.get(b, off, n);
            }
            return n;
        }
    }

    /**
     * Reads one byte.
     *
     * @return the byte (0-255), or -1 at the end
     */
    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    /**
     * Moves the position.
     *
     * @param offset bytes from the origin
     * @param whence {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}
     * @return the new position from the start
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for another origin or a negative position
     */
    public long seek(long offset, int whence) {
        long[] p = new long[1];
        handle.check(h -> ImapiNative.imapi_stream_seek(h, offset, whence, p));
        return p[0];
    }

    /**
     * Moves the position without asking for the new one.
     *
     * @param offset bytes from the origin
     * @param whence {@link #SEEK_SET}, {@link #SEEK_CUR} or {@link #SEEK_END}
     */
    public void seekOnly(long offset, int whence) {
        handle.check(h -> ImapiNative.imapi_stream_seek(h, offset, whence, null));
    }

    /**
     * The current position.
     *
     * @return bytes from the start
     */
    public long position() { return seek(0, SEEK_CUR); }

    /**
     * The stream's size.
     *
     * @return its total size in bytes
     */
    public long size() {
        long[] s = new long[1];
        handle.check(h -> ImapiNative.imapi_stream_get_size(h, s));
        return s[0];
    }

    /**
     * Whether {@link #close} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() { return handle.isClosed(); }

    /** Releases this handle on the stream (the library keeps what it shares); idempotent. */
    @Override
    public void close() { handle.close(); }
}
