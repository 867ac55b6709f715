package org.libimapi;

/** IMAPI2's IMAPI_MEDIA_PHYSICAL_TYPE: the kind of medium, independent of what is recorded on it. */
public enum ImapiMediaPhysicalType implements NativeEnum {
    /** No medium, or one the drive cannot identify (IMAPI_MEDIA_TYPE_UNKNOWN). */
    UNKNOWN(0),
    /** CD-ROM: pressed, read-only. */
    CDROM(1),
    /** CD-R: write once. */
    CDR(2),
    /** CD-RW: rewritable. */
    CDRW(3),
    /** DVD-ROM: pressed, read-only. */
    DVDROM(4),
    /** DVD-RAM: random-access rewritable. */
    DVDRAM(5),
    /** DVD+R: write once. */
    DVDPLUSR(6),
    /** DVD+RW: rewritable. */
    DVDPLUSRW(7),
    /** DVD+R dual layer. */
    DVDPLUSR_DUALLAYER(8),
    /** DVD-R: write once. */
    DVDDASHR(9),
    /** DVD-RW: rewritable. */
    DVDDASHRW(10),
    /** DVD-R dual layer. */
    DVDDASHR_DUALLAYER(11),
    /** A randomly writable disk that is not optical (IMAPI_MEDIA_TYPE_DISK). */
    DISK(12),
    /** DVD+RW dual layer. */
    DVDPLUSRW_DUALLAYER(13),
    /** HD DVD-ROM. */
    HDDVDROM(14),
    /** HD DVD-R. */
    HDDVDR(15),
    /** HD DVD-RAM. */
    HDDVDRAM(16),
    /** BD-ROM: pressed, read-only. */
    BDROM(17),
    /** BD-R: write once. */
    BDR(18),
    /** BD-RE: rewritable. */
    BDRE(19);

    private final int value;

    ImapiMediaPhysicalType(int value) { this.value = value; }

    /** IMAPI's number for this type. */
    @Override
    public int value() { return value; }

    /** A number from the library; one this enum does not name (a newer library) is UNKNOWN. */
    static ImapiMediaPhysicalType of(int v) { return NativeEnum.of(ImapiMediaPhysicalType.class, v, UNKNOWN); }
}
