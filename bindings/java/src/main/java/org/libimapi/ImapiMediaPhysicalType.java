package org.libimapi;

/** IMAPI2's IMAPI_MEDIA_PHYSICAL_TYPE values. */
public final class ImapiMediaPhysicalType {
    private ImapiMediaPhysicalType() {}

    public static final int UNKNOWN = 0;
    public static final int CDROM = 1;
    public static final int CDR = 2;
    public static final int CDRW = 3;
    public static final int DVDROM = 4;
    public static final int DVDRAM = 5;
    public static final int DVDPLUSR = 6;
    public static final int DVDPLUSRW = 7;
    public static final int DVDPLUSR_DUALLAYER = 8;
    public static final int DVDDASHR = 9;
    public static final int DVDDASHRW = 10;
    public static final int DVDDASHR_DUALLAYER = 11;
    public static final int DISK = 12;
    public static final int DVDPLUSRW_DUALLAYER = 13;
    public static final int HDDVDROM = 14;
    public static final int HDDVDR = 15;
    public static final int HDDVDRAM = 16;
    public static final int BDROM = 17;
    public static final int BDR = 18;
    public static final int BDRE = 19;
}
