using System;
using System.Runtime.InteropServices;
using Imapi.Native;

namespace Imapi;

internal enum HandleKind { Job, Stream, FileSystemImage, FsiItem, Result, IsoImageManager, ImageReader, Recorder, JobMonitor, DiscFormatData, WriteEngine, DiscFormatErase }

/// <summary>
/// One native handle. SafeHandle gives what the bindings need: release exactly
/// once (Dispose or finalizer, in any order: the C library keeps parents alive),
/// and a use count, so Dispose on one thread while another is inside a call
/// defers the free until that call returns.
/// </summary>
internal sealed class ImapiHandle : SafeHandle
{
    public readonly HandleKind Kind;

    public ImapiHandle(HandleKind kind, IntPtr native) : base(IntPtr.Zero, ownsHandle: true)
    {
        Kind = kind;
        SetHandle(native);
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    protected override bool ReleaseHandle()
    {
        switch (Kind)
        {
            case HandleKind.Job: ImapiNative.imapi_job_free(handle); break;
            case HandleKind.Stream: ImapiNative.imapi_stream_free(handle); break;
            case HandleKind.FileSystemImage: ImapiNative.imapi_fsimage_free(handle); break;
            case HandleKind.FsiItem: ImapiNative.imapi_fsitem_free(handle); break;
            case HandleKind.Result: ImapiNative.imapi_fsimage_result_free(handle); break;
            case HandleKind.IsoImageManager: ImapiNative.imapi_iso_image_manager_free(handle); break;
            case HandleKind.ImageReader: ImapiNative.imapi_image_reader_free(handle); break;
            case HandleKind.Recorder: ImapiNative.imapi_recorder_free(handle); break;
            case HandleKind.JobMonitor: ImapiNative.imapi_job_monitor_free(handle); break;
            case HandleKind.DiscFormatData: ImapiNative.imapi_disc_format_data_free(handle); break;
            case HandleKind.WriteEngine: ImapiNative.imapi_write_engine_free(handle); break;
            case HandleKind.DiscFormatErase: ImapiNative.imapi_disc_format_erase_free(handle); break;
        }
        return true;
    }
}

/// <summary>
/// A native handle plus the rule that goes with it: one thread at a time per
/// handle (a lock), and no use after Dispose (an ImapiException with
/// IMAPI_E_INVALID_HANDLE rather than a freed pointer).
/// </summary>
internal sealed class HandleOwner
{
    private readonly object _gate = new();
    public readonly ImapiHandle Handle;
    public readonly string What;

    public HandleOwner(ImapiHandle handle, string what)
    {
        Handle = handle;
        What = what;
    }

    /// <summary>Keeps the handle alive for the duration of a call.</summary>
    public readonly struct Lease : IDisposable
    {
        private readonly ImapiHandle? _h;
        public readonly IntPtr Ptr;
        internal Lease(ImapiHandle? h, IntPtr p) { _h = h; Ptr = p; }
        public void Dispose() => _h?.DangerousRelease();
    }

    public Lease Acquire()
    {
        bool added = false;
        try
        {
            Handle.DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            throw ImapiException.Disposed(What);
        }
        return new Lease(Handle, Handle.DangerousGetHandle());
    }

    /// <summary>A lease on an optional argument: a null object crosses as NULL, which the library reports.</summary>
    public static Lease AcquireOptional(HandleOwner? owner) => owner is null ? default : owner.Acquire();

    public T Call<T>(Func<IntPtr, T> call)
    {
        lock (_gate)
        {
            using var lease = Acquire();
            return call(lease.Ptr);
        }
    }

    /// <summary>For the calls the C header allows from any thread at any time (job progress and cancel).</summary>
    public T CallUnlocked<T>(Func<IntPtr, T> call)
    {
        using var lease = Acquire();
        return call(lease.Ptr);
    }

    public void Check(Func<IntPtr, int> call) => ImapiException.Check(Call(call));

    public T Get<T>(Func<IntPtr, IntPtr, int> call) where T : unmanaged
    {
        return Call(p =>
        {
            T value = default;
            unsafe { ImapiException.Check(call(p, (IntPtr)(&value))); }
            return value;
        });
    }

    public string GetString(Func<IntPtr, IntPtr, int> call)
    {
        return Call(p =>
        {
            IntPtr s = IntPtr.Zero;
            unsafe { ImapiException.Check(call(p, (IntPtr)(&s))); }
            return Utf8.TakeOwned(s);
        });
    }

    /// <summary>Calls a function that creates a new handle through an out parameter.</summary>
    public static ImapiHandle Create(HandleKind kind, Func<IntPtr, int> call)
    {
        IntPtr h = IntPtr.Zero;
        unsafe { ImapiException.Check(call((IntPtr)(&h))); }
        return new ImapiHandle(kind, h);
    }
}

/// <summary>Base of every libimapi object: IDisposable, released by its SafeHandle otherwise.</summary>
public abstract class ImapiObject : IDisposable
{
    internal readonly HandleOwner Owner;

    internal ImapiObject(ImapiHandle handle, string what) => Owner = new HandleOwner(handle, what);

    /// <summary>True once Dispose has been called.</summary>
    public bool IsDisposed => Owner.Handle.IsClosed;

    /// <summary>Releases the native handle now, and the objects this one handed out and owns (see <see cref="FileSystemImage.Root"/>, <see cref="FsiDirectoryItem.GetEnumerator"/>); using it later raises InvalidHandle.</summary>
    public void Dispose()
    {
        DisposeOwned();
        Owner.Handle.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Objects created for the caller's convenience and released with this one.</summary>
    internal virtual void DisposeOwned() { }
}
