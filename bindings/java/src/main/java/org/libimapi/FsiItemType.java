package org.libimapi;

/** IMAPI2FS's FsiItemType, plus symbolic links. */
public enum FsiItemType {
    NOT_FOUND(0), DIRECTORY(1), FILE(2), SYMLINK(3);

    public final int value;

    FsiItemType(int value) { this.value = value; }

    static FsiItemType of(int v) {
        for (FsiItemType t : values()) if (t.value == v) return t;
        throw new ImapiException(ImapiStatus.E_FAIL, "unknown item type " + v);
    }
}
