using Imapi.Native;

namespace Imapi;

/// <summary>Library-wide facts: version, status names, the live-handle count.</summary>
public static class ImapiLibrary
{
    /// <summary>The native library's version string ("0.1.0").</summary>
    public static string Version => Utf8.Borrowed(ImapiNative.imapi_version());
    /// <summary>MAJOR*1000000 + MINOR*1000 + PATCH of the native library.</summary>
    public static int VersionNumber => ImapiNative.imapi_version_number();
    /// <summary>The symbolic name the C header gives a status ("IMAPI_E_DUP_NAME").</summary>
    public static string StatusName(ImapiStatus status) => Utf8.Borrowed(ImapiNative.imapi_status_name((int)status));
    /// <summary>Live native handles of every type, process-wide (a leak check).</summary>
    public static long LiveHandles => ImapiNative.imapi_live_handles();
    /// <summary>Forget the calling thread's last native error.</summary>
    public static void ClearLastError() => ImapiNative.imapi_error_clear();
}
