package org.libimapi;

/**
 * One element of MultisessionInterfaces ({@link DiscFormat2Data#getMultisessionInterfaces}):
 * IMultisessionSequential2 or IMultisessionRandomWrite, by {@code type}. Addresses are LBAs
 * (-1 where there is none), counts 2048-byte sectors; the fields of the other kind are 0.
 *
 * @param index its position in the list (for {@link DiscFormat2Data#setMultisessionInUse})
 * @param type which interface it is
 * @param isSupportedOnCurrentMediaState whether the next write can continue this way
 * @param inUse whether the next write continues this way
 * @param isFirstDataSession sequential: the disc holds no data session yet
 * @param writeUnitSize sectors a write is a multiple of (16 DVD, 32 BD, 1 CD)
 * @param startAddressOfPreviousSession sequential: where the last session starts, -1 if none
 * @param lastWrittenAddressOfPreviousSession sequential: the last block of the last session, -1 if none
 * @param nextWritableAddress sequential: where the next session starts; random-write: where the next
 *                            logical session starts (after the last, on a 32-block boundary)
 * @param freeSectorsOnMedia sequential: what the next session can hold
 * @param lastWrittenAddress random-write: the end of the file system, -1 if blank
 * @param totalSectorsOnMedia random-write: the medium's size
 */
public record Multisession(int index, MultisessionType type, boolean isSupportedOnCurrentMediaState, boolean inUse,
                           boolean isFirstDataSession, int writeUnitSize, long startAddressOfPreviousSession,
                           long lastWrittenAddressOfPreviousSession, long nextWritableAddress, long freeSectorsOnMedia,
                           long lastWrittenAddress, long totalSectorsOnMedia) {
    static Multisession of(int index, imapi_multisession m) {
        return new Multisession(index, MultisessionType.of(m.getType()), m.getIs_supported_on_current_media_state() != 0,
                m.getIn_use() != 0, m.getIs_first_data_session() != 0, m.getWrite_unit_size(),
                m.getStart_address_of_previous_session(), m.getLast_written_address_of_previous_session(),
                m.getNext_writable_address(), m.getFree_sectors_on_media(), m.getLast_written_address(),
                m.getTotal_sectors_on_media());
    }
}
