package org.libimapi;

/**
 * Receives the progress of an image write or an extraction. The blocking forms call it
 * on the calling thread; the futures ({@link ImapiJob#toFuture}) on the process's one
 * job-monitor thread, so it should return quickly.
 */
@FunctionalInterface
public interface ProgressListener {
    /**
     * One report.
     *
     * @param progress the report
     * @return true to go on; false cancels the operation, which then fails with
     *         {@link ImapiStatus#E_REQUEST_CANCELLED} (so does an exception thrown here, which becomes its cause)
     */
    boolean onProgress(Progress progress);
}
