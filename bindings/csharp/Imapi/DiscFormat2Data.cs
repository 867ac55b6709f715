using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Imapi.Native;

namespace Imapi;

/// <summary>IMAPI_FORMAT2_DATA_WRITE_ACTION: what a write is doing (<see cref="BurnProgress.CurrentAction"/>).</summary>
public enum WriteAction : int
{
    /// <summary>Checking that the medium is usable.</summary>
    ValidatingMedia = 0,
    /// <summary>Formatting the medium (DVD+RW, BD-RE, DVD-RAM).</summary>
    FormattingMedia = 1,
    /// <summary>Setting the drive up (write parameters, speed).</summary>
    InitializingHardware = 2,
    /// <summary>Optimum power calibration.</summary>
    CalibratingPower = 3,
    /// <summary>Writing the data.</summary>
    WritingData = 4,
    /// <summary>Synchronizing the cache and closing the track, session or disc.</summary>
    Finalization = 5,
    /// <summary>Done.</summary>
    Completed = 6,
    /// <summary>Reading back to verify (<see cref="DiscFormat2Data.BurnVerificationLevel"/>, <see cref="DiscFormat2Data.Verify(ImapiStream, CancellationToken)"/>).</summary>
    Verifying = 7,
}

/// <summary>IMAPI_BURN_VERIFICATION_LEVEL.</summary>
public enum BurnVerificationLevel : int
{
    /// <summary>No read-back.</summary>
    None = 0,
    /// <summary>Disc and track information plus checksums of sample areas (IMAPI's default).</summary>
    Quick = 1,
    /// <summary>Quick plus the whole session read back and compared with hashes taken while writing.</summary>
    Full = 2,
}

/// <summary>What <see cref="DiscFormat2Data.SetWriteSpeed"/> did with the request (IMAPI_S_SPEEDADJUSTED and friends).</summary>
public enum SpeedAdjustment
{
    /// <summary>The drive offers the requested speed and rotation; they are used.</summary>
    Exact,
    /// <summary>The speed is not offered: the nearest lower one (or the slowest) is used.</summary>
    SpeedAdjusted,
    /// <summary>The rotation (pure CAV or not) is not offered: the other one is used.</summary>
    RotationAdjusted,
    /// <summary>Both speed and rotation were adjusted.</summary>
    BothAdjusted,
}

/// <summary>The kind of an IMultisession element.</summary>
public enum MultisessionType : int
{
    /// <summary>IMultisessionSequential2: CD-R/RW, DVD±R, DVD+R DL, DVD-RW sequential, BD-R.</summary>
    Sequential = 1,
    /// <summary>IMultisessionRandomWrite: DVD+RW, DVD-RAM, BD-RE, DVD-RW restricted overwrite.</summary>
    RandomWrite = 2,
}

/// <summary>
/// The Update event's arguments (IDiscFormat2DataEventArgs and IWriteEngine2EventArgs), plus
/// the drive's buffer, the current speed and the underruns (libimapi extensions).
/// Remaining and Total are null before an estimate exists; DriveBufferFillPercent is null
/// when the drive does not report it.
/// </summary>
public readonly record struct BurnProgress(
    WriteAction CurrentAction, TimeSpan ElapsedTime, TimeSpan? RemainingTime, TimeSpan? TotalTime,
    long StartLba, long SectorCount, long LastReadLba, long LastWrittenLba,
    long TotalSystemBuffer, long UsedSystemBuffer, long FreeSystemBuffer,
    long DriveBufferSize, long DriveBufferFree, int? DriveBufferFillPercent, int CurrentSpeedKilobytesPerSecond,
    long UnderrunCount)
{
    /// <summary>Sectors the drive has accepted so far.</summary>
    public long SectorsWritten => Math.Max(0, LastWrittenLba - StartLba + 1);

    internal static BurnProgress From(in NativeBurnProgress p) => new(
        (WriteAction)p.CurrentAction, TimeSpan.FromMilliseconds(p.ElapsedTimeMs),
        p.RemainingTimeMs >= 0 ? TimeSpan.FromMilliseconds(p.RemainingTimeMs) : null,
        p.TotalTimeMs >= 0 ? TimeSpan.FromMilliseconds(p.TotalTimeMs) : null,
        p.StartLba, p.SectorCount, p.LastReadLba, p.LastWrittenLba,
        p.TotalSystemBuffer, p.UsedSystemBuffer, p.FreeSystemBuffer,
        p.DriveBufferSize, p.DriveBufferFree, p.DriveBufferFillPercent >= 0 ? p.DriveBufferFillPercent : null,
        p.CurrentSpeedKbps, p.UnderrunCount);
}

