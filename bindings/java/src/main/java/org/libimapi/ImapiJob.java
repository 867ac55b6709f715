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
     * failed), polled on its own daemon thread, which calls {@code listener} (may be null);
     * false from the listener, or a Throwable, cancels the job. Cancelling the future cancels the job.
     */
    public CompletableFuture<Void> toFuture(ProgressListener listener) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                try { cancel(); } catch (ImapiException ignored) { /* already closed */ }
            }
        });
        Thread t = new Thread(() -> {
            try {
                while (!await(SLICE_MS)) {
                    if (listener != null) report(listener);
                }
                if (listener != null) report(listener);
                throwIfFailed();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "imapi-job");
        t.setDaemon(true);
        t.start();
        return future;
    }

    private void report(ProgressListener listener) {
        boolean go;
        try {
            go = listener.onProgress(getProgress());
        } catch (Throwable e) {
            cancel();
            await(-1);
            throw new ImapiException(ImapiStatus.E_REQUEST_CANCELLED, "the progress listener threw, so the job was cancelled: " + e, e);
        }
        if (!go) cancel();
    }
}
