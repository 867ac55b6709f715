package org.libimapi;

import java.time.Instant;

/** IMAPI2FS's IFsiItem: what directories, files and links of an image share. */
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

    public FsiItemType getItemType() { return FsiItemType.of(int32(ImapiNative::imapi_fsitem_get_type)); }
    /** The last path component ("" for the root). */
    public String getName() { return string(ImapiNative::imapi_fsitem_get_name); }
    /** "/a/b" from the image root. */
    public String getFullPath() { return string(ImapiNative::imapi_fsitem_get_full_path); }
    /** The name one file system ({@link FsiFileSystems}) records, after mangling. */
    public String getFileSystemName(int fileSystem) {
        return string((h, s) -> ImapiNative.imapi_fsitem_get_file_system_name(h, fileSystem, s));
    }
    public String getFileSystemPath(int fileSystem) {
        return string((h, s) -> ImapiNative.imapi_fsitem_get_file_system_path(h, fileSystem, s));
    }

    private static Instant toInstant(long ns) { return Instant.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), Math.floorMod(ns, 1_000_000_000L)); }
    private static long toNanos(Instant t) { return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano()); }

    public Instant getCreationTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_creation_time)); }
    public void setCreationTime(Instant t) { check(h -> ImapiNative.imapi_fsitem_set_creation_time(h, toNanos(t))); }
    public Instant getLastAccessedTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_last_accessed_time)); }
    public void setLastAccessedTime(Instant t) { check(h -> ImapiNative.imapi_fsitem_set_last_accessed_time(h, toNanos(t))); }
    public Instant getLastModifiedTime() { return toInstant(int64(ImapiNative::imapi_fsitem_get_last_modified_time)); }
    public void setLastModifiedTime(Instant t) { check(h -> ImapiNative.imapi_fsitem_set_last_modified_time(h, toNanos(t))); }
    public boolean isHidden() { return int32(ImapiNative::imapi_fsitem_get_hidden) != 0; }
    public void setHidden(boolean hidden) { check(h -> ImapiNative.imapi_fsitem_set_hidden(h, hidden ? 1 : 0)); }
    /** POSIX permission bits (07777) recorded by Rock Ridge. */
    public int getPosixMode() { return int32(ImapiNative::imapi_fsitem_get_posix_mode); }
    public void setPosixMode(int mode) { check(h -> ImapiNative.imapi_fsitem_set_posix_mode(h, mode)); }
    /** {uid, gid} recorded by Rock Ridge. */
    public int[] getPosixOwner() {
        int[] uid = new int[1], gid = new int[1];
        check(h -> ImapiNative.imapi_fsitem_get_posix_owner(h, uid, gid));
        return new int[] {uid[0], gid[0]};
    }
    public void setPosixOwner(int uid, int gid) { check(h -> ImapiNative.imapi_fsitem_set_posix_owner(h, uid, gid)); }
}
