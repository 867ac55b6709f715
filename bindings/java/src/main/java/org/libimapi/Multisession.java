package org.libimapi;

/**
 * One element of MultisessionInterfaces (IMultisessionSequential2 or
 * IMultisessionRandomWrite, by {@code type}). Addresses are LBAs (-1 where there
 * is none), counts 2048-byte sectors; the fields of the other kind are 0.
 */
public record Multisession(int index, int type, boolean isSupportedOnCurrentMediaState, boolean inUse,
                           boolean isFirstDataSession, int writeUnitSize, long startAddressOfPreviousSession,
                           long lastWrittenAddressOfPreviousSession, long nextWritableAddress, long freeSectorsOnMedia,
                           long lastWrittenAddress, long totalSectorsOnMedia) {
    /** IMultisessionSequential2: CD-R/RW, DVD±R, DVD+R DL, DVD-RW sequential, BD-R. */
    public static final int SEQUENTIAL = 1;
    /** IMultisessionRandomWrite: DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite. */
    public static final int RANDOM_WRITE = 2;

    static Multisession of(int index, imapi_multisession m) {
        return new Multisession(index, m.getType(), m.getIs_supported_on_current_media_state() != 0, m.getIn_use() != 0,
                m.getIs_first_data_session() != 0, m.getWrite_unit_size(), m.getStart_address_of_previous_session(),
                m.getLast_written_address_of_previous_session(), m.getNext_writable_address(), m.getFree_sectors_on_media(),
                m.getLast_written_address(), m.getTotal_sectors_on_media());
    }
}
