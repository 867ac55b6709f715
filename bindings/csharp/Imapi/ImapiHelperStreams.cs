using System;
using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IMAPI's helper streams (MsftStreamConcatenate, MsftStreamInterleave,
/// MsftStreamPrng001). A composed stream keeps its parts alive: the
/// <see cref="ImapiStream"/> objects passed in may be disposed at once.
/// Each part's size is taken when it is added.
/// </summary>
public sealed partial class ImapiStream
{
    /// <summary>
    /// IStreamConcatenate: <paramref name="streams"/> (at least one) one after another.
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg for an empty list or sizes adding up past 2^63-1.</exception>
    public static ImapiStream Concatenate(params ImapiStream[] streams) =>
        new(WithHandles(streams, (list, count) =>
            HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_concatenation(list, count, o))));

    /// <summary>
    /// IStreamConcatenate.Append2: adds <paramref name="streams"/> at the end of this
    /// concatenation, keeping its position. Nothing is appended on error (InvalidArg
    /// when this stream is not a concatenation, the list is empty, or a stream reads this one).
    /// </summary>
    public void Append(params ImapiStream[] streams) =>
        WithHandles(streams, (list, count) =>
        {
            Owner.Check(h => ImapiNative.imapi_stream_concatenation_append(h, list, count));
            return 0;
        });

    /// <summary>
    /// IStreamInterleave: <paramref name="interleaveSizes"/>[i] bytes of <paramref name="streams"/>[i]
    /// in turn, round after round; a stream that has ended is skipped. One size (at least 1) per stream.
    /// </summary>
    public static unsafe ImapiStream Interleave(ImapiStream[] streams, long[] interleaveSizes)
    {
        if (interleaveSizes is null) throw new ImapiException(ImapiStatus.Pointer, "interleaveSizes is null");
        if (streams is not null && interleaveSizes.Length != streams.Length)
            throw new ImapiException(ImapiStatus.InvalidArg, "Interleave needs one interleave size per stream");
        fixed (long* sizes = interleaveSizes)
        {
            IntPtr s = (IntPtr)sizes;
            return new(WithHandles(streams, (list, count) =>
                HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_interleave(list, s, count, o))));
        }
    }

    /// <summary>
    /// MsftStreamPrng001: <paramref name="size"/> pseudo-random bytes from IMAPI's LCG
    /// (x * 0x19660D + 0x3C6EF35F) seeded with <paramref name="seed"/>; the same seed and
    /// size always give the same bytes. Not for cryptography.
    /// </summary>
    public static ImapiStream PseudoRandom(uint seed, long size) =>
        new(HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_stream_create_pseudo_random(seed, size, o)));

    /// <summary>
    /// IStreamPseudoRandomBased.Seed of a pseudo-random stream; setting it rewinds the
    /// stream to 0. Any other stream: ImapiException (InvalidArg).
    /// </summary>
    public uint Seed
    {
        get => Owner.Get<uint>(ImapiNative.imapi_stream_pseudo_random_get_seed);
        set => Owner.Check(h => ImapiNative.imapi_stream_pseudo_random_set_seed(h, value));
    }

    // Leases every stream's handle for the call and passes the C array of them.
    private static unsafe T WithHandles<T>(ImapiStream[]? streams, Func<IntPtr, int, T> call)
    {
        if (streams is null) throw new ImapiException(ImapiStatus.Pointer, "streams is null");
        var leases = new List<HandleOwner.Lease>(streams.Length);
        try
        {
            var raw = new IntPtr[streams.Length];
            for (int i = 0; i < streams.Length; i++)
            {
                var lease = HandleOwner.AcquireOptional(streams[i]?.Owner);
                leases.Add(lease);
                raw[i] = lease.Ptr;
            }
            fixed (IntPtr* p = raw)
                return call((IntPtr)p, streams.Length);
        }
        finally
        {
            foreach (var l in leases) l.Dispose();
        }
    }
}
