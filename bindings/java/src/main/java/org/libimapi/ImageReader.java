package org.libimapi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Extension: lists and extracts ISO 9660, Joliet, Rock Ridge and UDF images (bridge images
 * too), from a file or a stream. The input is treated as hostile: a malformed image is an
 * ImapiException ({@link ImapiStatus#E_FILE_SYSTEM_READ_CONSISTENCY_ERROR} and the like),
 * never a crash. An AutoCloseable; streams opened from it stay usable after {@link #close}.
 * Calls are serialized per object; every method throws {@link ImapiException}.
 */
public final class ImageReader extends NativeHandle {
    private ImageReader(long raw) { super(raw, ImapiNative::imapi_image_reader_free, "ImageReader"); }

    /**
     * Opens an image file.
     *
     * @param path the image file
     * @return the reader (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_IMPORT_READ_FAILURE} when it cannot be read,
     *         {@link ImapiStatus#E_IMAGEMANAGER_NO_VALID_VD_FOUND} when it is no image
     */
    public static ImageReader open(String path) {
        return new ImageReader(create(o -> ImapiNative.imapi_image_reader_open_path(path, o)));
    }

    /**
     * Opens an image read from a stream (shared; it may be closed at once).
     *
     * @param stream the image, for example {@link DiscFormat2Data#createMediaStream}
     * @return the reader (close it when done)
     * @throws ImapiException as {@link #open(String)}
     */
    public static ImageReader open(ImapiStream stream) {
        long s = NativeHandle.raw(stream == null ? null : stream.handle);
        return new ImageReader(create(o -> ImapiNative.imapi_image_reader_open_stream(s, o)));
    }

    /**
     * The file systems on the image (IdentifyFileSystemsOnDisc).
     *
     * @return a new set the caller may change
     */
    public EnumSet<FsiFileSystems> getFileSystems() {
        int[] v = new int[1];
        check(h -> ImapiNative.imapi_image_reader_get_file_systems(h, v));
        return FsiFileSystems.setOf(v[0]);
    }

    /**
     * The volume label as the primary descriptor records it (d-characters, so "_N_C_D__TREE" for
     * "Ünïcödé Tree"), or UDF's on a UDF-only image; {@link #getVolumeName(FsiFileSystems)} gives it in Unicode.
     *
     * @return the label
     */
    public String getVolumeName() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_image_reader_get_volume_name(h, s));
        return s[0];
    }

    /**
     * The tree of one file system, parents before children (this becomes the listing
     * {@link #extract} and {@link #openFile(long)} use).
     *
     * @param fileSystem ROCK_RIDGE, JOLIET, ISO9660 or UDF
     * @return the entries
     * @throws ImapiException {@link ImapiStatus#E_FILE_SYSTEM_NOT_FOUND} when the image lacks it,
     *         {@link ImapiStatus#E_FILE_SYSTEM_READ_CONSISTENCY_ERROR} for a malformed tree
     */
    public List<ImageEntry> list(FsiFileSystems fileSystem) {
        int fs = NativeEnum.valueOf(fileSystem, "fileSystem");
        return call(h -> {
            long[] n = new long[1];
            ImapiException.check(ImapiNative.imapi_image_reader_list(h, fs, n));
            List<ImageEntry> entries = new ArrayList<>();
            imapi_image_entry e = new imapi_image_entry();
            try {
                for (long i = 0; i < n[0]; i++) {
                    ImapiException.check(ImapiNative.imapi_image_reader_get_entry(h, i, e));
                    long ns = e.getModified();
                    entries.add(new ImageEntry(i, e.getPath(), FsiItemType.of(e.getType()), e.getSize(), e.getMode(),
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
     * The volume label one file system records, in Unicode where it allows: Joliet's (up to 16
     * characters), UDF's (up to 126 bytes), or the primary descriptor's for ISO 9660 and Rock Ridge.
     *
     * @param fileSystem ISO9660, JOLIET, ROCK_RIDGE or UDF
     * @return the label
     * @throws ImapiException {@link ImapiStatus#E_FILE_SYSTEM_NOT_FOUND} when the image has no such file system
     */
    public String getVolumeName(FsiFileSystems fileSystem) {
        int fs = NativeEnum.valueOf(fileSystem, "fileSystem");
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_image_reader_get_file_system_volume_name(h, fs, s));
        return s[0];
    }

    /**
     * The file an entry names (its file system and path), whatever was listed since.
     *
     * @param entry an entry of {@link #list}
     * @return a new stream over the file's data, independent of this reader (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_NOT_FILE} for a directory or link,
     *         {@link ImapiStatus#E_POINTER} for null
     */
    public ImapiStream openFile(ImageEntry entry) {
        if (entry == null) throw new ImapiException(ImapiStatus.E_POINTER, "entry is null");
        return openFile(entry.fileSystem(), entry.path());
    }

    /**
     * The file at a path of one file system's tree.
     *
     * @param fileSystem ROCK_RIDGE, JOLIET, ISO9660 or UDF
     * @param path "/a/b", as that file system's listing names it
     * @return a new stream over the file's data, independent of this reader (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND} when there is no such path,
     *         {@link ImapiStatus#E_NOT_FILE} for a directory or link, {@link ImapiStatus#E_FILE_SYSTEM_NOT_FOUND}
     */
    public ImapiStream openFile(FsiFileSystems fileSystem, String path) {
        int fs = NativeEnum.valueOf(fileSystem, "fileSystem");
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_image_reader_open_file_by_path(h, fs, path, o))));
    }

    /**
     * Entry {@code index} of the last listing, whichever file system that was (after listing
     * another, the same index names another file: prefer {@link #openFile(ImageEntry)}).
     *
     * @param index a position in the last listing
     * @return a new stream over the file's data (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for an index out of range,
     *         {@link ImapiStatus#E_NOT_FILE}
     */
    public ImapiStream openFile(long index) {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_image_reader_open_file(h, index, o))));
    }

    /**
     * Extracts the last listing (or, before any, the richest file system) into a directory
     * (created if missing): directories, files with
     * their contents and times, symbolic links, Rock Ridge permission bits; names that would leave
     * {@code destination} are refused. Existing files of an entry's name are replaced. Reports
     * bytes ({@link ImapiOperation#EXTRACT}) to {@code listener} on this thread.
     *
     * @param destination the directory
     * @param listener called with each report (may be null); false cancels
     * @throws ImapiException {@link ImapiStatus#E_DATA_TOO_BIG} beyond {@link #setExtractLimit},
     *         {@link ImapiStatus#E_OUTPUT_WRITE_FAILURE}, {@link ImapiStatus#E_REQUEST_CANCELLED}
     */
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
     * @param maxBytes the limit in bytes, 0 for the default, negative for none
     * @throws ImapiException if the reader was closed
     */
    public void setExtractLimit(long maxBytes) { check(h -> ImapiNative.imapi_image_reader_set_extract_limit(h, maxBytes)); }

    /**
     * The extraction limit in force for this image.
     *
     * @return bytes, or -1 when lifted
     */
    public long getExtractLimit() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_image_reader_get_extract_limit(h, v));
        return v[0];
    }
}
