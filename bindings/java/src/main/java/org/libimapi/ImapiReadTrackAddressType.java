package org.libimapi;

/** IMAPI2's IMAPI_READ_TRACK_ADDRESS_TYPE: what the address of READ TRACK INFORMATION means. */
public enum ImapiReadTrackAddressType implements NativeEnum {
    /** The track holding this logical block address. */
    LBA(0),
    /** A track number (255: the invisible/incomplete track). */
    TRACK(1),
    /** The first track of this session number. */
    SESSION(2);

    private final int value;

    ImapiReadTrackAddressType(int value) { this.value = value; }

    /** IMAPI's number for this address type. */
    @Override
    public int value() { return value; }
}
