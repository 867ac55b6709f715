using System;
using System.Threading;
using System.Threading.Tasks;
using Imapi.Native;

namespace Imapi;

/// <summary>BD spare areas of <see cref="DiscFormat2Erase.FormatMedia(CancellationToken)"/> (libimapi's extension).</summary>
public enum FormatSpares : int
{
    /// <summary>The drive's default spare areas (BD-RE format type 30h, BD-R 32h).</summary>
    Default = 0,
    /// <summary>No spare areas and no defect management (BD-RE format type 31h; a blank BD-R is left as it comes).</summary>
    None = 1,
}

/// <summary>
/// IMAPI2's MsftDiscFormat2Erase: blanks a CD-RW or DVD-RW (<see cref="EraseMedia(CancellationToken)"/>) and,
/// as libimapi's extension, formats DVD+RW, DVD-RW, DVD-RAM, BD-RE and blank BD-R
/// (<see cref="FormatMedia(CancellationToken)"/>). Set <see cref="Recorder"/> and <see cref="ClientName"/> first.
/// Progress: IMAPI's Update(elapsedSeconds, estimatedTotalSeconds) is <see cref="BurnProgress.ElapsedTime"/> and
/// <see cref="BurnProgress.TotalTime"/> (null until the drive reports progress). A cancel is honoured until
/// the drive has been sent BLANK or FORMAT UNIT; after that the operation runs to its end.
/// </summary>
public sealed class DiscFormat2Erase : BurnWriter
{
    /// <summary>MsftDiscFormat2Erase: no recorder, no client name, FullErase false, spares default.</summary>
    public DiscFormat2Erase()
        : base(HandleOwner.Create(HandleKind.DiscFormatErase, ImapiNative.imapi_disc_format_erase_create), "DiscFormat2Erase",
               ImapiNative.imapi_disc_format_erase_cancel, ImapiNative.imapi_disc_format_erase_get_progress) { }

    /// <summary>Recorder: the drive to erase with (the object shares the recorder object).</summary>
    public DiscRecorder Recorder
    {
        get => new(Owner.Call(h => HandleOwner.Create(HandleKind.Recorder, o => ImapiNative.imapi_disc_format_erase_get_recorder(h, o))));
        set => Owner.Check(h =>
        {
            using var r = HandleOwner.AcquireOptional(value?.Owner);
            return ImapiNative.imapi_disc_format_erase_set_recorder(h, r.Ptr);
        });
    }

    /// <summary>ClientName: the name under which the drive is held exclusively while erasing.</summary>
    /// <exception cref="ImapiException">EraseClientNameIsNotValid.</exception>
    public string ClientName
    {
        get => Owner.GetString(ImapiNative.imapi_disc_format_erase_get_client_name);
        set => Owner.Check(h => ImapiNative.imapi_disc_format_erase_set_client_name(h, value));
    }

    /// <summary>FullErase: true blanks every block (slow); false (default) only the PMA/TOC (quick). For FormatMedia: a full format or certification.</summary>
    public bool FullErase
    {
        get => Owner.Get<int>(ImapiNative.imapi_disc_format_erase_get_full_erase) != 0;
        set => Owner.Check(h => ImapiNative.imapi_disc_format_erase_set_full_erase(h, value ? 1 : 0));
    }

    /// <summary>Extension: the spare areas FormatMedia gives a BD.</summary>
    public FormatSpares Spares
    {
        get => (FormatSpares)Owner.Get<int>(ImapiNative.imapi_disc_format_erase_get_format_spares);
        set => Owner.Check(h => ImapiNative.imapi_disc_format_erase_set_format_spares(h, (int)value));
    }