/// <summary>IWriteSpeedDescriptor: one speed (sectors per second) the drive offers for the medium.</summary>
public sealed record WriteSpeedDescriptor(ImapiMediaPhysicalType MediaType, bool RotationTypeIsPureCav, int WriteSpeed);

/// <summary>
/// One element of MultisessionInterfaces (IMultisessionSequential2 or IMultisessionRandomWrite).
/// Addresses are LBAs (-1 where there is none), counts 2048-byte sectors; the fields of the other kind are 0.
/// </summary>
public sealed record Multisession(
    int Index, MultisessionType Type, bool IsSupportedOnCurrentMediaState, bool InUse, bool IsFirstDataSession,
    int WriteUnitSize, long StartAddressOfPreviousSession, long LastWrittenAddressOfPreviousSession,
    long NextWritableAddress, long FreeSectorsOnMedia, long LastWrittenAddress, long TotalSectorsOnMedia);

[StructLayout(LayoutKind.Sequential)]
internal struct NativeBurnProgress
{
    public uint StructSize;
    public int CurrentAction;
    public long ElapsedTimeMs, RemainingTimeMs, TotalTimeMs, StartLba, SectorCount, LastReadLba, LastWrittenLba;
    public long TotalSystemBuffer, UsedSystemBuffer, FreeSystemBuffer, DriveBufferSize, DriveBufferFree;
    public int DriveBufferFillPercent, CurrentSpeedKbps;
    public long UnderrunCount;

    public static NativeBurnProgress New() => new() { StructSize = (uint)Marshal.SizeOf<NativeBurnProgress>() };
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeWriteSpeedDescriptor
{
    public uint StructSize;
    public int MediaType, RotationTypeIsPureCav, WriteSpeed;

    public static NativeWriteSpeedDescriptor New() => new() { StructSize = (uint)Marshal.SizeOf<NativeWriteSpeedDescriptor>() };
}

[StructLayout(LayoutKind.Sequential)]
internal struct NativeMultisession
{
    public uint StructSize;
    public int Type, IsSupportedOnCurrentMediaState, InUse, IsFirstDataSession, WriteUnitSize;
    public long StartAddressOfPreviousSession, LastWrittenAddressOfPreviousSession, NextWritableAddress;
    public long FreeSectorsOnMedia, LastWrittenAddress, TotalSectorsOnMedia;

    public static NativeMultisession New() => new() { StructSize = (uint)Marshal.SizeOf<NativeMultisession>() };
}

/// <summary>
/// Runs a blocking burn call that raises the Update event through a C callback on the
/// calling thread. An exception from a handler never crosses the native frames: it
/// cancels the write and becomes the InnerException of an ImapiException with
/// IMAPI_E_REQUEST_CANCELLED.
/// </summary>
internal sealed unsafe class BurnProgressBridge
{
    private readonly Func<BurnProgress, bool> _handler;
    private Exception? _error;

    private BurnProgressBridge(Func<BurnProgress, bool> handler) => _handler = handler;

    public static int Run(Func<BurnProgress, bool> handler, Func<IntPtr, IntPtr, int> call)
    {
        var bridge = new BurnProgressBridge(handler);
        var gc = GCHandle.Alloc(bridge);
        int status;
        try
        {
            delegate* unmanaged[Cdecl]<IntPtr, NativeBurnProgress*, int> fn = &OnUpdate;
            status = call((IntPtr)fn, GCHandle.ToIntPtr(gc));
        }
        finally
        {
            gc.Free();
        }
        if (bridge._error is not null)
            throw new ImapiException(ImapiStatus.RequestCancelled,
                "an Update handler threw, so the write was cancelled: " + bridge._error.Message, bridge._error);
        return ImapiException.Check(status);
    }

