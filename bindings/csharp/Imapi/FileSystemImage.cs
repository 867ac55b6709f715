using System;
using Imapi.Native;

namespace Imapi;

/// <summary>IMAPI2FS's IFileSystemImage: a tree of items and the options of the image made from it.</summary>
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

    public string VolumeName
    {
        get => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_volume_name(h, value));
    }
    public string VolumeNameISO9660 => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_iso9660);
    public string VolumeNameJoliet => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_joliet);
    public string VolumeNameUDF => Owner.GetString(ImapiNative.imapi_fsimage_get_volume_name_udf);

    public FsiFileSystems FileSystemsToCreate
    {
        get => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_fsimage_get_file_systems_to_create);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_file_systems_to_create(h, (int)value));
    }
    public FsiFileSystems FileSystemsSupported => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_fsimage_get_file_systems_supported);

    public int ISO9660InterchangeLevel
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_iso9660_level);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_iso9660_level(h, value));
    }

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

    /// <summary>ChooseImageDefaultsForMediaType: file systems, UDF revision, ISO level and FreeMediaBlocks for a blank medium.</summary>
    public void ChooseImageDefaultsForMediaType(ImapiMediaPhysicalType value) =>
        Owner.Check(h => ImapiNative.imapi_fsimage_choose_image_defaults_for_media_type(h, (int)value));

    /// <summary>UDFRevision in IMAPI's BCD form (0x102 ... 0x260).</summary>
    public UdfRevision UDFRevision
    {
        get => (UdfRevision)Owner.Get<int>(ImapiNative.imapi_fsimage_get_udf_revision);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_udf_revision(h, (int)value));
    }

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

    public bool CreateRedundantUdfMetadataFiles
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_create_redundant_udf_metadata_files) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_create_redundant_udf_metadata_files(h, value ? 1 : 0));
    }

    public bool StrictFileSystemCompliance
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_strict_compliance) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_strict_compliance(h, value ? 1 : 0));
    }
    public bool UseRestrictedCharacterSet
    {
        get => Owner.Get<int>(ImapiNative.imapi_fsimage_get_restricted_charset) != 0;
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_restricted_charset(h, value ? 1 : 0));
    }
    /// <summary>Capacity in 2048-byte blocks; 0 = unlimited.</summary>
    public long FreeMediaBlocks
    {
        get => Owner.Get<long>(ImapiNative.imapi_fsimage_get_free_media_blocks);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_free_media_blocks(h, value));
    }
    public long UsedBlocks => Owner.Get<long>(ImapiNative.imapi_fsimage_get_used_blocks);
    public long FileCount => Owner.Get<long>(ImapiNative.imapi_fsimage_get_file_count);
    public long DirectoryCount => Owner.Get<long>(ImapiNative.imapi_fsimage_get_directory_count);
    public long SessionStartBlock
    {
        get => Owner.Get<long>(ImapiNative.imapi_fsimage_get_session_start_block);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_session_start_block(h, value));
    }

    public long ChangePoint => Owner.Get<long>(ImapiNative.imapi_fsimage_get_change_point);
    public void RollbackToChangePoint(long changePoint) => Owner.Check(h => ImapiNative.imapi_fsimage_rollback_to_change_point(h, changePoint));
    public void LockInChangePoint() => Owner.Check(ImapiNative.imapi_fsimage_lock_in_change_point);

    public string WorkingDirectory
    {
        get => Owner.GetString(ImapiNative.imapi_fsimage_get_working_directory);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_working_directory(h, value));
    }
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

    /// <summary>The item at an absolute image path; ImapiException(ItemNotFound) if none.</summary>
    public FsiItem GetItem(string fullPath) =>
        FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_get_item(h, fullPath, o))));

    public FsiDirectoryItem CreateDirectoryItem(string name) =>
        (FsiDirectoryItem)FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_create_directory_item(h, name, o))));

    public FsiFileItem CreateFileItem(string name) =>
        (FsiFileItem)FsiItem.Wrap(Owner.Call(h => HandleOwner.Create(HandleKind.FsiItem, o => ImapiNative.imapi_fsimage_create_file_item(h, name, o))));

    /// <summary>Lays out the tree (metadata only) and returns a frozen snapshot to write.</summary>
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
