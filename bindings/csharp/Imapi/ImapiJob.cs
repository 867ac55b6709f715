using System;
using System.Threading;
using System.Threading.Tasks;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// A long operation running on the library's worker threads (the job form of
/// the C ABI). Progress and Cancel may be used from any thread at any time;
/// no native callback ever reaches managed code from those threads.
/// </summary>
public sealed class ImapiJob : ImapiObject
{
    internal ImapiJob(ImapiHandle handle) : base(handle, "ImapiJob") { }

    /// <summary>A snapshot of the job's progress (any thread).</summary>
    public unsafe ImapiProgress Progress => Owner.CallUnlocked(h =>
    {
        var p = NativeProgress.New();
        ImapiException.Check(ImapiNative.imapi_job_progress(h, (IntPtr)(&p)));
        return ImapiProgress.From(p);
    });

    /// <summary>Waits up to <paramref name="timeoutMs"/> (negative: forever); true once the job has finished.</summary>
    public bool Wait(int timeoutMs = -1) =>
        Owner.Call(h => ImapiException.Check(ImapiNative.imapi_job_wait(h, timeoutMs))) == (int)ImapiStatus.Ok;

    /// <summary>Asks the job to stop (any thread); it ends with IMAPI_E_REQUEST_CANCELLED.</summary>
    public void Cancel() => ImapiException.Check(Owner.CallUnlocked(ImapiNative.imapi_job_cancel));

    /// <summary>The finished job's status, without throwing (JobNotFinished while it runs).</summary>
    public ImapiStatus Status => (ImapiStatus)Owner.Call(ImapiNative.imapi_job_result);

    /// <summary>Throws the job's error, with its detail, if it failed.</summary>
    public void ThrowIfFailed() => Owner.Check(ImapiNative.imapi_job_result);

    /// <summary>
    /// Raised with each progress snapshot while <see cref="WaitAsync"/> waits, on the
    /// process's job-monitor thread (the job reports; nothing polls).
    /// </summary>
    public event EventHandler<ImapiProgress>? Update;

    /// <summary>
    /// Completes when the job finishes, without holding a thread meanwhile (one
    /// background thread blocked in a <see cref="JobMonitor"/> serves every job of the
    /// process): faulted with an ImapiException if it failed, canceled
    /// (OperationCanceledException whose InnerException carries IMAPI_E_REQUEST_CANCELLED)
    /// if <paramref name="cancellationToken"/> stopped it. <paramref name="progress"/> and
    /// <see cref="Update"/> receive each progress report as the job makes it, on the
    /// monitor's thread; an exception from them cancels the job and becomes the
    /// InnerException of a RequestCancelled ImapiException.
    /// </summary>
    public Task WaitAsync(IProgress<ImapiProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        IProgress<ImapiProgress>? sink = progress;
        if (Update is not null)
            sink = new ProgressFanOut(progress, p => Update?.Invoke(this, p));
        return WaitWithReports(sink is null ? null : () => sink.Report(Progress), cancellationToken);
    }

    /// <summary>
    /// What every async form shares: completion from the process's job monitor,
    /// <paramref name="report"/> run on its thread per progress event (a throwing report
    /// cancels the job: RequestCancelled with the exception inside), a cancelled token
    /// turned into OperationCanceledException.
    /// </summary>
    internal async Task WaitWithReports(Action? report, CancellationToken cancellationToken)
    {
        try
        {
            await JobDispatcher.Watch(this, report, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not ImapiException)
        {
            throw new ImapiException(ImapiStatus.RequestCancelled,
                "a progress handler threw, so the job was cancelled: " + e.Message, e);
        }
        try
        {
            ThrowIfFailed();
        }
        catch (ImapiException e) when (e.Status == ImapiStatus.RequestCancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(e.Message, e, cancellationToken);
        }
    }

    private sealed class ProgressFanOut(IProgress<ImapiProgress>? first, Action<ImapiProgress> then) : IProgress<ImapiProgress>
    {
        public void Report(ImapiProgress value)
        {
            first?.Report(value);
            then(value);
        }
    }
}
