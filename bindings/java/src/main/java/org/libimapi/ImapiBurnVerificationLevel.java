package org.libimapi;

/** IMAPI2's IMAPI_BURN_VERIFICATION_LEVEL: how much of a burned session is read back and compared. */
public enum ImapiBurnVerificationLevel implements NativeEnum {
    /** No verification. */
    NONE(0),
    /**
     * The track the drive reports for the session, and checksums of sample areas (the first, middle and
     * last 64 blocks, and 8 ranges of 16 blocks spread evenly) compared with those taken as the data was
     * written (IMAPI's default).
     */
    QUICK(1),
    /** The track check, and the whole session read back and compared per 16-block range. */
    FULL(2);

    private final int value;

    ImapiBurnVerificationLevel(int value) { this.value = value; }

    /** IMAPI's number for this level. */
    @Override
    public int value() { return value; }

    static ImapiBurnVerificationLevel of(int v) { return NativeEnum.require(ImapiBurnVerificationLevel.class, v); }
}
