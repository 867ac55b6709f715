package org.libimapi;

import java.util.concurrent.CompletableFuture;

/**
 * A long operation on the library's worker threads. {@link #cancel} and
 * {@link #getProgress} work from any thread at any time; waiting holds the
 * handle only in short slices, so they are never held up behind it.
 */
public final class ImapiJob extends NativeHandle {
    private static final int SLICE_MS = 50;

    ImapiJob(long raw) { super(raw, ImapiNative::imapi_job_free, "ImapiJob"); }

    /** A snapshot of the progress. */
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

    /** Asks the job to stop; it ends with E_REQUEST_CANCELLED. */
    public void cancel() { check(ImapiNative::imapi_job_cancel); }

    /** Waits up to {@code timeoutMs} (negative: until it ends); true once it has finished. */
    public boolean await(long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (true) {
            long left = timeoutMs < 0 ? SLICE_MS : Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            int slice = (int) Math.min(left, SLICE_MS);
            if (check(h -> ImapiNative.imapi_job_wait(h, slice)) == ImapiStatus.S_OK) return true;
            if (timeoutMs >= 0 && System.nanoTime() >= deadline) return false;
        }
    }

    /** The finished job's status without throwing (E_JOB_NOT_FINISHED while it runs). */
    public int getStatus() { return call(h -> ImapiNative.imapi_job_result(h)); }

    /** Throws the job's error, with its detail, if it failed. */
    public void throwIfFailed() { check(ImapiNative::imapi_job_result); }

    /**
     * A future completed when the job ends (exceptionally with the ImapiException if it
     * failed), without a thread parked for it: one daemon thread blocked in a
     * {@link JobMonitor} serves every job of the process and calls {@code listener}
     * (may be null) with each report the job makes. false from the listener, or a
     * Throwable, cancels the job. Cancelling the future cancels the job.
     */
    public CompletableFuture<Void> toFuture(ProgressListener listener) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                try { cancel(); } catch (ImapiException ignored) { /* already closed */ }
            }
        });
        JobDispatcher.watch(this, listener, future);
        return future;
    }
}
