package org.libimapi;

import java.util.EnumSet;

/**
 * The medium in a recorder ({@link DiscRecorder#getMediaInfo}, a libimapi extension).
 *
 * @param present false without a medium (the other fields are then empty or 0)
 * @param profile the drive's current MMC profile
 * @param physicalType the kind of medium
 * @param state what the medium allows (empty: unknown)
 * @param writeProtect why it cannot be written (empty: it can)
 * @param sessions the sessions recorded on it
 * @param totalSectors used + free 2048-byte sectors
 * @param freeSectors what the next write can record
 * @param nextWritableAddress where the next session starts (0 on overwritable media)
 */
public record MediaInfo(boolean present, ImapiProfileType profile, ImapiMediaPhysicalType physicalType,
                        EnumSet<ImapiFormat2DataMediaState> state, EnumSet<ImapiMediaWriteProtectState> writeProtect,
                        int sessions, long totalSectors, long freeSectors, long nextWritableAddress) {
    static MediaInfo of(imapi_media_info m) {
        return new MediaInfo(m.getPresent() != 0, ImapiProfileType.of(m.getProfile()), ImapiMediaPhysicalType.of(m.getPhysical_type()),
                ImapiFormat2DataMediaState.setOf(m.getState()), ImapiMediaWriteProtectState.setOf(m.getWrite_protect()),
                m.getSessions(), m.getTotal_sectors(), m.getFree_sectors(), m.getNext_writable_address());
    }
}