    [UnmanagedCallersOnly(CallConvs = new[] { typeof(CallConvCdecl) })]
    private static int OnUpdate(IntPtr user, NativeBurnProgress* p)
    {
        var bridge = (BurnProgressBridge)GCHandle.FromIntPtr(user).Target!;
        try
        {
            return bridge._handler(BurnProgress.From(*p)) ? 0 : 1;
        }
        catch (Exception e)
        {
            bridge._error = e;
            return 1;
        }
    }
}

/// <summary>What DiscFormat2Data and WriteEngine2 share: the Update event, blocking and async writes, cancel.</summary>
public abstract class BurnWriter : ImapiObject
{
    private readonly Func<IntPtr, int> _cancel;
    private readonly Func<IntPtr, IntPtr, int> _progress;

    internal BurnWriter(ImapiHandle handle, string what, Func<IntPtr, int> cancel, Func<IntPtr, IntPtr, int> progress)
        : base(handle, what)
    {
        _cancel = cancel;
        _progress = progress;
    }

    /// <summary>
    /// The Update event: raised on the thread that called a blocking write, at least every
    /// 0.5 s while writing and once per phase (validating, formatting, ..., completed).
    /// </summary>
    public event EventHandler<BurnProgress>? Update;

    /// <summary>
    /// CancelWrite: asks the running write to stop; any thread, also from an Update handler.
    /// The write then fails with IMAPI_E_REQUEST_CANCELLED. False when no write was running.
    /// </summary>
    public bool CancelWrite() =>
        ImapiException.Check(Owner.CallUnlocked(_cancel)) != (int)ImapiStatus.WriteNotInProgress;

    /// <summary>Extension: a snapshot of the running (or last) write's event arguments; any thread.</summary>
    public unsafe BurnProgress Progress => Owner.CallUnlocked(h =>
    {
        var p = NativeBurnProgress.New();
        ImapiException.Check(_progress(h, (IntPtr)(&p)));
        return BurnProgress.From(p);
    });

    /// <summary>Runs a blocking write with the Update event, <paramref name="progress"/> and the token wired to CancelWrite.</summary>
    internal void RunBlocking(IProgress<BurnProgress>? progress, CancellationToken cancellationToken,
                              Func<IntPtr, IntPtr, IntPtr, int> call) =>
        Owner.Call(h =>
        {
            using var registration = cancellationToken.Register(() => CancelWrite());
            return BurnProgressBridge.Run(p =>
            {
                progress?.Report(p);
                Update?.Invoke(this, p);
                return !cancellationToken.IsCancellationRequested;
            }, (fn, user) => call(h, fn, user));
        });

    /// <summary>
    /// Awaits a write job without parking a thread: the process's job monitor
    /// (<see cref="JobMonitor"/>) wakes when the write reports progress or ends, and hands
    /// <paramref name="progress"/> the full event arguments (<see cref="Progress"/>) each time,
    /// on the monitor's thread. Cancelling the token cancels the write; the task is then canceled.
    /// </summary>
    internal async Task AwaitJob(ImapiJob job, IProgress<BurnProgress>? progress, CancellationToken cancellationToken)
    {
        using (job)
            await job.WaitWithReports(progress is null ? null : () => progress.Report(Progress), cancellationToken)
                     .ConfigureAwait(false);
    }
}

/// <summary>
/// IMAPI2's MsftDiscFormat2Data: writes a data stream (a file-system image) to a disc as
/// one session, on every medium the drive writes, with multisession and verification.
/// Set <see cref="Recorder"/> and <see cref="ClientName"/> first. One thread at a time,
/// except <see cref="BurnWriter.CancelWrite"/> and <see cref="BurnWriter.Progress"/>.
/// </summary>
public sealed class DiscFormat2Data : BurnWriter
{
    /// <summary>MsftDiscFormat2Data with IMAPI's defaults (verification Quick, the fastest speed, a 64 MiB ring).</summary>
    public DiscFormat2Data()
        : base(HandleOwner.Create(HandleKind.DiscFormatData, ImapiNative.imapi_disc_format_data_create), "DiscFormat2Data",
               ImapiNative.imapi_disc_format_data_cancel_write, ImapiNative.imapi_disc_format_data_get_progress) { }

    /// <summary>Recorder: the drive to write with (the writer shares the recorder object).</summary>
    public DiscRecorder Recorder
    {
        get => new(Owner.Call(h => HandleOwner.Create(HandleKind.Recorder, o => ImapiNative.imapi_disc_format_data_get_recorder(h, o))));
        set => Owner.Check(h =>
        {
            using var r = HandleOwner.AcquireOptional(value?.Owner);
            return ImapiNative.imapi_disc_format_data_set_recorder(h, r.Ptr);
        });
    }

