package org.libimapi;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import java.util.function.LongToIntFunction;
import java.util.function.ToIntBiFunction;

/**
 * What {@link DiscFormat2Data} and {@link WriteEngine2} share: blocking writes with the
 * Update event on the calling thread, the job form as a CompletableFuture completed by the
 * process's one job-monitor thread, and CancelWrite and the progress snapshot from any
 * thread, even while a blocking write holds the object. An AutoCloseable: closing a writer
 * whose write runs cancels the write and waits for it to stop.
 */
public abstract class BurnWriter extends NativeHandle {
    private final long raw;
    private final Object gate = new Object();
    private boolean closed;
    private final LongToIntFunction cancel;
    private final ToIntBiFunction<Long, imapi_burn_progress> progress;

    BurnWriter(long raw, LongConsumer free, String what, LongToIntFunction cancel,
               ToIntBiFunction<Long, imapi_burn_progress> progress) {
        super(raw, free, what);
        this.raw = raw;
        this.cancel = cancel;
        this.progress = progress;
    }

    /** The any-thread calls: never behind the handle's lock, never after close(). */
    private <T> T unlocked(java.util.function.LongFunction<T> call) {
        synchronized (gate) {
            if (closed) throw ImapiException.closed(getClass().getSimpleName());
            return call.apply(raw);
        }
    }

    /**
     * CancelWrite: asks the running write to stop; any thread, also from a listener. The write
     * then fails with {@link ImapiStatus#E_REQUEST_CANCELLED} (a future completes exceptionally with it).
     *
     * @return false when no write was running
     */
    public boolean cancelWrite() {
        int s = unlocked(h -> ImapiException.check(cancel.applyAsInt(h)));
        return s != ImapiStatus.S_WRITE_NOT_IN_PROGRESS;
    }

    /**
     * Extension: a snapshot of the running (or last) write's event arguments; any thread.
     *
     * @return the Update event's arguments now
     */
    public BurnProgress getProgress() {
        return unlocked(h -> BurnProgress.read(p -> progress.applyAsInt(h, p)));
    }

    /** Frees the writer; a write still running is cancelled and waited for first. Idempotent. */
    @Override
    public void close() {
        synchronized (gate) {
            closed = true;
        }
        super.close();
    }

    interface BurnCall {
        int run(long handle, NativeBurnProgressCallback callback);
    }

    /**
     * Runs a blocking write; {@code listener} (may be null) is called on this thread, false
     * cancels. A Throwable from it never crosses the native frames: it cancels the write and
     * becomes the cause of an ImapiException(E_REQUEST_CANCELLED).
     */
    final void runBlocking(BurnProgressListener listener, BurnCall call) {
        Throwable[] error = new Throwable[1];
        NativeBurnProgressCallback bridge = listener == null ? null : p -> {
            imapi_burn_progress view = new imapi_burn_progress(p, false);
            try {
                return listener.onUpdate(BurnProgress.of(view)) ? 0 : 1;
            } catch (Throwable t) {
                error[0] = t;
                return 1;
            }
        };
        int status = call(h -> call.run(h, bridge));
        if (error[0] != null)
            throw new ImapiException(ImapiStatus.E_REQUEST_CANCELLED,
                    "the listener threw, so the write was cancelled: " + error[0], error[0]);
        ImapiException.check(status);
    }

    /**
     * The job form as a future, completed by the {@link JobDispatcher}'s one monitor thread
     * (no thread parked or polling per write), which calls {@code listener} (may be null) with
     * the full event arguments each time the write reports; false from it, or a Throwable,
     * cancels the write. Cancelling the future cancels the write. The job is closed when the
     * future completes.
     */
    final CompletableFuture<Void> toFuture(ImapiJob job, BurnProgressListener listener) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        future.whenComplete((v, e) -> {
            if (future.isCancelled()) {
                try { job.cancel(); } catch (ImapiException ignored) { /* finished and closed meanwhile */ }
            }
            job.close();
        });
        try {
            JobDispatcher.watch(job, listener == null ? null : () -> listener.onUpdate(getProgress()), future);
        } catch (RuntimeException e) {
            job.close();
            throw e;
        }
        return future;
    }
}
