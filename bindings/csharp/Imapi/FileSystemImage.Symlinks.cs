using Imapi.Native;

namespace Imapi;

/// <summary>
/// What <see cref="FsiDirectoryItem.AddTree"/> does with a symbolic link of the host tree
/// (libimapi extension; IMAPI_SYMLINKS_* in the C ABI).
/// </summary>
public enum SymlinkPolicy : int
{
    /// <summary>
    /// The default: the link itself is recorded (Rock Ridge and UDF show it as a link, plain
    /// ISO 9660 as an empty file, Joliet not at all). 7-Zip refuses a whole UDF volume that holds a link.
    /// </summary>
    Record = 0,
    /// <summary>
    /// A link to a file is added as a file with the target's content; a link to a directory as
    /// that directory's contents. A dangling link fails AddTree with
    /// <see cref="ImapiStatus.FileNotFound"/>, a link to a directory above it (a loop) with
    /// <see cref="ImapiStatus.DirectoryReadFailure"/>; the image is then left as it was.
    /// </summary>
    Follow = 1,
    /// <summary>Links are left out.</summary>
    Skip = 2,
}

public sealed partial class FileSystemImage
{
    /// <summary>
    /// Extension: what AddTree calls made afterwards do with host symbolic links
    /// (<see cref="Imapi.SymlinkPolicy.Record"/> by default).
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg for a value that is not a member of
    /// <see cref="Imapi.SymlinkPolicy"/>; or the image handle was freed.</exception>
    public SymlinkPolicy SymlinkPolicy
    {
        get => (SymlinkPolicy)Owner.Get<int>(ImapiNative.imapi_fsimage_get_symlink_policy);
        set => Owner.Check(h => ImapiNative.imapi_fsimage_set_symlink_policy(h, (int)value));
    }
}
