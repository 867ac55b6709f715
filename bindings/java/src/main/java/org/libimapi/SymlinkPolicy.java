package org.libimapi;

/**
 * What {@link FsiDirectoryItem#addTree(java.nio.file.Path, boolean) addTree} does with a
 * symbolic link of the host tree ({@link FileSystemImage#setSymlinkPolicy(SymlinkPolicy)};
 * a libimapi extension, IMAPI_SYMLINKS_* in the C ABI).
 */
public enum SymlinkPolicy implements NativeEnum {
    /**
     * The default: the link itself is recorded (Rock Ridge and UDF show a link, plain ISO 9660
     * an empty file, Joliet nothing). 7-Zip refuses a whole UDF volume that holds a link.
     */
    RECORD(0),
    /**
     * A link to a file is added as a file with the target's content, a link to a directory as
     * that directory's contents. A dangling link fails addTree with
     * {@link ImapiStatus#E_FILE_NOT_FOUND}, a link to a directory above it (a loop) with
     * {@link ImapiStatus#E_DIRECTORY_READ_FAILURE}; the image is then left as it was.
     */
    FOLLOW(1),
    /** Links are left out. */
    SKIP(2);

    private final int value;

    SymlinkPolicy(int value) { this.value = value; }

    /** libimapi's number for this policy (IMAPI_SYMLINKS_*). */
    @Override
    public int value() { return value; }

    static SymlinkPolicy of(int v) { return NativeEnum.require(SymlinkPolicy.class, v); }
}