    /// <summary>ClientName: the name under which a write holds the drive exclusively.</summary>
    public string ClientName
    {
        get => Owner.GetString(ImapiNative.imapi_disc_format_data_get_client_name);
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_client_name(h, value));
    }

    /// <summary>IsRecorderSupported: the drive writes at least one medium this writer supports.</summary>
    public unsafe bool IsRecorderSupported(DiscRecorder recorder) => Owner.Call(h =>
    {
        using var r = recorder.Owner.Acquire();
        int v = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_data_is_recorder_supported(h, r.Ptr, (IntPtr)(&v)));
        return v != 0;
    });

    /// <summary>IsCurrentMediaSupported: the medium in the drive is one this writer writes, whatever its state.</summary>
    public unsafe bool IsCurrentMediaSupported(DiscRecorder recorder) => Owner.Call(h =>
    {
        using var r = recorder.Owner.Acquire();
        int v = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_data_is_current_media_supported(h, r.Ptr, (IntPtr)(&v)));
        return v != 0;
    });

    /// <summary>MediaPhysicallyBlank.</summary>
    public bool MediaPhysicallyBlank => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_media_physically_blank) != 0;
    /// <summary>MediaHeuristicallyBlank: blank, or overwritable media whose first 64 KiB are zeros.</summary>
    public bool MediaHeuristicallyBlank => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_media_heuristically_blank) != 0;
    /// <summary>SupportedMediaTypes with the recorder set.</summary>
    public ImapiMediaPhysicalType[] SupportedMediaTypes =>
        Array.ConvertAll(IntList(ImapiNative.imapi_disc_format_data_get_supported_media_types), t => (ImapiMediaPhysicalType)t);
    /// <summary>CurrentMediaStatus: the medium's state bits (<see cref="ImapiFormat2DataMediaState.Unknown"/> without a medium).</summary>
    public ImapiFormat2DataMediaState CurrentMediaStatus =>
        (ImapiFormat2DataMediaState)Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_current_media_status);
    /// <summary>WriteProtectStatus: why the medium cannot be written (<see cref="ImapiMediaWriteProtectState.None"/> when it can).</summary>
    public ImapiMediaWriteProtectState WriteProtectStatus =>
        (ImapiMediaWriteProtectState)Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_write_protect_status);
    /// <summary>CurrentPhysicalMediaType.</summary>
    public ImapiMediaPhysicalType CurrentPhysicalMediaType =>
        (ImapiMediaPhysicalType)Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_current_physical_media_type);
    /// <summary>TotalSectorsOnMedia: used + free 2048-byte sectors.</summary>
    public long TotalSectorsOnMedia => Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_total_sectors_on_media);
    /// <summary>FreeSectorsOnMedia: what the next write can record.</summary>
    public long FreeSectorsOnMedia => Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_free_sectors_on_media);
    /// <summary>NextWritableAddress: where the next session starts (0 on overwritable media).</summary>
    public long NextWritableAddress => Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_next_writable_address);
    /// <summary>StartAddressOfPreviousSession: -1 on a blank disc.</summary>
    public long StartAddressOfPreviousSession => Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_start_address_of_previous_session);
    /// <summary>LastWrittenAddressOfPreviousSession: -1 on a blank disc.</summary>
    public long LastWrittenAddressOfPreviousSession =>
        Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_last_written_address_of_previous_session);

    /// <summary>ForceMediaToBeClosed: close the disc after the write (it is closed anyway when 2% or less stays free).</summary>
    public bool ForceMediaToBeClosed
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_force_media_to_be_closed) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_force_media_to_be_closed(h, value ? 1 : 0));
    }
    /// <summary>DisableConsumerDvdCompatibilityMode (DVD+R, DVD+R DL): how a closing write closes.</summary>
    public bool DisableConsumerDvdCompatibilityMode
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode(h, value ? 1 : 0));
    }
    /// <summary>ForceOverwrite: overwrite overwritable media that hold data.</summary>
    public bool ForceOverwrite
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_force_overwrite) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_force_overwrite(h, value ? 1 : 0));
    }
    /// <summary>BufferUnderrunFreeDisabled: BUFE off (CD only).</summary>
    public bool BufferUnderrunFreeDisabled
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_buffer_underrun_free_disabled) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_buffer_underrun_free_disabled(h, value ? 1 : 0));
    }
    /// <summary>PostgapAlreadyInImage: the stream ends with the CD's 150-sector post-gap (CD only).</summary>
    public bool PostgapAlreadyInImage
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_postgap_already_in_image) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_postgap_already_in_image(h, value ? 1 : 0));
    }
    /// <summary>IBurnVerification.BurnVerificationLevel.</summary>
    public BurnVerificationLevel BurnVerificationLevel
    {
        get => (BurnVerificationLevel)Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_burn_verification_level);
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_burn_verification_level(h, (int)value));
    }
    /// <summary>Extension: the ring buffer of the next writes in bytes (0 restores the 64 MiB default).</summary>
    public long BufferSize
    {
        get => Owner.Get<long>(ImapiNative.imapi_disc_format_data_get_buffer_size);
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_buffer_size(h, value));
    }
    /// <summary>Extension: WRITE(12) with the Streaming bit on BD-RE and DVD-RAM (full speed, no defect management).</summary>
    public bool UseStreamingWrite12
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_use_streaming_write12) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_use_streaming_write12(h, value ? 1 : 0));
    }
    /// <summary>Extension: test writes (laser off) where the medium has them (CD-R/RW, DVD-R/RW).</summary>
    public bool TestWrite
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_test_write) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_data_set_test_write(h, value ? 1 : 0));
    }

    /// <summary>SetWriteSpeed: sectors per second (-1: the fastest), pure CAV or not.</summary>
    public SpeedAdjustment SetWriteSpeed(int requestedSectorsPerSecond, bool rotationTypeIsPureCav) =>
        (ImapiStatus)Owner.Call(h => ImapiException.Check(
            ImapiNative.imapi_disc_format_data_set_write_speed(h, requestedSectorsPerSecond, rotationTypeIsPureCav ? 1 : 0))) switch
        {
            ImapiStatus.SpeedAdjusted => SpeedAdjustment.SpeedAdjusted,
            ImapiStatus.RotationAdjusted => SpeedAdjustment.RotationAdjusted,
            ImapiStatus.BothAdjusted => SpeedAdjustment.BothAdjusted,
            _ => SpeedAdjustment.Exact,
        };
    /// <summary>RequestedWriteSpeed: sectors per second; -1 = the fastest.</summary>
    public int RequestedWriteSpeed => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_requested_write_speed);
    /// <summary>RequestedRotationTypeIsPureCAV.</summary>
    public bool RequestedRotationTypeIsPureCav =>
        Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_requested_rotation_type_is_pure_cav) != 0;
    /// <summary>CurrentWriteSpeed: sectors per second.</summary>
    public int CurrentWriteSpeed => Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_current_write_speed);
    /// <summary>CurrentRotationTypeIsPureCAV.</summary>
    public bool CurrentRotationTypeIsPureCav =>
        Owner.Get<int>(ImapiNative.imapi_disc_format_data_get_current_rotation_type_is_pure_cav) != 0;
    /// <summary>SupportedWriteSpeeds: sectors per second, fastest first.</summary>
    public int[] SupportedWriteSpeeds => IntList(ImapiNative.imapi_disc_format_data_get_supported_write_speeds);

    /// <summary>SupportedWriteSpeedDescriptors, in the order of SupportedWriteSpeeds.</summary>
    public unsafe IReadOnlyList<WriteSpeedDescriptor> SupportedWriteSpeedDescriptors => Owner.Call(h =>
    {
        int n = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor_count(h, (IntPtr)(&n)));
        var list = new List<WriteSpeedDescriptor>(n);
        for (int i = 0; i < n; i++)
        {
            var d = NativeWriteSpeedDescriptor.New();
            ImapiException.Check(ImapiNative.imapi_disc_format_data_get_write_speed_descriptor(h, i, (IntPtr)(&d)));
            list.Add(new WriteSpeedDescriptor((ImapiMediaPhysicalType)d.MediaType, d.RotationTypeIsPureCav != 0, d.WriteSpeed));
        }
        return (IReadOnlyList<WriteSpeedDescriptor>)list;
    });

    /// <summary>MultisessionInterfaces, read from the drive now (never empty with a medium).</summary>
    public unsafe IReadOnlyList<Multisession> MultisessionInterfaces => Owner.Call(h =>
    {
        int n = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_data_get_multisession_count(h, (IntPtr)(&n)));
        var list = new List<Multisession>(n);
        for (int i = 0; i < n; i++)
        {
            var m = NativeMultisession.New();
            ImapiException.Check(ImapiNative.imapi_disc_format_data_get_multisession(h, i, (IntPtr)(&m)));
            list.Add(new Multisession(i, (MultisessionType)m.Type, m.IsSupportedOnCurrentMediaState != 0, m.InUse != 0,
                m.IsFirstDataSession != 0, m.WriteUnitSize, m.StartAddressOfPreviousSession,
                m.LastWrittenAddressOfPreviousSession, m.NextWritableAddress, m.FreeSectorsOnMedia,
                m.LastWrittenAddress, m.TotalSectorsOnMedia));
        }
        return (IReadOnlyList<Multisession>)list;
    });

    /// <summary>IMultisession.InUse of MultisessionInterfaces[index]: the kind the next write continues.</summary>
    public void SetMultisessionInUse(int index, bool inUse) =>
        Owner.Check(h => ImapiNative.imapi_disc_format_data_set_multisession_in_use(h, index, inUse ? 1 : 0));

    /// <summary>
    /// A read-only stream over the recorded medium, for FileSystemImage.ImportFileSystem of the
    /// previous session (read it only while no write runs).
    /// </summary>
    public ImapiStream CreateMediaStream() =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_disc_format_data_create_media_stream(h, o))));

    /// <summary>
    /// Write: burns the whole stream (from position 0 to its size) as one session, blocking,
    /// raising Update on this thread. Holds the drive exclusively (as <see cref="ClientName"/>)
    /// for the whole write. Cancelling the token cancels the write (ImapiException with RequestCancelled).
    /// </summary>
    /// <exception cref="ImapiException">
    /// RecorderRequired, Df2DataClientNameIsNotValid, Df2DataWriteInProgress, RecorderMediaNoMedia,
    /// RecorderLocked (another client holds the drive), Df2DataStreamNotSupported (size 0 or not a multiple of 2048),
    /// Df2DataStreamTooLargeForCurrentMedia, Df2DataMediaNotBlank, Df2DataInvalidMediaState, Df2DataMediaIsNotSupported,
    /// RecorderMediaWriteProtected, BurnVerificationFailed, DataStreamReadFailure, LossOfStreaming,
    /// UnexpectedResponseFromDevice (sense in the exception); RequestCancelled when cancelled, the message
    /// saying what the disc holds afterwards.
    /// </exception>
    public void Write(ImapiStream data, CancellationToken cancellationToken = default) => Write(data, null, cancellationToken);

    /// <summary>
    /// Write, reporting each event's arguments to <paramref name="progress"/> synchronously on this
    /// thread (as well as raising Update): once per phase and at least every 0.5 s while writing.
    /// An exception from <paramref name="progress"/> cancels the write and becomes the
    /// InnerException of a RequestCancelled ImapiException.
    /// </summary>
    /// <exception cref="ImapiException">
    /// RecorderRequired, Df2DataClientNameIsNotValid, Df2DataWriteInProgress, RecorderMediaNoMedia,
    /// RecorderLocked (another client holds the drive), Df2DataStreamNotSupported (size 0 or not a multiple of 2048),
    /// Df2DataStreamTooLargeForCurrentMedia, Df2DataMediaNotBlank, Df2DataInvalidMediaState, Df2DataMediaIsNotSupported,
    /// RecorderMediaWriteProtected, BurnVerificationFailed, DataStreamReadFailure, LossOfStreaming,
    /// UnexpectedResponseFromDevice (sense in the exception); RequestCancelled when cancelled, the message
    /// saying what the disc holds afterwards.
    /// </exception>
    public void Write(ImapiStream data, IProgress<BurnProgress>? progress, CancellationToken cancellationToken = default)
    {
        using var d = data.Owner.Acquire();
        RunBlocking(progress, cancellationToken, (h, fn, user) => ImapiNative.imapi_disc_format_data_write(h, d.Ptr, fn, user));
    }

    /// <summary>
    /// The job form of Write, on the library's worker pool; the caller disposes the job (which cancels
    /// and waits for a running write). <see cref="ImapiJob.Progress"/> counts sectors
    /// (<see cref="ImapiOperation.Burn"/>); <see cref="BurnWriter.Progress"/> has the full event arguments.
    /// </summary>
    /// <exception cref="ImapiException">RecorderRequired at once; the write's own errors from the job's outcome.</exception>
    public ImapiJob StartWrite(ImapiStream data) => Owner.Call(h =>
    {
        using var d = data.Owner.Acquire();
        return new ImapiJob(HandleOwner.Create(HandleKind.Job, o => ImapiNative.imapi_disc_format_data_write_start(h, d.Ptr, o)));
    });

    /// <summary>
    /// Write as a Task: the burn runs on the library's threads and no .NET thread is parked on
    /// it (one process-wide thread blocked in a <see cref="JobMonitor"/> completes every job).
    /// <paramref name="progress"/> receives the full event arguments each time the write reports
    /// (once per phase, at least every 0.5 s while writing, and once at the end), on that
    /// monitor thread; wrap it in <see cref="Progress{T}"/> to get them on your context.
    /// </summary>
    /// <exception cref="ImapiException">The errors of <see cref="Write(ImapiStream, CancellationToken)"/>, faulting the task.</exception>
    /// <exception cref="OperationCanceledException">The token stopped the write (InnerException: the RequestCancelled ImapiException).</exception>
    public Task WriteAsync(ImapiStream data, IProgress<BurnProgress>? progress = null,
                           CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return AwaitJob(StartWrite(data), progress, cancellationToken);
    }

    /// <summary>
    /// Extension: compares the last session on the disc with <paramref name="image"/>, raising
    /// Update (action Verifying). A difference is IMAPI_E_BURN_VERIFICATION_FAILED with the
    /// first differing LBA in ImapiException.Lba.
    /// </summary>
    /// <exception cref="ImapiException">BurnVerificationFailed (Lba: the first bad block); RecorderMediaNoMedia; RequestCancelled.</exception>
    public void Verify(ImapiStream image, CancellationToken cancellationToken = default) => Verify(image, null, cancellationToken);

    /// <summary>Verify, reporting each event's arguments to <paramref name="progress"/> on this thread.</summary>
    /// <exception cref="ImapiException">BurnVerificationFailed (Lba: the first bad block); RecorderMediaNoMedia; RequestCancelled.</exception>
    public void Verify(ImapiStream image, IProgress<BurnProgress>? progress, CancellationToken cancellationToken = default)
    {
        using var d = image.Owner.Acquire();
        RunBlocking(progress, cancellationToken, (h, fn, user) => ImapiNative.imapi_disc_format_data_verify(h, d.Ptr, fn, user));
    }

    private unsafe int[] IntList(Func<IntPtr, IntPtr, int, IntPtr, int> call) => Owner.Call(h =>
    {
        int n = 0;
        ImapiException.Check(call(h, IntPtr.Zero, 0, (IntPtr)(&n)));
        var v = new int[n];
        fixed (int* p = v) ImapiException.Check(call(h, (IntPtr)p, n, (IntPtr)(&n)));
        return n == v.Length ? v : v[..n];
    });
}

