package org.libimapi;

/**
 * IMAPI2's IMAPI_PROFILE_TYPE: the MMC profile numbers a drive reports (GET CONFIGURATION),
 * as {@link DiscRecorder#getSupportedProfiles} and {@link MediaInfo#profile} give them.
 * A number this enum does not name (a vendor-specific profile) is reported as {@link #NON_STANDARD}.
 */
public enum ImapiProfileType implements NativeEnum {
    /** No profile (0x0000): no medium, or none current. */
    INVALID(0x0000),
    /** Non-removable disk (0x0001). */
    NON_REMOVABLE_DISK(0x0001),
    /** Removable disk (0x0002). */
    REMOVABLE_DISK(0x0002),
    /** Magneto-optical erasable (0x0003). */
    MO_ERASABLE(0x0003),
    /** Magneto-optical write once (0x0004). */
    MO_WRITE_ONCE(0x0004),
    /** Advance storage magneto-optical (0x0005). */
    AS_MO(0x0005),
    /** CD-ROM (0x0008). */
    CDROM(0x0008),
    /** CD-R (0x0009). */
    CD_RECORDABLE(0x0009),
    /** CD-RW (0x000A). */
    CD_REWRITABLE(0x000A),
    /** DVD-ROM (0x0010). */
    DVDROM(0x0010),
    /** DVD-R sequential recording (0x0011). */
    DVD_DASH_RECORDABLE(0x0011),
    /** DVD-RAM (0x0012). */
    DVD_RAM(0x0012),
    /** DVD-RW restricted overwrite (0x0013). */
    DVD_DASH_REWRITABLE(0x0013),
    /** DVD-RW sequential recording (0x0014). */
    DVD_DASH_RW_SEQUENTIAL(0x0014),
    /** DVD-R dual layer sequential recording (0x0015). */
    DVD_DASH_R_DUAL_SEQUENTIAL(0x0015),
    /** DVD-R dual layer jump recording (0x0016). */
    DVD_DASH_R_DUAL_LAYER_JUMP(0x0016),
    /** DVD+RW (0x001A). */
    DVD_PLUS_RW(0x001A),
    /** DVD+R (0x001B). */
    DVD_PLUS_R(0x001B),
    /** DDCD-ROM (0x0020). */
    DDCDROM(0x0020),
    /** DDCD-R (0x0021). */
    DDCD_RECORDABLE(0x0021),
    /** DDCD-RW (0x0022). */
    DDCD_REWRITABLE(0x0022),
    /** DVD+RW dual layer (0x002A). */
    DVD_PLUS_RW_DUAL(0x002A),
    /** DVD+R dual layer (0x002B). */
    DVD_PLUS_R_DUAL(0x002B),
    /** BD-ROM (0x0040). */
    BD_ROM(0x0040),
    /** BD-R sequential recording (0x0041). */
    BD_R_SEQUENTIAL(0x0041),
    /** BD-R random recording (0x0042). */
    BD_R_RANDOM_RECORDING(0x0042),
    /** BD-RE (0x0043). */
    BD_REWRITABLE(0x0043),
    /** HD DVD-ROM (0x0050). */
    HD_DVD_ROM(0x0050),
    /** HD DVD-R (0x0051). */
    HD_DVD_R(0x0051),
    /** HD DVD-RAM (0x0052). */
    HD_DVD_RAM(0x0052),
    /** A profile outside MMC's list (0xFFFF), and every number this enum does not name. */
    NON_STANDARD(0xFFFF);

    private final int value;

    ImapiProfileType(int value) { this.value = value; }

    /** The MMC profile number. */
    @Override
    public int value() { return value; }

    static ImapiProfileType of(int v) { return NativeEnum.of(ImapiProfileType.class, v, NON_STANDARD); }
}
