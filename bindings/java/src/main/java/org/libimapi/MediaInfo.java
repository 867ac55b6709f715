package org.libimapi;

/**
 * The medium in a recorder: state is IMAPI_FORMAT2_DATA_MEDIA_STATE bits,
 * writeProtect IMAPI_MEDIA_WRITE_PROTECT_STATE bits, physicalType an
 * {@link ImapiMediaPhysicalType} value.
 */
public record MediaInfo(boolean present, int profile, int physicalType, int state, int writeProtect, int sessions,
                        long totalSectors, long freeSectors, long nextWritableAddress) {}