/// <summary>
/// IMAPI2's MsftWriteEngine2: writes blocks of a stream at an LBA through the ring buffer
/// and the writer thread; no session handling and no closing (the caller prepares the medium).
/// </summary>
public sealed class WriteEngine2 : BurnWriter
{
    /// <summary>A new engine: 2048 bytes per sector, WRITE(10), a 64 MiB ring.</summary>
    public WriteEngine2()
        : base(HandleOwner.Create(HandleKind.WriteEngine, ImapiNative.imapi_write_engine_create), "WriteEngine2",
               ImapiNative.imapi_write_engine_cancel_write, ImapiNative.imapi_write_engine_get_progress) { }

    /// <summary>Recorder (IWriteEngine2 takes an IDiscRecorder2Ex; ours is both).</summary>
    public DiscRecorder Recorder
    {
        get => new(Owner.Call(h => HandleOwner.Create(HandleKind.Recorder, o => ImapiNative.imapi_write_engine_get_recorder(h, o))));
        set => Owner.Check(h =>
        {
            using var r = HandleOwner.AcquireOptional(value?.Owner);
            return ImapiNative.imapi_write_engine_set_recorder(h, r.Ptr);
        });
    }
    /// <summary>UseStreamingWrite12: WRITE(12) with the Streaming bit (IMAPI answers E_NOTIMPL; libimapi does it).</summary>
    public bool UseStreamingWrite12
    {
        get => Owner.Get<int>(ImapiNative.imapi_write_engine_get_use_streaming_write12) != 0;
        set => Owner.Check(h => ImapiNative.imapi_write_engine_set_use_streaming_write12(h, value ? 1 : 0));
    }
    /// <summary>StartingSectorsPerSecond: the speed expected at the start (0: unknown).</summary>
    public int StartingSectorsPerSecond
    {
        get => Owner.Get<int>(ImapiNative.imapi_write_engine_get_starting_sectors_per_second);
        set => Owner.Check(h => ImapiNative.imapi_write_engine_set_starting_sectors_per_second(h, value));
    }
    /// <summary>EndingSectorsPerSecond: the speed expected at the end (0: unknown).</summary>
    public int EndingSectorsPerSecond
    {
        get => Owner.Get<int>(ImapiNative.imapi_write_engine_get_ending_sectors_per_second);
        set => Owner.Check(h => ImapiNative.imapi_write_engine_set_ending_sectors_per_second(h, value));
    }
    /// <summary>BytesPerSector: 2048 for data; 2052 to 2448 (multiples of 4) for raw CD formats.</summary>
    public int BytesPerSector
    {
        get => Owner.Get<int>(ImapiNative.imapi_write_engine_get_bytes_per_sector);
        set => Owner.Check(h => ImapiNative.imapi_write_engine_set_bytes_per_sector(h, value));
    }
    /// <summary>Extension: the ring buffer in bytes (0 restores the default).</summary>
    public long BufferSize
    {
        get => Owner.Get<long>(ImapiNative.imapi_write_engine_get_buffer_size);
        set => Owner.Check(h => ImapiNative.imapi_write_engine_set_buffer_size(h, value));
    }
    /// <summary>WriteInProgress; any thread.</summary>
    public unsafe bool WriteInProgress => Owner.CallUnlocked(h =>
    {
        int v = 0;
        ImapiException.Check(ImapiNative.imapi_write_engine_get_write_in_progress(h, (IntPtr)(&v)));
        return v != 0;
    });

