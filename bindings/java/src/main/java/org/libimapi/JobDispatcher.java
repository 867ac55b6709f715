package org.libimapi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Completes every job future of the process ({@link ImapiJob#toFuture},
 * {@link DiscFormat2Data#writeAsync}, {@link WriteEngine2#writeSectionAsync}) from one
 * daemon thread blocked in a {@link JobMonitor}: no thread is parked or polling per job,
 * and reporters run on each report the job makes. The thread and its monitor exist while
 * jobs are watched: the first job starts them, they end with the last.
 */
final class JobDispatcher {
    private JobDispatcher() {}

    /** Called on the dispatcher thread when the job reports or finishes; false or a Throwable cancels the job. */
    interface Reporter {
        boolean report();
    }

    private static final class Watch {
        final ImapiJob job;
        final Reporter reporter;
        final CompletableFuture<Void> future;
        Throwable reporterError;

        Watch(ImapiJob job, Reporter reporter, CompletableFuture<Void> future) {
            this.job = job;
            this.reporter = reporter;
            this.future = future;
        }
    }

    private static final ConcurrentHashMap<Long, Watch> WATCHES = new ConcurrentHashMap<>();
    private static final AtomicLong NEXT = new AtomicLong();
    private static final Object GATE = new Object();
    private static JobMonitor monitor;

    /** Completes {@code future} when {@code job} ends; {@code reporter} (may be null) hears each report. */
    static void watch(ImapiJob job, Reporter reporter, CompletableFuture<Void> future) {
        long cookie = NEXT.incrementAndGet();
        synchronized (GATE) {
            WATCHES.put(cookie, new Watch(job, reporter, future));
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

    private static void report(Watch w) {
        if (w.reporter == null || w.reporterError != null) return;
        try {
            if (!w.reporter.report()) w.job.cancel();
        } catch (Throwable t) {
            w.reporterError = t;
            try { w.job.cancel(); } catch (ImapiException ignored) { /* closed */ }
        }
    }

    private static void complete(Watch w) {
        try {
            if (w.reporterError != null)
                throw new ImapiException(ImapiStatus.E_REQUEST_CANCELLED,
                        "the progress listener threw, so the job was cancelled: " + w.reporterError, w.reporterError);
            w.job.throwIfFailed();
            w.future.complete(null);
        } catch (Throwable t) {
            w.future.completeExceptionally(t);
        }
    }
}
