package org.libimapi;

/** The UDF revisions an image can be written in (IMAPI's UDFRevision, whose BCD form {@link #value} gives). */
public enum UdfRevision implements NativeEnum {
    /** UDF 1.02 (0x102): the most widely read (DVD-Video's); the default of a new image and of CD and DVD media. */
    UDF_1_02(0x102),
    /** UDF 1.50 (0x150): virtual and sparable partitions. */
    UDF_1_50(0x150),
    /** UDF 2.00 (0x200): stream files and named streams. */
    UDF_2_00(0x200),
    /** UDF 2.01 (0x201): the last revision without a metadata partition; the default for non-optical disks. */
    UDF_2_01(0x201),
    /** UDF 2.50 (0x250): the metadata partition; the default for BD and HD DVD media. */
    UDF_2_50(0x250),
    /** UDF 2.60 (0x260): pseudo-overwrite on sequential media. */
    UDF_2_60(0x260);

    private final int value;

    UdfRevision(int value) { this.value = value; }

    /** The revision in IMAPI's BCD form (0x102 ... 0x260). */
    @Override
    public int value() { return value; }

    static UdfRevision of(int v) { return NativeEnum.require(UdfRevision.class, v); }
}
