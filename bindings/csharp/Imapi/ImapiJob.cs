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

    /// <summary>Raised with each progress snapshot while WaitAsync polls (on a thread-pool thread).</summary>
    public event EventHandler<ImapiProgress>? Update;

    /// <summary>
    /// Completes when the job finishes: faulted with an ImapiException if it failed,
    /// canceled (OperationCanceledException whose InnerException carries
    /// IMAPI_E_REQUEST_CANCELLED) if <paramref name="cancellationToken"/> stopped it.
    /// </summary>
    public Task WaitAsync(IProgress<ImapiProgress>? progress = null, CancellationToken cancellationToken = default,
                          int pollIntervalMs = 50)
    {
        return Task.Run(() =>
        {
            using (cancellationToken.Register(() => { try { Cancel(); } catch (ImapiException) { } }))
            {
                while (!Wait(pollIntervalMs)) Report(progress);
            }
            Report(progress);
            try
            {
                ThrowIfFailed();
            }
            catch (ImapiException e) when (e.Status == ImapiStatus.RequestCancelled && cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(e.Message, e, cancellationToken);
            }
        });
    }

    /// <summary>An exception from a handler cancels the job and comes back as RequestCancelled's InnerException.</summary>
    private void Report(IProgress<ImapiProgress>? progress)
    {
        if (progress is null && Update is null) return;
        var p = Progress;
        try
        {
            progress?.Report(p);
            Update?.Invoke(this, p);
        }
        catch (Exception e)
        {
            Cancel();
            Wait(-1);
            throw new ImapiException(ImapiStatus.RequestCancelled,
                "a progress handler threw, so the job was cancelled: " + e.Message, e);
        }
    }
}
