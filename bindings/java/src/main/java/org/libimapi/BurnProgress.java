package org.libimapi;

/**
 * The Update event's arguments (IDiscFormat2DataEventArgs and IWriteEngine2EventArgs),
 * plus the drive's buffer, the current speed and the underruns (libimapi extensions).
 * Times are milliseconds; {@code remainingTimeMs} and {@code totalTimeMs} are -1 before an
 * estimate exists, {@code driveBufferFillPercent} -1 when the drive does not report it.
 * {@code currentAction} is one of the {@code ACTION_*} constants (IMAPI_FORMAT2_DATA_WRITE_ACTION).
 */
public record BurnProgress(int currentAction, long elapsedTimeMs, long remainingTimeMs, long totalTimeMs,
                           long startLba, long sectorCount, long lastReadLba, long lastWrittenLba,
                           long totalSystemBuffer, long usedSystemBuffer, long freeSystemBuffer,
                           long driveBufferSize, long driveBufferFree, int driveBufferFillPercent,
                           int currentSpeedKilobytesPerSecond, long underrunCount) {
    public static final int ACTION_VALIDATING_MEDIA = 0;
    public static final int ACTION_FORMATTING_MEDIA = 1;
    public static final int ACTION_INITIALIZING_HARDWARE = 2;
    public static final int ACTION_CALIBRATING_POWER = 3;
    public static final int ACTION_WRITING_DATA = 4;
    public static final int ACTION_FINALIZATION = 5;
    public static final int ACTION_COMPLETED = 6;
    public static final int ACTION_VERIFYING = 7;

    /** Sectors the drive has accepted so far. */
    public long sectorsWritten() { return Math.max(0, lastWrittenLba - startLba + 1); }

    static BurnProgress of(imapi_burn_progress p) {
        return new BurnProgress(p.getCurrent_action(), p.getElapsed_time_ms(), p.getRemaining_time_ms(), p.getTotal_time_ms(),
                p.getStart_lba(), p.getSector_count(), p.getLast_read_lba(), p.getLast_written_lba(),
                p.getTotal_system_buffer(), p.getUsed_system_buffer(), p.getFree_system_buffer(),
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
