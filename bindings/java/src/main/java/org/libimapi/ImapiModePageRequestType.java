package org.libimapi;

/** IMAPI2's IMAPI_MODE_PAGE_REQUEST_TYPE: which values of a mode page MODE SENSE returns or MODE SELECT sets. */
public enum ImapiModePageRequestType implements NativeEnum {
    /** The values in effect now. */
    CURRENT_VALUES(0),
    /** A mask of the bits that can be changed. */
    CHANGEABLE_VALUES(1),
    /** The drive's defaults. */
    DEFAULT_VALUES(2),
    /** The values saved in the drive (kept across power cycles). */
    SAVED_VALUES(3);

    private final int value;

    ImapiModePageRequestType(int value) { this.value = value; }

    /** IMAPI's number for this request type. */
    @Override
    public int value() { return value; }
}
