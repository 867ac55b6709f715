package org.libimapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completes every {@link ImapiJob#toFuture} future of the process from one daemon
 * thread blocked in a {@link JobMonitor}: no thread is parked per job, and
 * listeners hear each report when the job makes it. The thread and its monitor
 * exist while jobs are watched: the first job starts them, they end with the last.
 */
final class JobDispatcher {
    private JobDispatcher() {}

    private static final class Watch {
        final ImapiJob job;
        final ProgressListener listener;
        final CompletableFuture<Void> future;
        Throwable listenerError;

        Watch(ImapiJob job, ProgressListener listener, CompletableFuture<Void> future) {
            this.job = job;
            this.listener = listener;
            this.future = future;
        }
    }

    private static final ConcurrentHashMap<Long, Watch> WATCHES = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Object GATE = new Object();
    private static JobMonitor monitor;

    static void watch(ImapiJob job, ProgressListener listener, CompletableFuture<Void> future) {
        long cookie = NEXT.incrementAndGet();
        synchronized (GATE) {
            WATCHES.put(cookie, new Watch(job, listener, future));
            try {
                if (monitor == null) {
                    JobMonitor m = new JobMonitor();
                    Thread t = new Thread(() -> run(m), "imapi-job-monitor");
                    t.setDaemon(true);
                    t.start();
                    monitor = m;
                }
                monitor.add(job, cookie);
            } catch (RuntimeException e) {
                WATCHES.remove(cookie);
                throw e;
            }
        }
    }

    private static void run(JobMonitor m) {
        while (true) {
            JobMonitor.Event e;
            try {
                e = m.await(-1);
            } catch (ImapiException ignored) {
                continue;
            }
            Watch w = WATCHES.get(e.cookie());
            if (w == null) continue;
            if (e.events() != 0) report(w);
            if (!e.finished()) continue;
            complete(w);
            synchronized (GATE) {
                WATCHES.remove(e.cookie());
                if (WATCHES.isEmpty()) {
                    monitor = null;
                    m.close();
                    return;
                }
            }
        }
    }

    /** false from the listener cancels the job; a Throwable cancels it and becomes the failure's cause. */
    private static void report(Watch w) {
        if (w.listener == null || w.listenerError != null) return;
        try {
            if (!w.listener.onProgress(w.job.getProgress())) w.job.cancel();
        } catch (Throwable t) {
            w.listenerError = t;
            try { w.job.cancel(); } catch (ImapiException ignored) { /* closed */ }
        }
    }

    private static void complete(Watch w) {
        try {
            if (w.listenerError != null)
                throw new ImapiException(ImapiStatus.E_REQUEST_CANCELLED,
                        "the progress listener threw, so the job was cancelled: " + w.listenerError, w.listenerError);
            w.job.throwIfFailed();
            w.future.complete(null);
        } catch (Throwable t) {
            w.future.completeExceptionally(t);
        }
    }
}
