using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace Imapi;

/// <summary>
/// Completes every job Task of the process (<see cref="ImapiJob.WaitAsync"/>, and through
/// it FileSystemImageResult.WriteFileAsync, DiscFormat2Data.WriteAsync and
/// WriteEngine2.WriteSectionAsync) from one background thread blocked in a
/// <see cref="JobMonitor"/>: no thread-pool thread is held while jobs run, and progress
/// is reported when the job reports it (each watch says how to read and deliver it).
/// The thread and its monitor exist while jobs are watched: the first job starts
/// them, and they end with the last (so no native handle outlives the jobs).
/// </summary>
internal static class JobDispatcher
{
    private sealed class Watched
    {
        public required ImapiJob Job;
        public required Action? Report;
        public required CancellationToken Token;
        public required TaskCompletionSource Completion;
        public CancellationTokenRegistration Registration;
        public Exception? HandlerError;
    }

    private static readonly ConcurrentDictionary<long, Watched> Watches = new();
    // Guards starting and ending the monitor thread against new watches.
    private static readonly object Gate = new();
    private static JobMonitor? _monitor;
    private static long _nextCookie;

    /// <summary>
    /// Watches <paramref name="job"/> until it finishes. <paramref name="report"/> (may be null)
    /// runs on the monitor's thread for each progress event and once at the end; if it throws,
    /// the job is cancelled and the returned Task faults with that exception.
    /// </summary>
    public static Task Watch(ImapiJob job, Action? report, CancellationToken token)
    {
        var w = new Watched
        {
            Job = job,
            Report = report,
            Token = token,
            // User continuations must not run on the monitor's thread.
            Completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously),
        };
        long cookie = Interlocked.Increment(ref _nextCookie);
        w.Registration = token.Register(() => { try { job.Cancel(); } catch (ImapiException) { } });
        lock (Gate)
        {
            Watches[cookie] = w;
            try
            {
                if (_monitor is null)
                {
                    var monitor = new JobMonitor();
                    var thread = new Thread(() => Run(monitor)) { IsBackground = true, Name = "imapi-job-monitor" };
                    thread.Start();
                    _monitor = monitor;
                }
                _monitor.Add(job, cookie);
            }
            catch
            {
                Watches.TryRemove(cookie, out _);
                w.Registration.Dispose();
                throw;
            }
        }
        return w.Completion.Task;
    }

    private static void Run(JobMonitor monitor)
    {
        while (true)
        {
            JobEvents events;
            long cookie;
            try
            {
                events = monitor.Wait(-1, out cookie);
            }
            catch (ImapiException)
            {
                continue;
            }
            if (!Watches.TryGetValue(cookie, out var w)) continue;
            if (events.HasFlag(JobEvents.Progress) || events.HasFlag(JobEvents.Finished)) Report(w);
            if (!events.HasFlag(JobEvents.Finished)) continue;
            w.Registration.Dispose();
            Complete(w);
            lock (Gate)
            {
                Watches.TryRemove(cookie, out _);
                if (Watches.IsEmpty)
                {
                    _monitor = null;
                    monitor.Dispose();
                    return;
                }
            }
        }
    }

    /// <summary>An exception from the handler cancels the job and comes back as RequestCancelled's InnerException.</summary>
    private static void Report(Watched w)
    {
        if (w.Report is null || w.HandlerError is not null) return;
        try
        {
            w.Report();
        }
        catch (Exception e)
        {
            w.HandlerError = e;
            try { w.Job.Cancel(); } catch (ImapiException) { }
        }
    }

    private static void Complete(Watched w)
    {
        // The outcome is read by the awaiting method (ImapiJob.WaitAsync), off this thread.
        if (w.HandlerError is not null) w.Completion.TrySetException(w.HandlerError);
        else w.Completion.TrySetResult();
    }
}
