package org.libimapi;

import java.util.EnumSet;

/**
 * IMAPI2's IMAPI_FORMAT2_DATA_MEDIA_STATE flags: what a medium allows, as an
 * {@code EnumSet} ({@link DiscFormat2Data#getCurrentMediaStatus}, {@link MediaInfo#state}).
 * IMAPI's UNKNOWN (0) is the empty set.
 */
public enum ImapiFormat2DataMediaState implements NativeEnum {
    /** Overwritable media (DVD+RW, DVD-RAM, BD-RE, restricted-overwrite DVD-RW): no sessions to append. */
    OVERWRITE_ONLY(0x1),
    /** Blank: nothing recorded yet. */
    BLANK(0x2),
    /** Holds sessions and can take another. */
    APPENDABLE(0x4),
    /** The next session written is the last one the medium takes. */
    FINAL_SESSION(0x8),
    /** The medium is damaged: nothing more can be written. */
    DAMAGED(0x400),
    /** The medium must be erased before it can be written. */
    ERASE_REQUIRED(0x800),
    /** The medium holds at least one session with data. */
    NON_EMPTY_SESSION(0x1000),
    /** Write-protected (see {@link DiscFormat2Data#getWriteProtectStatus} for why). */
    WRITE_PROTECTED(0x2000),
    /** Closed: no more sessions can be added. */
    FINALIZED(0x4000),
    /** A medium this writer does not support. */
    UNSUPPORTED_MEDIA(0x8000);

    private final int value;

    ImapiFormat2DataMediaState(int value) { this.value = value; }

    /** IMAPI's bit for this state. */
    @Override
    public int value() { return value; }

    static EnumSet<ImapiFormat2DataMediaState> setOf(int mask) { return NativeEnum.setOf(ImapiFormat2DataMediaState.class, mask); }
}
