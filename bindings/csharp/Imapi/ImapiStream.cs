using System;
using System.IO;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IMAPI's IStream as a read-only, seekable <see cref="Stream"/>: file data for
/// AddFile, an image (FileSystemImageResult.ImageStream), a file inside an image, a disc.
/// Reads go straight into the caller's span: no intermediate copy. Whoever takes a stream
/// (an item, a writer, a reader) keeps what it needs alive: this object may be disposed as
/// soon as the call returns. Calls are serialized per object; failures are
/// <see cref="ImapiException"/>s (DataStreamReadFailure naming the source).
/// </summary>
public sealed partial class ImapiStream : Stream
{
    internal readonly HandleOwner Owner;

    internal ImapiStream(ImapiHandle handle) => Owner = new HandleOwner(handle, "ImapiStream");

    /// <summary>A stream over a file, opened now.</summary>
    public static ImapiStream FromFile(string path) =>
        new(HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_from_file(path, o)));

    /// <summary>A stream over a copy of <paramref name="data"/>.</summary>
    public static unsafe ImapiStream FromMemory(ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            IntPtr ptr = (IntPtr)p;
            long len = data.Length;
            return new(HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_from_memory(ptr, len, o)));
        }
    }

    /// <summary>IMAPI's zero stream: <paramref name="size"/> zero bytes, no memory.</summary>
    public static ImapiStream CreateZero(long size) =>
        new(HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_zero(size, o)));

    /// <summary>
    /// A stream whose data the library pulls from <paramref name="source"/> (readable and
    /// seekable). The library may read it from its worker threads (job form), one call at a time.
    /// Exceptions from the source become IMAPI_E_DATA_STREAM_READ_FAILURE in the library.
    /// </summary>
    public static ImapiStream FromStream(Stream source, bool leaveOpen = false) =>
        new(UserStream.Create(source ?? throw new ImapiException(ImapiStatus.Pointer, "source stream is null"), leaveOpen));

    /// <summary>True until disposed.</summary>
    public override bool CanRead => !Owner.Handle.IsClosed;
    /// <summary>True until disposed.</summary>
    public override bool CanSeek => !Owner.Handle.IsClosed;
    /// <summary>False: IMAPI streams are read-only.</summary>
    public override bool CanWrite => false;
    /// <summary>The stream's size in bytes.</summary>
    /// <exception cref="ImapiException">InvalidHandle once disposed.</exception>
    public override long Length => Owner.Get<long>(ImapiNative.imapi_stream_get_size);

    /// <summary>The read position in bytes from the start.</summary>
    /// <exception cref="ImapiException">InvalidArg for a negative position.</exception>
    public override long Position
    {
        get => Seek(0, SeekOrigin.Current);
        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>Reads up to <paramref name="count"/> bytes into <paramref name="buffer"/> at <paramref name="offset"/>; 0 at the end.</summary>
    /// <exception cref="ImapiException">DataStreamReadFailure, or the source's own error.</exception>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <summary>Reads into <paramref name="buffer"/> directly (pinned, no copy); returns the bytes read, 0 at the end.</summary>
    /// <exception cref="ImapiException">DataStreamReadFailure, or the source's own error.</exception>
    public override unsafe int Read(Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            IntPtr ptr = (IntPtr)p;
            long cap = buffer.Length;
            return (int)Owner.Call(h =>
            {
                long n = 0;
                ImapiException.Check(ImapiNative.imapi_stream_read(h, ptr, cap, (IntPtr)(&n)));
                return n;
            });
        }
    }

    /// <summary>Moves the read position; returns the new one. Beyond the end is allowed (reads then return 0).</summary>
    /// <exception cref="ImapiException">InvalidArg for a position before the start or an unknown origin.</exception>
    public override unsafe long Seek(long offset, SeekOrigin origin) => Owner.Call(h =>
    {
        long pos = 0;
        ImapiException.Check(ImapiNative.imapi_stream_seek(h, offset, (int)origin, (IntPtr)(&pos)));
        return pos;
    });

    /// <summary>Moves without asking the new position back (the C call's NULL out parameter).</summary>
    public void SeekOnly(long offset, SeekOrigin origin) =>
        Owner.Check(h => ImapiNative.imapi_stream_seek(h, offset, (int)origin, IntPtr.Zero));

    /// <summary>Nothing to flush: the stream is read-only.</summary>
    public override void Flush() { }
    /// <summary>Not supported: the stream is read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void SetLength(long value) => throw new NotSupportedException("ImapiStream is read-only");
    /// <summary>Not supported: the stream is read-only.</summary>
    /// <exception cref="NotSupportedException">Always.</exception>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("ImapiStream is read-only");

    /// <summary>Releases the native stream handle (what took the stream keeps its own reference).</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) Owner.Handle.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>The C vtable over a managed Stream (imapi_stream_create_user).</summary>
internal static unsafe class UserStream
{
    private sealed class Source
    {
        public required Stream Stream;
        public required bool LeaveOpen;
    }

    public static ImapiHandle Create(Stream stream, bool leaveOpen)
    {
        var gc = GCHandle.Alloc(new Source { Stream = stream, LeaveOpen = leaveOpen });
        var vt = new NativeStreamVtable
        {
            StructSize = (uint)sizeof(NativeStreamVtable),
            Read = &OnRead,
            Seek = &OnSeek,
            Size = &OnSize,
            Release = &OnRelease,
        };
        try
        {
            IntPtr user = GCHandle.ToIntPtr(gc);
            IntPtr table = (IntPtr)(&vt); // the library copies the table during the call
            return HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_user(table, user, o));
        }
        catch
        {
            gc.Free(); // the library did not take it
            throw;
        }
    }

    private static Source Of(IntPtr user) => (Source)GCHandle.FromIntPtr(user).Target!;

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int OnRead(IntPtr user, IntPtr buf, long cap, long* n)
    {
        try
        {
            *n = Of(user).Stream.Read(new Span<byte>((void*)buf, (int)Math.Min(cap, int.MaxValue)));
            return 0;
        }
        catch
        {
            *n = 0;
            return (int)ImapiStatus.DataStreamReadFailure;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int OnSeek(IntPtr user, long offset, int whence, long* position)
    {
        try
        {
            long p = Of(user).Stream.Seek(offset, (SeekOrigin)whence);
            if (position != null) *position = p;
            return 0;
        }
        catch
        {
            return (int)ImapiStatus.DataStreamReadFailure;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int OnSize(IntPtr user, long* size)
    {
        try
        {
            *size = Of(user).Stream.Length;
            return 0;
        }
        catch
        {
            return (int)ImapiStatus.DataStreamReadFailure;
        }
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static void OnRelease(IntPtr user)
    {
        var gc = GCHandle.FromIntPtr(user);
        try
        {
            var s = (Source)gc.Target!;
            if (!s.LeaveOpen) s.Stream.Dispose();
        }
        catch
        {
            // Nothing can be reported from a release; never let it cross into C.
        }
        finally
        {
            gc.Free();
        }
    }
}
