using System;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// IMAPI2FS's IFileSystemImage (MsftFileSystemImage): a tree of items (<see cref="Root"/>) and
/// the options of the image made from it; <see cref="CreateResultImage"/> lays it out.
/// Dispose releases the native image and its <see cref="Root"/>; items, results and streams
/// made from it stay usable after it. Calls on one object are serialized (one thread at a
/// time; another thread waits). Failures are <see cref="ImapiException"/>s with IMAPI2FS's codes.
/// </summary>
/// <example>
/// <code>
/// using var image = new FileSystemImage { VolumeName = "Photos", FreeMediaBlocks = 0 };
/// image.Root.AddTree("/home/me/photos", includeBaseDirectory: false);
/// using var result = image.CreateResultImage();
/// await result.WriteFileAsync("photos.iso", new Progress&lt;ImapiProgress&gt;(p => Console.Write($"\r{p.Done}/{p.Total}")));
/// </code>
/// </example>
public sealed partial class FileSystemImage : ImapiObject
{
    /// <summary>
    /// A new, empty image: ISO 9660 + Joliet + Rock Ridge, interchange level 2,
    /// FreeMediaBlocks 332800 (a 74-minute CD).
    /// </summary>
    public FileSystemImage() : base(HandleOwner.Create(HandleKind.FileSystemImage, ImapiNative.imapi_fsimage_create), "FileSystemImage") { }

    private FsiDirectoryItem? _root;

