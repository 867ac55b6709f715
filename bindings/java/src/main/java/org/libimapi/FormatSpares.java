package org.libimapi;

/** BD spare areas of {@link DiscFormat2Erase#formatMedia} (IMAPI_FORMAT_SPARES_*, libimapi's extension). */
public enum FormatSpares implements NativeEnum {
    /** The drive's default spare areas (BD-RE format type 30h, BD-R 32h). */
    DEFAULT(0),
    /** No spare areas, no defect management (BD-RE format type 31h; a blank BD-R is left as it comes). */
    NONE(1);

    private final int value;

    FormatSpares(int value) { this.value = value; }

    /** libimapi's number for this choice. */
    @Override
    public int value() { return value; }

    static FormatSpares of(int v) { return NativeEnum.of(FormatSpares.class, v, DEFAULT); }
}
