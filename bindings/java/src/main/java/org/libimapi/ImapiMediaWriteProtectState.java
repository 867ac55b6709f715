package org.libimapi;

import java.util.EnumSet;

/** IMAPI2's IMAPI_MEDIA_WRITE_PROTECT_STATE flags: why a medium cannot be written (an empty set: it can). */
public enum ImapiMediaWriteProtectState implements NativeEnum {
    /** Protected until the drive is powered down (MMC's persistent write protect). */
    UNTIL_POWERDOWN(0x1),
    /** The cartridge's write-protect switch is set. */
    BY_CARTRIDGE(0x2),
    /** Protected for a reason specific to the medium. */
    BY_MEDIA_SPECIFIC_REASON(0x4),
    /** Protected by software (the software write protect of the drive). */
    BY_SOFTWARE_WRITE_PROTECT(0x8),
    /** Protected by a disc control block. */
    BY_DISC_CONTROL_BLOCK(0x10),
    /** The medium is read-only (pressed, or closed write-once media). */
    READ_ONLY_MEDIA(0x4000);

    private final int value;

    ImapiMediaWriteProtectState(int value) { this.value = value; }

    /** IMAPI's bit for this reason. */
    @Override
    public int value() { return value; }

    static EnumSet<ImapiMediaWriteProtectState> setOf(int mask) { return NativeEnum.setOf(ImapiMediaWriteProtectState.class, mask); }
}
