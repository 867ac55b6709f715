using System;
using System.Runtime.InteropServices;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// A failed libimapi call. It is a <see cref="COMException"/> whose HResult is
/// IMAPI's own number, so code ported from IMAPI2 interop that catches
/// COMException and tests ErrorCode keeps working. <see cref="Exception.Message"/> reads
/// "IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists": the C name, the number, and what
/// was wrong and what to do, naming the .NET members to use.
/// </summary>
/// <example><c>catch (ImapiException e) when (e.Status == ImapiStatus.DupName) { ... }</c></example>
public class ImapiException : COMException
{
    /// <summary>
    /// An error with IMAPI's <paramref name="status"/>; <see cref="Exception.Message"/> reads
    /// "IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists" (the name, the number, then <paramref name="message"/>).
    /// </summary>
    public ImapiException(ImapiStatus status, string message, Exception? inner = null)
        : base($"{ImapiLibrary.StatusName(status)} (0x{(uint)status:X8}): {message}", inner)
    {
        HResult = (int)status;
        Detail = message;
    }

    /// <summary>The library's message alone, without the status name and number.</summary>
    public string Detail { get; }

    /// <summary>IMAPI's status (an HRESULT).</summary>
    public ImapiStatus Status => (ImapiStatus)HResult;
    /// <summary>The status's symbolic name in the C header ("IMAPI_E_DUP_NAME").</summary>
    public string StatusName => ImapiLibrary.StatusName(Status);
    /// <summary>errno of the failing system call, or 0.</summary>
    public int OsError { get; init; }
    /// <summary>SCSI sense key, or -1 when no device was involved.</summary>
    public int SenseKey { get; init; } = -1;
    /// <summary>SCSI additional sense code (ASC), or -1 when no device was involved.</summary>
    public int Asc { get; init; } = -1;
    /// <summary>SCSI additional sense code qualifier (ASCQ), or -1 when no device was involved.</summary>
    public int Ascq { get; init; } = -1;
    /// <summary>Sector address involved, or -1.</summary>
    public long Lba { get; init; } = -1;
    /// <summary>File or image path involved, or "".</summary>
    public string Path { get; init; } = "";

    /// <summary>The calling thread's last error, which must be the one the call that returned status recorded.</summary>
    internal static unsafe ImapiException FromLastError(int status)
    {
        var e = (NativeError*)ImapiNative.imapi_error_last();
        if (e == null || e->Code != status)
            return new ImapiException((ImapiStatus)status, ImapiLibrary.StatusName((ImapiStatus)status));
        return new ImapiException((ImapiStatus)status, NativeNames.ToDotNet(Utf8.Borrowed(e->Message)))
        {
            OsError = e->OsError,
            SenseKey = e->SenseKey,
            Asc = e->Asc,
            Ascq = e->Ascq,
            Lba = e->Lba,
            Path = Utf8.Borrowed(e->Path),
        };
    }

    /// <summary>Throws for a negative status; returns the others.</summary>
    internal static int Check(int status)
    {
        if (status < 0) throw FromLastError(status);
        return status;
    }

    internal static ImapiException Disposed(string what) =>
        new(ImapiStatus.InvalidHandle, $"the {what} has been disposed; create a new one");
}
