package org.libimapi;

/** IMAPI2FS's FsiItemType, plus symbolic links: what an image path, item or image entry is. */
public enum FsiItemType implements NativeEnum {
    /** No item at that path (FsiItemNotFound). */
    NOT_FOUND(0),
    /** A directory (FsiItemDirectory). */
    DIRECTORY(1),
    /** A file (FsiItemFile). */
    FILE(2),
    /** A symbolic link (libimapi extension: recorded by Rock Ridge and UDF). */
    SYMLINK(3);

    private final int value;

    FsiItemType(int value) { this.value = value; }

    /** IMAPI's number for this type. */
    @Override
    public int value() { return value; }

    static FsiItemType of(int v) { return NativeEnum.require(FsiItemType.class, v); }
}
