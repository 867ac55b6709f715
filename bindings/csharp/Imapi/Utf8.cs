using System;
using System.Runtime.InteropServices;
using Imapi.Native;

namespace Imapi;

/// <summary>UTF-8 both ways, explicitly: never the platform's ANSI code page.</summary>
internal static class Utf8
{
    /// <summary>A borrowed or static string: decoded, not freed.</summary>
    public static string Borrowed(IntPtr p) => p == IntPtr.Zero ? "" : Marshal.PtrToStringUTF8(p) ?? "";

    /// <summary>A string the library handed over (char **out): decoded, then imapi_free'd.</summary>
    public static string TakeOwned(IntPtr p)
    {
        try { return Borrowed(p); }
        finally { ImapiNative.imapi_free(p); }
    }
}
