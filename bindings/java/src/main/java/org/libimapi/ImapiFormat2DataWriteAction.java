package org.libimapi;

/** IMAPI2's IMAPI_FORMAT2_DATA_WRITE_ACTION: the step a burn is in ({@link BurnProgress#currentAction}). */
public enum ImapiFormat2DataWriteAction implements NativeEnum {
    /** Checking that the medium can take the write. */
    VALIDATING_MEDIA(0),
    /** Formatting the medium (BD-RE, DVD+RW, DVD-RAM before their first write). */
    FORMATTING_MEDIA(1),
    /** Setting up the drive: write parameters, speed, exclusive access. */
    INITIALIZING_HARDWARE(2),
    /** The drive calibrates its laser power (OPC). */
    CALIBRATING_POWER(3),
    /** Writing the data; {@link BurnProgress#lastWrittenLba} advances. */
    WRITING_DATA(4),
    /** Closing the track, session or disc. */
    FINALIZATION(5),
    /** The write (and its verification) has finished. */
    COMPLETED(6),
    /** Reading the session back to compare it with the image ({@link ImapiBurnVerificationLevel}). */
    VERIFYING(7);

    private final int value;

    ImapiFormat2DataWriteAction(int value) { this.value = value; }

    /** IMAPI's number for this step. */
    @Override
    public int value() { return value; }

    static ImapiFormat2DataWriteAction of(int v) { return NativeEnum.require(ImapiFormat2DataWriteAction.class, v); }
}
