package org.libimapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * IMAPI's IStream: file data for images, an image, a file inside an image.
 * An InputStream (with seek and size); {@link #read(ByteBuffer)} reads straight
 * into a direct buffer without a copy.
 */
public final class ImapiStream extends InputStream {
    public static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;

    final Handle handle;
    private ByteBuffer scratch;

    static final class Handle extends NativeHandle {
        Handle(long p) { super(p, ImapiNative::imapi_stream_free, "ImapiStream"); }
    }

    ImapiStream(long raw) { handle = new Handle(raw); }

    /** A stream over a file, opened now. */
    public static ImapiStream fromFile(Path path) { return fromFile(path == null ? null : path.toString()); }

    public static ImapiStream fromFile(String path) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_from_file(path, o)));
    }

    /** A stream over a copy of {@code data}. */
    public static ImapiStream fromBytes(byte[] data) {
        // The C call takes NULL as "no data"; in Java a null array is a mistake.
        if (data == null) throw new ImapiException(ImapiStatus.E_POINTER, "data is null");
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_from_memory(data, o)));
    }

    /** IMAPI's zero stream: {@code size} zero bytes, no memory. */
    public static ImapiStream zero(long size) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_zero(size, o)));
    }

    /** A stream whose data the library pulls from {@code source} (possibly from its worker threads). */
    public static ImapiStream fromSource(ImapiStreamSource source) {
        return new ImapiStream(NativeHandle.create(o -> ImapiNative.imapi_stream_create_user(source, o)));
    }

    /** Reads into {@code dst} from its position; returns the count, or -1 at the end. Direct buffers: no copy. */
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

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    /** Moves the position; returns the new absolute position. */
    public long seek(long offset, int whence) {
        long[] p = new long[1];
        handle.check(h -> ImapiNative.imapi_stream_seek(h, offset, whence, p));
        return p[0];
    }

    /** Moves without asking for the new position. */
    public void seekOnly(long offset, int whence) {
        handle.check(h -> ImapiNative.imapi_stream_seek(h, offset, whence, null));
    }

    public long position() { return seek(0, SEEK_CUR); }

    /** Total size in bytes. */
    public long size() {
        long[] s = new long[1];
        handle.check(h -> ImapiNative.imapi_stream_get_size(h, s));
        return s[0];
    }

    public boolean isClosed() { return handle.isClosed(); }

    @Override
    public void close() { handle.close(); }
}