    /// <summary>IsRecorderSupported: the drive takes a medium EraseMedia blanks (CD-RW or DVD-RW).</summary>
    public unsafe bool IsRecorderSupported(DiscRecorder recorder) => Owner.Call(h =>
    {
        using var r = recorder.Owner.Acquire();
        int v = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_erase_is_recorder_supported(h, r.Ptr, (IntPtr)(&v)));
        return v != 0;
    });

    /// <summary>IsCurrentMediaSupported: the disc in the drive is a CD-RW or DVD-RW, whatever its state.</summary>
    public unsafe bool IsCurrentMediaSupported(DiscRecorder recorder) => Owner.Call(h =>
    {
        using var r = recorder.Owner.Acquire();
        int v = 0;
        ImapiException.Check(ImapiNative.imapi_disc_format_erase_is_current_media_supported(h, r.Ptr, (IntPtr)(&v)));
        return v != 0;
    });

    /// <summary>CurrentPhysicalMediaType: the medium in the recorder.</summary>
    public ImapiMediaPhysicalType CurrentPhysicalMediaType =>
        (ImapiMediaPhysicalType)Owner.Get<int>(ImapiNative.imapi_disc_format_erase_get_current_physical_media_type);

    /// <summary>EraseMedia: blanks the CD-RW or DVD-RW, blocking, raising Update on this thread.</summary>
    /// <exception cref="ImapiException">
    /// RecorderRequired, EraseClientNameIsNotValid, EraseRecorderInUse, RecorderMediaNoMedia, RecorderLocked,
    /// EraseMediaIsNotSupported (not a CD-RW or DVD-RW; nothing sent), EraseDriveFailedEraseCommand,
    /// EraseUnexpectedDriveResponseDuringErase, EraseTookLongerThanOneHour; RequestCancelled before the drive started.
    /// </exception>
    public void EraseMedia(CancellationToken cancellationToken = default) => EraseMedia(null, cancellationToken);

    /// <summary>EraseMedia, reporting each event's arguments to <paramref name="progress"/> on this thread.</summary>
    /// <exception cref="ImapiException">The errors of <see cref="EraseMedia(CancellationToken)"/>.</exception>
    public void EraseMedia(IProgress<BurnProgress>? progress, CancellationToken cancellationToken = default) =>
        RunBlocking(progress, cancellationToken, (h, fn, user) => ImapiNative.imapi_disc_format_erase_erase_media(h, fn, user));

    /// <summary>The job form of EraseMedia (<see cref="ImapiOperation.Erase"/>); the caller disposes the job.</summary>
    /// <exception cref="ImapiException">RecorderRequired at once; the erase's errors from the job's outcome.</exception>
    public ImapiJob StartEraseMedia() => Owner.Call(h =>
        new ImapiJob(HandleOwner.Create(HandleKind.Job, o => ImapiNative.imapi_disc_format_erase_erase_media_start(h, o))));

    /// <summary>EraseMedia as a Task (no .NET thread parked); <paramref name="progress"/> gets the event arguments on the job monitor's thread.</summary>
    /// <exception cref="ImapiException">The errors of <see cref="EraseMedia(CancellationToken)"/>, faulting the task.</exception>
    /// <exception cref="OperationCanceledException">The token stopped the erase before the drive started.</exception>
    public Task EraseMediaAsync(IProgress<BurnProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return AwaitJob(StartEraseMedia(), progress, cancellationToken);
    }

    /// <summary>Extension: formats the medium (DVD+RW, DVD-RW, DVD-RAM, BD-RE, blank BD-R), blocking.</summary>
    /// <exception cref="ImapiException">
    /// EraseMediaIsNotSupported (another medium, a BD-R holding data; nothing sent), InvalidArg (Spares None on a
    /// medium other than BD), and the errors of <see cref="EraseMedia(CancellationToken)"/>.
    /// </exception>
    public void FormatMedia(CancellationToken cancellationToken = default) => FormatMedia(null, cancellationToken);

    /// <summary>FormatMedia, reporting each event's arguments to <paramref name="progress"/> on this thread.</summary>
    /// <exception cref="ImapiException">The errors of <see cref="FormatMedia(CancellationToken)"/>.</exception>
    public void FormatMedia(IProgress<BurnProgress>? progress, CancellationToken cancellationToken = default) =>
        RunBlocking(progress, cancellationToken, (h, fn, user) => ImapiNative.imapi_disc_format_erase_format_media(h, fn, user));

    /// <summary>The job form of FormatMedia; the caller disposes the job.</summary>
    /// <exception cref="ImapiException">RecorderRequired at once; the format's errors from the job's outcome.</exception>
    public ImapiJob StartFormatMedia() => Owner.Call(h =>
        new ImapiJob(HandleOwner.Create(HandleKind.Job, o => ImapiNative.imapi_disc_format_erase_format_media_start(h, o))));

    /// <summary>FormatMedia as a Task, as <see cref="EraseMediaAsync"/>.</summary>
    /// <exception cref="ImapiException">The errors of <see cref="FormatMedia(CancellationToken)"/>, faulting the task.</exception>
    /// <exception cref="OperationCanceledException">The token stopped the format before the drive started.</exception>
    public Task FormatMediaAsync(IProgress<BurnProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return AwaitJob(StartFormatMedia(), progress, cancellationToken);
    }
}
