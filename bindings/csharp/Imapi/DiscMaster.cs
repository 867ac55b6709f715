using System;
using System.Collections;
using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IDiscMaster2: the recorders this process sees (Linux optical drives, then
/// the emulated drives of IMAPI_EMU_DRIVES and AddEmulatedDrive), by unique ID.
/// Enumerated afresh on each access.
/// </summary>
public sealed class DiscMaster : IReadOnlyList<string>
{
    /// <summary>Extension: adds an emulated drive ("emu:bd-r?dir=/tmp/disc") to this process's recorders.</summary>
    public static void AddEmulatedDrive(string uri) =>
        ImapiException.Check(ImapiNative.imapi_disc_master_add_emulated_drive(uri));

    public unsafe int Count
    {
        get
        {
            int count = 0;
            ImapiException.Check(ImapiNative.imapi_disc_master_get_count((IntPtr)(&count)));
            return count;
        }
    }

    /// <summary>Item: the unique ID of recorder <paramref name="index"/>.</summary>
    public unsafe string this[int index]
    {
        get
        {
            IntPtr s = IntPtr.Zero;
            ImapiException.Check(ImapiNative.imapi_disc_master_get_unique_id(index, (IntPtr)(&s)));
            return Utf8.TakeOwned(s);
        }
    }

    public unsafe bool IsSupportedEnvironment
    {
        get
        {
            int supported = 0;
            ImapiException.Check(ImapiNative.imapi_disc_master_is_supported_environment((IntPtr)(&supported)));
            return supported != 0;
        }
    }

    public IEnumerator<string> GetEnumerator()
    {
        int count = Count;
        for (int i = 0; i < count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
