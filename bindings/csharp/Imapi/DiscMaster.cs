using System;
using System.Collections;
using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IDiscMaster2: the recorders this process sees, by unique ID: the Linux optical drives
/// ("linux-scsi:" + the drive's sysfs path, stable across reboots), then the emulated
/// drives of the IMAPI_EMU_DRIVES environment variable, then those of
/// <see cref="AddEmulatedDrive"/> (an emulated drive's ID is its URI). Enumerated afresh on
/// each access; holds no native handle (nothing to dispose); any thread.
/// Open a recorder with <see cref="DiscRecorder.Open"/>.
/// </summary>
public sealed class DiscMaster : IReadOnlyList<string>
{
    /// <summary>
    /// Extension: adds an emulated drive ("emu:bd-r?dir=/tmp/disc") to this process's recorders,
    /// after those of IMAPI_EMU_DRIVES (twice is a no-op). An empty directory receives a blank disc.
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg naming the bad part of the URI or the missing directory.</exception>
    public static void AddEmulatedDrive(string uri) =>
        ImapiException.Check(ImapiNative.imapi_disc_master_add_emulated_drive(uri));

    /// <summary>Count: the number of recorders now.</summary>
    public unsafe int Count
    {
        get
        {
            int count = 0;
            ImapiException.Check(ImapiNative.imapi_disc_master_get_count((IntPtr)(&count)));
            return count;
        }
    }

    /// <summary>Item: the unique ID of recorder <paramref name="index"/> (0-based).</summary>
    /// <exception cref="ImapiException">InvalidArg for an index out of range.</exception>
    public unsafe string this[int index]
    {
        get
        {
            IntPtr s = IntPtr.Zero;
            ImapiException.Check(ImapiNative.imapi_disc_master_get_unique_id(index, (IntPtr)(&s)));
            return Utf8.TakeOwned(s);
        }
    }

    /// <summary>IsSupportedEnvironment: at least one recorder can be opened by this process.</summary>
    public unsafe bool IsSupportedEnvironment
    {
        get
        {
            int supported = 0;
            ImapiException.Check(ImapiNative.imapi_disc_master_is_supported_environment((IntPtr)(&supported)));
            return supported != 0;
        }
    }

    /// <summary>The unique IDs of every recorder, in order.</summary>
    public IEnumerator<string> GetEnumerator()
    {
        int count = Count;
        for (int i = 0; i < count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
