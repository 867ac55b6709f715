package org.libimapi;

/** What a {@link Progress} report counts (IMAPI_OPERATION_*). */
public enum ImapiOperation implements NativeEnum {
    /** Nothing has been reported yet. */
    NONE(0),
    /** Writing a file-system image: done and total are 2048-byte sectors. */
    IMAGE_WRITE(1),
    /** Extracting files from an image: done and total are bytes. */
    EXTRACT(2),
    /** Burning a disc (the job form of a write): done and total are sectors. */
    BURN(3),
    /** Erasing or formatting a disc ({@link DiscFormat2Erase} jobs): done and total are the medium's sectors. */
    ERASE(4);

    private final int value;

    ImapiOperation(int value) { this.value = value; }

    /** libimapi's number for this operation. */
    @Override
    public int value() { return value; }

    static ImapiOperation of(int v) { return NativeEnum.of(ImapiOperation.class, v, NONE); }
}
