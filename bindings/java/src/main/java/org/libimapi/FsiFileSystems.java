package org.libimapi;

/** IMAPI2FS's FsiFileSystems flags, plus Rock Ridge (a libimapi extension bit). */
public final class FsiFileSystems {
    private FsiFileSystems() {}

    public static final int NONE = 0x0;
    public static final int ISO9660 = 0x1;
    public static final int JOLIET = 0x2;
    public static final int UDF = 0x4;
    public static final int ROCK_RIDGE = 0x8;
    public static final int UNKNOWN = 0x40000000;
}