    /// <summary>
    /// WriteSection: <paramref name="sectorCount"/> blocks of <see cref="BytesPerSector"/> bytes from the stream's
    /// start to the medium at <paramref name="startingBlockAddress"/>, blocking (actions WritingData, then Completed);
    /// no preparation, no post-gap, no closing.
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg (negative address or count, stream too short); the errors common to every write.</exception>
    public void WriteSection(ImapiStream data, long startingBlockAddress, long sectorCount,
                             CancellationToken cancellationToken = default) =>
        WriteSection(data, startingBlockAddress, sectorCount, null, cancellationToken);

    /// <summary>WriteSection, reporting each event's arguments to <paramref name="progress"/> on this thread.</summary>
    /// <exception cref="ImapiException">InvalidArg (negative address or count, stream too short); the errors common to every write.</exception>
    public void WriteSection(ImapiStream data, long startingBlockAddress, long sectorCount,
                             IProgress<BurnProgress>? progress, CancellationToken cancellationToken = default)
    {
        using var d = data.Owner.Acquire();
        RunBlocking(progress, cancellationToken, (h, fn, user) =>
            ImapiNative.imapi_write_engine_write_section(h, d.Ptr, startingBlockAddress, sectorCount, fn, user));
    }

    /// <summary>The job form of WriteSection.</summary>
    public ImapiJob StartWriteSection(ImapiStream data, long startingBlockAddress, long sectorCount) => Owner.Call(h =>
    {
        using var d = data.Owner.Acquire();
        return new ImapiJob(HandleOwner.Create(HandleKind.Job,
            o => ImapiNative.imapi_write_engine_write_section_start(h, d.Ptr, startingBlockAddress, sectorCount, o)));
    });

    /// <summary>WriteSection as a Task, completed by the job monitor as <see cref="DiscFormat2Data.WriteAsync"/> is.</summary>
    public Task WriteSectionAsync(ImapiStream data, long startingBlockAddress, long sectorCount,
                                  IProgress<BurnProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return AwaitJob(StartWriteSection(data, startingBlockAddress, sectorCount), progress, cancellationToken);
    }
}
