package org.libimapi;

/**
 * One thread woken by many jobs (imapi_job_monitor): {@link #await} returns when
 * any watched job progresses or finishes, so one thread serves every job.
 * {@link ImapiJob#toFuture} uses one such monitor for the whole process; use your
 * own for an event loop of your own. Events are coalesced per job.
 * {@link #add} and {@link #wake} do not wait for a thread inside {@link #await};
 * {@link #close} must not overlap them (wake the waiter and let it return first).
 */
public final class JobMonitor extends NativeHandle {
    /** Event bit: the job reported progress since its last event. */
    public static final int EVENT_PROGRESS = 0x1;
    /** Event bit: the job has finished; it is no longer watched. */
    public static final int EVENT_FINISHED = 0x2;

    /**
     * What {@link #await} returns (0 and 0: nothing happened within the time, or {@link #wake}).
     *
     * @param cookie the cookie the job was added with
     * @param events {@link #EVENT_PROGRESS} and {@link #EVENT_FINISHED} bits
     */
    public record Event(long cookie, int events) {
        /** @return true when the job reported progress */
        public boolean progressed() { return (events & EVENT_PROGRESS) != 0; }
        /** @return true when the job has finished */
        public boolean finished() { return (events & EVENT_FINISHED) != 0; }
    }

    private final Object waiting = new Object();

    /** A new monitor watching no job. */
    public JobMonitor() {
        super(create(ImapiNative::imapi_job_monitor_create), ImapiNative::imapi_job_monitor_free, "JobMonitor");
    }

    /**
     * Watches {@code job}, reporting its events under {@code cookie} until it has finished.
     * Any thread, also while another thread is in {@link #await}. A finished job yields
     * FINISHED at the next wait; the monitor does not keep the job object alive.
     *
     * @param job the job
     * @param cookie any value, reported with its events
     */
    public void add(ImapiJob job, long cookie) {
        long j = NativeHandle.raw(job);
        ImapiException.check(callUnlocked(h -> ImapiNative.imapi_job_monitor_add(h, j, cookie)));
    }

    /**
     * Waits up to {@code timeoutMs} (negative: forever) for an event of a watched job;
     * an Event with no bits when the time ran out or {@link #wake} was called. One thread at a time.
     *
     * @param timeoutMs milliseconds; negative waits forever
     * @return the event
     */
    public Event await(int timeoutMs) {
        long[] cookie = new long[1];
        int[] events = new int[1];
        // Not under the handle's lock, which add and wake need while this waits.
        synchronized (waiting) {
            ImapiException.check(callUnlocked(h -> ImapiNative.imapi_job_monitor_wait(h, timeoutMs, cookie, events)));
        }
        return new Event(cookie[0], events[0]);
    }

    /** Makes the current (or next) {@link #await} return an empty Event at once. Any thread. */
    public void wake() { ImapiException.check(callUnlocked(ImapiNative::imapi_job_monitor_wake)); }
}