    /// <summary>
    /// The root directory: the same object on every get, released with the image,
    /// so <c>image.Root.AddTree(...)</c> leaves no handle behind. Disposing it
    /// (e.g. <c>using var root = image.Root</c>) is allowed; the next get makes a new one.
    /// </summary>
    public FsiDirectoryItem Root
    {
        get
        {
            lock (Owner)
            {
                if (_root is null || _root.IsDisposed)
                    _root = (FsiDirectoryItem)FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_get_root(h, o))));
                return _root;
            }
        }
    }

    internal override void DisposeOwned()
    {
        lock (Owner) _root?.Dispose();
    }

    /// <summary>
    /// VolumeName: at most 32 characters, none of the control characters or / \ * ? : ; " &lt; &gt; |;
    /// "" means not set (one is made from the volume date). Each file system derives its label from it.
    /// </summary>
    /// <exception cref="ImapiException">InvalidVolumeName.</exception>
    public string VolumeName
    {
        get => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_volume_name(h, value));
    }
    /// <summary>The label as ISO 9660 records it (d-characters, at most 32).</summary>
    public string VolumeNameISO9660 => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_iso9660);
    /// <summary>The label as Joliet records it (at most 16 UCS-2 characters).</summary>
    public string VolumeNameJoliet => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_joliet);
    /// <summary>The label as UDF records it (at most 30 characters).</summary>
    public string VolumeNameUDF => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_udf);

    /// <summary>FileSystemsToCreate (default ISO9660 | Joliet | RockRidge); Joliet and Rock Ridge need ISO 9660.</summary>
    /// <exception cref="ImapiException">
    /// InvalidParam for bits not in <see cref="FileSystemsSupported"/> or an impossible combination; NoOutput for None;
    /// FileSystemChangeNotAllowed after an import changed them.
    /// </exception>
    public FsiFileSystems FileSystemsToCreate
    {
        get => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_fsimage_get_file_systems_to_create);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_file_systems_to_create(h, (int)value));
    }
    /// <summary>FileSystemsSupported: the file systems this build can write.</summary>
    public FsiFileSystems FileSystemsSupported => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_fsimage_get_file_systems_supported);

    /// <summary>ISO9660InterchangeLevel: 1 (8.3 names), 2 (31-character names, the default) or 3 (also files of 4 GiB and more).</summary>
    /// <exception cref="ImapiException">InvalidParam for another level.</exception>
    public int ISO9660InterchangeLevel
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_iso9660_level);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_iso9660_level(h, value));
    }

    /// <summary>ISO9660InterchangeLevelsSupported: the levels <see cref="ISO9660InterchangeLevel"/> takes.</summary>
    public unsafe int[] ISO9660InterchangeLevelsSupported => Owner.Call(h =>
    {
        int count = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_get_iso9660_levels_supported(h, IntPtr.Zero, 0, (IntPtr)(&count)));
        var levels = new int[count];
        fixed (int* p = levels)
            ImapiException.Check(ImapiNative.imapi_fsimage_get_iso9660_levels_supported(h, (IntPtr)p, count, (IntPtr)(&count)));
        return levels;
    });

    /// <summary>GetDefaultFileSystemForImport: the file system of <paramref name="fileSystems"/> an import reads.</summary>
    public unsafe FsiFileSystems GetDefaultFileSystemForImport(FsiFileSystems fileSystems) => Owner.Call(h =>
    {
        int result = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_get_default_file_system_for_import(h, (int)fileSystems, (IntPtr)(&result)));
        return (FsiFileSystems)result;
    });

    /// <summary>
    /// ChooseImageDefaultsForMediaType: file systems, UDF revision, ISO level and FreeMediaBlocks for a blank
    /// medium: CDs ISO 9660 + Joliet + Rock Ridge + UDF 1.02 at level 2; DVDs the same with UDF 1.02 at level 3
    /// (HD DVD: UDF 2.50); BDs UDF 2.50 only; Disk UDF 2.01 only, no size limit.
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg for Unknown or a value out of range; FileSystemChangeNotAllowed after an import.</exception>
    public void ChooseImageDefaultsForMediaType(ImapiMediaPhysicalType value) =>
        Owner.Check(h => ImapiNative.imapi_fsimage_choose_image_defaults_for_media_type(h, (int)value));

    /// <summary>
    /// UDFRevision (default <see cref="UdfRevision.Udf102"/>), used when <see cref="FileSystemsToCreate"/> has UDF:
    /// 1.02 and 1.50 write ECMA-167 2nd edition file entries, 2.00 on extended ones (creation times),
    /// 2.50 and 2.60 a metadata partition.
    /// </summary>
    /// <exception cref="ImapiException">InvalidParam for a value not in <see cref="UDFRevisionsSupported"/>; UdfRevisionChangeNotAllowed after an import.</exception>
    public UdfRevision UDFRevision
    {
        get => (UdfRevision)Owner.Get<int>(ImapiNative.imapi_fsimage_get_udf_revision);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_udf_revision(h, (int)value));
    }

    /// <summary>UDFRevisionsSupported: the revisions <see cref="UDFRevision"/> takes.</summary>
    public UdfRevision[] UDFRevisionsSupported => Array.ConvertAll(UdfRevisionValues, v => (UdfRevision)v);

    private unsafe int[] UdfRevisionValues => Owner.Call(h =>
    {
        int count = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_get_udf_revisions_supported(h, IntPtr.Zero, 0, (IntPtr)(&count)));
        var revisions = new int[count];
        fixed (int* p = revisions)
            ImapiException.Check(ImapiNative.imapi_fsimage_get_udf_revisions_supported(h, (IntPtr)p, count, (IntPtr)(&count)));
        return revisions;
    });

    /// <summary>
    /// CreateRedundantUdfMetadataFiles (default true): for UDF 2.50 and 2.60, whether the metadata mirror
    /// holds its own copy of the file tree (true) or shares the metadata file's blocks (false, smaller).
    /// </summary>
    public bool CreateRedundantUdfMetadataFiles
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_create_redundant_udf_metadata_files) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_create_redundant_udf_metadata_files(h, value ? 1 : 0));
    }

    /// <summary>
    /// StrictFileSystemCompliance: what the standards forbid is an error instead of being tolerated
    /// (ISO 9660 depth beyond 8 without Rock Ridge, paths longer than 255); implies <see cref="RockRidgeRelocation"/>.
    /// </summary>
    /// <exception cref="ImapiException">FileSystemNotEmpty: settable only on an empty image.</exception>
    public bool StrictFileSystemCompliance
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_strict_compliance) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_strict_compliance(h, value ? 1 : 0));
    }
    /// <summary>UseRestrictedCharacterSet: names of items added afterwards must be printable ASCII (else RestrictedNameViolation).</summary>
    public bool UseRestrictedCharacterSet
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_restricted_charset) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_restricted_charset(h, value ? 1 : 0));
    }
    /// <summary>FreeMediaBlocks: capacity in 2048-byte blocks (default 332,800, a 74-minute CD); 0 = unlimited.</summary>
    /// <exception cref="ImapiException">ImageTooBig when set below <see cref="UsedBlocks"/>; adding beyond it fails with ImageSizeLimit.</exception>
    public long FreeMediaBlocks
    {
        get => Owner.Get<long>(ImapiNative.imapi_fsimage_get_free_media_blocks);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_free_media_blocks(h, value));
    }
    /// <summary>UsedBlocks: the blocks the image would take now (an exact layout of the current tree).</summary>
    public long UsedBlocks => Owner.Get<long>(ImapiNative.imapi_fsimage_get_used_blocks);
    /// <summary>FileCount: files in the tree.</summary>
    public long FileCount => Owner.Get<long>(ImapiNative.imapi_fsimage_get_file_count);
    /// <summary>DirectoryCount: directories in the tree, the root not counted.</summary>
    public long DirectoryCount => Owner.Get<long>(ImapiNative.imapi_fsimage_get_directory_count);
    /// <summary>SessionStartBlock: the LBA the image will be written at (0 for a standalone image; NextWritableAddress for a new session).</summary>
    public long SessionStartBlock
    {
        get => Owner.Get<long>(ImapiNative.imapi_fsimage_get_session_start_block);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_session_start_block(h, value));
    }

    /// <summary>ChangePoint: the id of the tree's current state, for <see cref="RollbackToChangePoint"/>.</summary>
    public long ChangePoint => Owner.Get<long>(ImapiNative.imapi_fsimage_get_change_point);
    /// <summary>RollbackToChangePoint: undoes every change made since <paramref name="changePoint"/>.</summary>
    /// <exception cref="ImapiException">InvalidParam for an id made invalid by <see cref="LockInChangePoint"/>.</exception>
    public void RollbackToChangePoint(long changePoint) => Owner.Check(h => ImapiNative.imapi_fsimage_rollback_to_change_point(h, changePoint));
    /// <summary>LockInChangePoint: makes the current state permanent (earlier change points become invalid).</summary>
    public void LockInChangePoint() => Owner.Check(ImapiNative.imapi_fsimage_lock_in_change_point);

    /// <summary>WorkingDirectory: where <see cref="StageFiles"/> puts its stash files (default $TMPDIR or /tmp).</summary>
    /// <exception cref="ImapiException">InvalidWorkingDirectory.</exception>
    public string WorkingDirectory
    {
        get => Owner.GetString(ImapiNative.imapi_fsimage_get_working_directory);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_working_directory(h, value));
    }
    /// <summary>
    /// StageFiles: the data of files added afterwards is copied at once into unnamed stash files in
    /// <see cref="WorkingDirectory"/>, so later changes to the sources do not matter.
    /// </summary>
    /// <exception cref="ImapiException">Adding files then fails with StashFile* codes or WorkingDirectorySpace.</exception>
    public bool StageFiles
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_stage_files) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_stage_files(h, value ? 1 : 0));
    }

    /// <summary>The type of the item at an absolute image path ("/a/b"), NotFound if none.</summary>
    public unsafe FsiItemType Exists(string fullPath) => (FsiItemType)Owner.Call(h =>
    {
        int t = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_exists(h, fullPath, (IntPtr)(&t)));
        return t;
    });

    /// <summary>The item at an absolute image path, a new object the caller disposes.</summary>
    /// <exception cref="ImapiException">ItemNotFound (also for malformed paths).</exception>
    public FsiItem GetItem(string fullPath) =>
        FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_get_item(h, fullPath, o))));

    /// <summary>CreateDirectoryItem: a detached directory named <paramref name="name"/>, placed later with <see cref="FsiDirectoryItem.Add"/>; the caller disposes it.</summary>
    /// <exception cref="ImapiException">InvalidParam or RestrictedNameViolation for a name the image cannot hold.</exception>
    public FsiDirectoryItem CreateDirectoryItem(string name) =>
        (FsiDirectoryItem)FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_create_directory_item(h, name, o))));

    /// <summary>CreateFileItem: a detached, empty file named <paramref name="name"/> (set <see cref="FsiFileItem.Data"/>), placed later with <see cref="FsiDirectoryItem.Add"/>; the caller disposes it.</summary>
    /// <exception cref="ImapiException">InvalidParam or RestrictedNameViolation for a name the image cannot hold.</exception>
    public FsiFileItem CreateFileItem(string name) =>
        (FsiFileItem)FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_create_file_item(h, name, o))));

    /// <summary>
    /// CreateResultImage: lays out the tree (metadata only; file data is read when the result is written)
    /// and returns a frozen snapshot to write; the image may change afterwards without affecting it. The caller disposes it.
    /// </summary>
    /// <exception cref="ImapiException">ImageSizeLimit beyond <see cref="FreeMediaBlocks"/>; Iso9660Levels; TooManyDirs.</exception>
    public FileSystemImageResult CreateResultImage() =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Result, o => ImapiNative.imapi_fsimage_create_result_image(h, o))));

    /// <summary>
    /// ImportFileSystem / ImportSpecificFileSystem: imports the session at
    /// <paramref name="sessionBlock"/> of <paramref name="previous"/>;
    /// <paramref name="fileSystem"/> None lets the library choose. Returns the one used.
    /// </summary>
    public unsafe FsiFileSystems ImportFileSystem(ImapiStream previous, long sessionBlock = 0, FsiFileSystems fileSystem = FsiFileSystems.None)
    {
        using var s = HandleOwner.AcquireOptional(previous?.Owner);
        IntPtr sp = s.Ptr;
        return (FsiFileSystems)Owner.Call(h =>
        {
            int used = 0;
            ImapiException.Check(ImapiNative.imapi_fsimage_import_stream(h, sp, sessionBlock, (int)fileSystem, (IntPtr)(&used)));
            return used;
        });
    }
}
