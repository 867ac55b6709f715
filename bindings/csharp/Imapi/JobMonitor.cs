using System;
using Imapi.Native;

namespace Imapi;

/// <summary>What happened to a job a <see cref="JobMonitor"/> watches (IMAPI_JOB_EVENT_*).</summary>
[Flags]
public enum JobEvents : int
{
    /// <summary>Nothing: the wait timed out or <see cref="JobMonitor.Wake"/> was called.</summary>
    None = 0,
    /// <summary>The job reported progress since its last event (read <see cref="ImapiJob.Progress"/>).</summary>
    Progress = 0x1,
    /// <summary>The job has finished (read its outcome with <see cref="ImapiJob.ThrowIfFailed"/>); it is no longer watched.</summary>
    Finished = 0x2,
}

/// <summary>
/// One thread woken by many jobs (imapi_job_monitor): <see cref="Wait"/> returns
/// when any watched job progresses or finishes, so one thread serves every job.
/// <see cref="ImapiJob.WaitAsync"/> uses one such monitor for the whole process;
/// use your own for an event loop of your own. Events are coalesced per job.
/// </summary>
public sealed class JobMonitor : ImapiObject
{
    /// <summary>A new monitor watching no job.</summary>
    public JobMonitor() : base(HandleOwner.Create(HandleKind.JobMonitor, o => ImapiNative.imapi_job_monitor_create(o)), "JobMonitor") { }

    /// <summary>
    /// Watches <paramref name="job"/>, reporting its events under <paramref name="cookie"/>
    /// until it has finished. Any thread, also while another thread is in <see cref="Wait"/>.
    /// </summary>
    public void Add(ImapiJob job, long cookie)
    {
        ArgumentNullException.ThrowIfNull(job);
        using var j = job.Owner.Acquire();
        IntPtr jp = j.Ptr;
        ImapiException.Check(Owner.CallUnlocked(h => ImapiNative.imapi_job_monitor_add(h, jp, cookie)));
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> (negative: forever) for an event of a watched
    /// job: its events and, in <paramref name="cookie"/>, the cookie it was added with;
    /// <see cref="JobEvents.None"/> when the time ran out or <see cref="Wake"/> was called.
    /// One thread at a time.
    /// </summary>
    public unsafe JobEvents Wait(int timeoutMs, out long cookie)
    {
        var (c, events) = Owner.Call(h =>
        {
            long c = 0;
            int events = 0;
            ImapiException.Check(ImapiNative.imapi_job_monitor_wait(h, timeoutMs, (IntPtr)(&c), (IntPtr)(&events)));
            return (c, events);
        });
        cookie = c;
        return (JobEvents)events;
    }

    /// <summary>Makes the current (or next) <see cref="Wait"/> return <see cref="JobEvents.None"/> at once. Any thread.</summary>
    public void Wake() => ImapiException.Check(Owner.CallUnlocked(ImapiNative.imapi_job_monitor_wake));
}
