package org.libimapi;

/**
 * Why {@link FsiDirectoryItem#addTree(java.nio.file.Path, boolean) addTree} left a host entry
 * out ({@link FileSystemImage#getSkippedEntries()}; a libimapi extension, IMAPI_SKIPPED_* in
 * the C ABI). An image holds directories, files and symbolic links only.
 */
public enum SkipReason implements NativeEnum {
    /** A FIFO (named pipe). */
    FIFO(1),
    /** A Unix domain socket. */
    SOCKET(2),
    /** A character device. */
    CHARACTER_DEVICE(3),
    /** A block device. */
    BLOCK_DEVICE(4),
    /** A symbolic link, under {@link SymlinkPolicy#SKIP}. */
    SYMLINK(5),
    /** A file type the library does not know (none on Linux). */
    OTHER(6);

    private final int value;

    SkipReason(int value) { this.value = value; }

    /** libimapi's number for this reason (IMAPI_SKIPPED_*). */
    @Override
    public int value() { return value; }

    static SkipReason of(int v) { return NativeEnum.require(SkipReason.class, v); }
}
