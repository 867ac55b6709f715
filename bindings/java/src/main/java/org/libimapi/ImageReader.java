package org.libimapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Lists and extracts ISO 9660 / Joliet / Rock Ridge / UDF images (bridges too); a malformed image is an ImapiException, never a crash. */
public final class ImageReader extends NativeHandle {
    private ImageReader(long raw) { super(raw, ImapiNative::imapi_image_reader_free, "ImageReader"); }

    public static ImageReader open(String path) {
        return new ImageReader(create(o -> ImapiNative.imapi_image_reader_open_path(path, o)));
    }

    public static ImageReader open(ImapiStream stream) {
        long s = NativeHandle.raw(stream == null ? null : stream.handle);
        return new ImageReader(create(o -> ImapiNative.imapi_image_reader_open_stream(s, o)));
    }

    /** A mask of {@link FsiFileSystems}. */
    public int getFileSystems() {
        int[] v = new int[1];
        check(h -> ImapiNative.imapi_image_reader_get_file_systems(h, v));
        return v[0];
    }

    public String getVolumeName() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_image_reader_get_volume_name(h, s));
        return s[0];
    }

    /** The tree of one file system, parents before children (replaces the last listing). */
    public List<ImageEntry> list(int fileSystem) {
        return call(h -> {
            long[] n = new long[1];
            ImapiException.check(ImapiNative.imapi_image_reader_list(h, fileSystem, n));
            List<ImageEntry> entries = new ArrayList<>();
            imapi_image_entry e = new imapi_image_entry();
            try {
                for (long i = 0; i < n[0]; i++) {
                    ImapiException.check(ImapiNative.imapi_image_reader_get_entry(h, i, e));
                    long ns = e.getModified();
                    entries.add(new ImageEntry(i, e.getPath(), e.getType(), e.getSize(), e.getMode(),
                            Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)),
                            e.getTarget(), fileSystem));
                }
            } finally {
                e.delete();
            }
            return entries;
        });
    }

    /**
     * The volume label one file system records, in Unicode where it allows: Joliet's,
     * UDF's, or the primary descriptor's ({@link #getVolumeName}) for ISO 9660 and Rock Ridge.
     * ImapiException E_FILE_SYSTEM_NOT_FOUND when the image has no such file system.
     */
    public String getVolumeName(int fileSystem) {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_image_reader_get_file_system_volume_name(h, fileSystem, s));
        return s[0];
    }

    /** A stream over the file {@code entry} names (its file system and path), whatever was listed since. */
    public ImapiStream openFile(ImageEntry entry) {
        if (entry == null) throw new ImapiException(ImapiStatus.E_POINTER, "entry is null");
        return openFile(entry.fileSystem(), entry.path());
    }

    /** A stream over the file at {@code path} ("/a/b") in one file system's tree (E_ITEM_NOT_FOUND if absent). */
    public ImapiStream openFile(int fileSystem, String path) {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_image_reader_open_file_by_path(h, fileSystem, path, o))));
    }

    /** A stream over entry {@code index} of the last listing, whichever file system that was. */
    public ImapiStream openFile(long index) {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_image_reader_open_file(h, index, o))));
    }

    /** Extracts the last listing into {@code destination}; listener as in FileSystemImageResult.writeFile. */
    public void extract(String destination, ProgressListener listener) {
        call(h -> {
            ProgressBridge.run(listener, cb -> ImapiNative.imapi_image_reader_extract(h, destination, cb));
            return null;
        });
    }

    /**
     * The most bytes the files of {@link #extract} may add up to; more is refused
     * (IMAPI_E_DATA_TOO_BIG) before anything is written. 0 restores the default (16 times
     * the image plus 1 GiB), a negative value lifts the limit (for images of sparse files).
     *
     * @throws ImapiException if the reader was closed
     */
    public void setExtractLimit(long maxBytes) { check(h -> ImapiNative.imapi_image_reader_set_extract_limit(h, maxBytes)); }

    /** The extraction limit in force for this image in bytes, or -1 when lifted. */
    public long getExtractLimit() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_image_reader_get_extract_limit(h, v));
        return v[0];
    }
}
