package org.libimapi;

import java.util.concurrent.CompletableFuture;

/**
 * A long operation on the library's worker threads (imapi_job): an image write, a burn.
 * {@link #cancel} and {@link #getProgress} work from any thread at any time; waiting holds
 * the handle only in short slices, so they are never held up behind it. An AutoCloseable:
 * closing a running job cancels it and waits for it to stop. Methods throw
 * {@link ImapiException} ({@link ImapiStatus#E_INVALID_HANDLE} once closed).
 */
public final class ImapiJob extends NativeHandle {
    private static final int SLICE_MS = 50;

    ImapiJob(long raw) { super(raw, ImapiNative::imapi_job_free, "ImapiJob"); }

    /**
     * A snapshot of the progress; any thread.
     *
     * @return the job's last report
     */
    public Progress getProgress() {
        return call(h -> {
            imapi_progress p = new imapi_progress();
            try {
                ImapiException.check(ImapiNative.imapi_job_progress(h, p));
                return Progress.of(p);
            } finally {
                p.delete();
            }
        });
    }

    /** Asks the job to stop and returns at once; any thread. The job ends with {@link ImapiStatus#E_REQUEST_CANCELLED}. */
    public void cancel() { check(ImapiNative::imapi_job_cancel); }

    /**
     * Waits for the job to finish, blocking this thread (see {@link #toFuture} for a wait that blocks none).
     *
     * @param timeoutMs milliseconds; negative waits until it ends
     * @return true once it has finished, whatever its result; false when the time ran out
     */
    public boolean await(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = timeoutMs < 0 ? SLICE_MS : Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int slice = (int) Math.min(left, SLICE_MS);
            if (check(h -> ImapiNative.imapi_job_wait(h, slice)) == ImapiStatus.S_OK) return true;
            if (timeoutMs >= 0 && System.nanoTime() >= deadline) return false;
        }
    }

    /**
     * The finished job's status, without throwing.
     *
     * @return {@link ImapiStatus#S_OK}, the error it ended with, or {@link ImapiStatus#E_JOB_NOT_FINISHED} while it runs
     */
    public int getStatus() { return call(h -> ImapiNative.imapi_job_result(h)); }

    /**
     * Throws the job's error, with its detail, if it failed.
     *
     * @throws ImapiException the job's error, or {@link ImapiStatus#E_JOB_NOT_FINISHED} while it runs
     */
    public void throwIfFailed() { check(ImapiNative::imapi_job_result); }

    /**
     * A future completed when the job ends (exceptionally with the ImapiException if it
     * failed), without a thread parked for it: one daemon thread blocked in a
     * {@link JobMonitor} serves every job of the process and calls {@code listener}
     * (may be null) with each report the job makes. false from the listener, or a
     * Throwable, cancels the job. Cancelling the future cancels the job. The listener runs on
     * that one thread, so it should return quickly.
     *
     * @param listener called with each report (may be null)
     * @return a future completed when the job ends, exceptionally with the ImapiException of a failure
     */
    public CompletableFuture<Void> toFuture(ProgressListener listener) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                try { cancel(); } catch (ImapiException ignored) { /* already closed */ }
            }
        });
        JobDispatcher.watch(this, listener == null ? null : () -> listener.onProgress(getProgress()), future);
        return future;
    }
}
