package org.libimapi;

/**
 * The Update event's arguments (IDiscFormat2DataEventArgs and IWriteEngine2EventArgs), plus
 * the drive's buffer, the current speed and the underruns (libimapi extensions).
 *
 * @param currentAction the step the write is in
 * @param elapsedTimeMs milliseconds since the write was called
 * @param remainingTimeMs estimate from the current speed; -1 before one exists
 * @param totalTimeMs elapsed + remaining; -1 before an estimate exists
 * @param startLba the first LBA of this write
 * @param sectorCount the sectors this write records (stream + post-gap)
 * @param lastReadLba the last LBA taken from the source into the ring; startLba - 1 before any
 * @param lastWrittenLba the last LBA the drive accepted; startLba - 1 before any
 * @param totalSystemBuffer the ring's size in bytes
 * @param usedSystemBuffer bytes read ahead and not yet written
 * @param freeSystemBuffer total - used
 * @param driveBufferSize the drive's buffer in bytes, 0 if unknown
 * @param driveBufferFree its free bytes at the last poll
 * @param driveBufferFillPercent 0-100, -1 when the drive does not report it
 * @param currentSpeedKilobytesPerSecond the write rate over the last second in kB/s (1000 bytes); 0 when not writing
 * @param underrunCount buffer underruns during this write (the drive's BUFE recoveries included)
 */
public record BurnProgress(ImapiFormat2DataWriteAction currentAction, long elapsedTimeMs, long remainingTimeMs,
                           long totalTimeMs, long startLba, long sectorCount, long lastReadLba, long lastWrittenLba,
                           long totalSystemBuffer, long usedSystemBuffer, long freeSystemBuffer,
                           long driveBufferSize, long driveBufferFree, int driveBufferFillPercent,
                           int currentSpeedKilobytesPerSecond, long underrunCount) {
    /**
     * Sectors the drive has accepted so far.
     *
     * @return lastWrittenLba - startLba + 1, at least 0
     */
    public long sectorsWritten() { return Math.max(0, lastWrittenLba - startLba + 1); }

    static BurnProgress of(imapi_burn_progress p) {
        return new BurnProgress(ImapiFormat2DataWriteAction.of(p.getCurrent_action()), p.getElapsed_time_ms(),
                p.getRemaining_time_ms(), p.getTotal_time_ms(), p.getStart_lba(), p.getSector_count(), p.getLast_read_lba(),
                p.getLast_written_lba(), p.getTotal_system_buffer(), p.getUsed_system_buffer(), p.getFree_system_buffer(),
                p.getDrive_buffer_size(), p.getDrive_buffer_free(), p.getDrive_buffer_fill_percent(),
                p.getCurrent_speed_kbps(), p.getUnderrun_count());
    }

    /** A snapshot through a getter that fills a struct (imapi_*_get_progress). */
    static BurnProgress read(java.util.function.ToIntFunction<imapi_burn_progress> getter) {
        imapi_burn_progress p = new imapi_burn_progress();
        try {
            ImapiException.check(getter.applyAsInt(p));
            return of(p);
        } finally {
            p.delete();
        }
    }
}
