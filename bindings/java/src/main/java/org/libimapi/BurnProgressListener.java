package org.libimapi;

/**
 * Receives a burn's Update events (DDiscFormat2DataEvents.Update). The blocking writes
 * call it on the calling thread, at least every 0.5 s while writing; the futures
 * ({@link DiscFormat2Data#writeAsync}) on the process's one job-monitor thread, each
 * time the write reports, so it should return quickly.
 */
@FunctionalInterface
public interface BurnProgressListener {
    /**
     * One event.
     *
     * @param progress the event's arguments
     * @return true to go on; false cancels the write (CancelWrite), which then fails with
     *         {@link ImapiStatus#E_REQUEST_CANCELLED} (so does an exception thrown here, which becomes its cause)
     */
    boolean onUpdate(BurnProgress progress);
}
