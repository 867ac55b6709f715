package org.libimapi;

import java.time.Instant;

/**
 * IMAPI2FS's IFsiItem: what directories, files and links of an image share. Each object is
 * a handle on an item of the tree: an AutoCloseable whose {@link #close} releases the handle,
 * not the item (which stays in its image). Calls are serialized per object; every method
 * throws {@link ImapiException} ({@link ImapiStatus#E_INVALID_HANDLE} once closed).
 */
public abstract class FsiItem extends NativeHandle {
    FsiItem(long raw, String what) { super(raw, ImapiNative::imapi_fsitem_free, what); }

    /** Wraps a new item handle in the class of its type (freeing it if that fails). */
    static FsiItem wrap(long raw) {
        int[] type = new int[1];
        int s = ImapiNative.imapi_fsitem_get_type(raw, type);
        if (s < 0) {
            ImapiException e = ImapiException.fromLastError(s);
            ImapiNative.imapi_fsitem_free(raw);
            throw e;
        }
        switch (type[0]) {
            case 1: return new FsiDirectoryItem(raw);
            case 2: return new FsiFileItem(raw);
            default: return new FsiSymbolicLinkItem(raw);
        }
    }

    final String string(java.util.function.BiFunction<Long, String[], Integer> f) {
        String[] s = new String[1];
        check(h -> f.apply(h, s));
        return s[0];
    }

    final int int32(java.util.function.BiFunction<Long, int[], Integer> f) {
        int[] v = new int[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    final long int64(java.util.function.BiFunction<Long, long[], Integer> f) {
        long[] v = new long[1];
        check(h -> f.apply(h, v));
        return v[0];
    }

    /**
     * The kind of item; its class says the same ({@link FsiDirectoryItem}, {@link FsiFileItem},
     * {@link FsiSymbolicLinkItem}).
     *
     * @return DIRECTORY, FILE or SYMLINK
     */
    public FsiItemType getItemType() { return FsiItemType.of(int32(ImapiNative::imapi_fsitem_get_type)); }
    /**
     * Name.
     *
     * @return the last path component ("" for the root)
     */
    public String getName() { return string(ImapiNative::imapi_fsitem_get_name); }
    /**
     * FullPath.
     *
     * @return "/a/b" from the image root ("/" for the root)
     * @throws ImapiException {@link ImapiStatus#E_NOT_IN_FILE_SYSTEM} for a detached item
     */
    public String getFullPath() { return string(ImapiNative::imapi_fsitem_get_full_path); }
    /**
     * FileSystemName: the name one file system will record, after its mangling (ISO 9660's "F.TXT;1").
     *
     * @param fileSystem ISO9660, JOLIET, UDF or ROCK_RIDGE
     * @return the recorded name
     * @throws ImapiException {@link ImapiStatus#E_INVALID_PARAM} for UNKNOWN
     */
    public String getFileSystemName(FsiFileSystems fileSystem) {
        int fs = NativeEnum.valueOf(fileSystem, "fileSystem");
        return string((h, s) -> ImapiNative.imapi_fsitem_get_file_system_name(h, fs, s));
    }
    /**
     * FileSystemPath: the path one file system will record, after mangling.
     *
     * @param fileSystem ISO9660, JOLIET, UDF or ROCK_RIDGE
     * @return the recorded path
     * @throws ImapiException {@link ImapiStatus#E_INVALID_PARAM} for UNKNOWN
     */
    public String getFileSystemPath(FsiFileSystems fileSystem) {
        int fs = NativeEnum.valueOf(fileSystem, "fileSystem");
        return string((h, s) -> ImapiNative.imapi_fsitem_get_file_system_path(h, fs, s));
    }

    private static Instant toInstant(long ns) { return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)); }
    private static long toNanos(Instant t) {
        if (t == null) throw new ImapiException(ImapiStatus.E_POINTER, "the time is null");
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    }

    /**
     * CreationTime.
     *
     * @return when the item was created
     */
    public Instant getCreationTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_creation_time)); }
    /**
     * CreationTime.
     *
     * @param t the new creation time
     */
    public void setCreationTime(Instant t) { long ns = toNanos(t); check(h -> ImapiNative.imapi_fsitem_set_creation_time(h, ns)); }
    /**
     * LastAccessedTime.
     *
     * @return when the item was last read
     */
    public Instant getLastAccessedTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_last_accessed_time)); }
    /**
     * LastAccessedTime.
     *
     * @param t the new time
     * @throws ImapiException {@link ImapiStatus#E_INVALID_DATE} before the creation time
     */
    public void setLastAccessedTime(Instant t) { long ns = toNanos(t); check(h -> ImapiNative.imapi_fsitem_set_last_accessed_time(h, ns)); }
    /**
     * LastModifiedTime.
     *
     * @return when the item was last changed
     */
    public Instant getLastModifiedTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_last_modified_time)); }
    /**
     * LastModifiedTime.
     *
     * @param t the new time
     * @throws ImapiException {@link ImapiStatus#E_INVALID_DATE} before the creation time
     */
    public void setLastModifiedTime(Instant t) { long ns = toNanos(t); check(h -> ImapiNative.imapi_fsitem_set_last_modified_time(h, ns)); }
    /**
     * IsHidden: the ISO 9660/Joliet "existence" (hidden) flag.
     *
     * @return whether the item is hidden
     */
    public boolean isHidden() { return int32(ImapiNative::imapi_fsitem_get_hidden) != 0; }
    /**
     * IsHidden.
     *
     * @param hidden true to set the hidden flag
     */
    public void setHidden(boolean hidden) { check(h -> ImapiNative.imapi_fsitem_set_hidden(h, hidden ? 1 : 0)); }
    /**
     * Extension: the POSIX permission bits Rock Ridge records.
     *
     * @return the mode, 07777 at most
     */
    public int getPosixMode() { return int32(ImapiNative::imapi_fsitem_get_posix_mode); }
    /**
     * Extension: the POSIX permission bits Rock Ridge records.
     *
     * @param mode permission bits (07777 at most)
     */
    public void setPosixMode(int mode) { check(h -> ImapiNative.imapi_fsitem_set_posix_mode(h, mode)); }
    /**
     * Extension: the owner Rock Ridge records.
     *
     * @return {uid, gid}
     */
    public int[] getPosixOwner() {
        int[] uid = new int[1], gid = new int[1];
        check(h -> ImapiNative.imapi_fsitem_get_posix_owner(h, uid, gid));
        return new int[] {uid[0], gid[0]};
    }
    /**
     * Extension: the owner Rock Ridge records.
     *
     * @param uid the user id
     * @param gid the group id
     */
    public void setPosixOwner(int uid, int gid) { check(h -> ImapiNative.imapi_fsitem_set_posix_owner(h, uid, gid)); }
}
