using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Imapi;

/// <summary>A progress snapshot (sectors for image writes, bytes for extraction).</summary>
public readonly record struct ImapiProgress(ImapiOperation Operation, string CurrentItem, long Done, long Total, TimeSpan Elapsed)
{
    internal static ImapiProgress From(in NativeProgress p) =>
        new((ImapiOperation)p.Operation, Utf8.Borrowed(p.CurrentItem), p.Done, p.Total, TimeSpan.FromMilliseconds(p.ElapsedMs));
}

/// <summary>
/// Runs a blocking native call that reports progress through a C callback on
/// the calling thread. The handler returns false to cancel. An exception thrown
/// by the handler never crosses the native frames: it is caught, the call is
/// cancelled, and it comes back as the InnerException of an ImapiException with
/// IMAPI_E_REQUEST_CANCELLED.
/// </summary>
internal sealed unsafe class ProgressBridge
{
    private readonly Func<ImapiProgress, bool> _handler;
    private Exception? _error;

    private ProgressBridge(Func<ImapiProgress, bool> handler) => _handler = handler;

    public static int Run(Func<ImapiProgress, bool>? handler, Func<IntPtr, IntPtr, int> call)
    {
        if (handler is null) return ImapiException.Check(call(IntPtr.Zero, IntPtr.Zero));
        var bridge = new ProgressBridge(handler);
        var gc = GCHandle.Alloc(bridge);
        int status;
        try
        {
            delegate* unmanaged[Cdecl]<IntPtr, NativeProgress*, int> fn = &OnProgress;
            status = call((IntPtr)fn, GCHandle.ToIntPtr(gc));
        }
        finally
        {
            gc.Free();
        }
        if (bridge._error is not null)
            throw new ImapiException(ImapiStatus.RequestCancelled,
                "the progress handler threw, so the operation was cancelled: " + bridge._error.Message, bridge._error);
        return ImapiException.Check(status);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int OnProgress(IntPtr user, NativeProgress* p)
    {
        var bridge = (ProgressBridge)GCHandle.FromIntPtr(user).Target!;
        try
        {
            return bridge._handler(ImapiProgress.From(*p)) ? 0 : 1;
        }
        catch (Exception e)
        {
            bridge._error = e;
            return 1;
        }
    }
}
