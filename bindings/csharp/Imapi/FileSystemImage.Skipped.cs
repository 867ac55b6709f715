using System.Collections.Generic;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// Why <see cref="FsiDirectoryItem.AddTree"/> left a host entry out (libimapi extension;
/// IMAPI_SKIPPED_* in the C ABI). An image holds directories, files and symbolic links only.
/// </summary>
public enum SkipReason : int
{
    /// <summary>A FIFO (named pipe).</summary>
    Fifo = 1,
    /// <summary>A Unix domain socket.</summary>
    Socket = 2,
    /// <summary>A character device.</summary>
    CharacterDevice = 3,
    /// <summary>A block device.</summary>
    BlockDevice = 4,
    /// <summary>A symbolic link, under <see cref="Imapi.SymlinkPolicy.Skip"/>.</summary>
    Symlink = 5,
    /// <summary>A file type the library does not know (none on Linux).</summary>
    Other = 6,
}

/// <summary>One host entry AddTree left out.</summary>
/// <param name="HostPath">The source directory given to AddTree, '/', and the path below it.</param>
/// <param name="Reason">Why it was left out.</param>
public sealed record SkippedEntry(string HostPath, SkipReason Reason);

public sealed partial class FileSystemImage
{
    /// <summary>How many host paths of each <see cref="SkipReason"/> the image keeps (IMAPI_SKIPPED_PATHS_PER_KIND).</summary>
    public const int SkippedPathsPerKind = 100;

    /// <summary>
    /// Extension: the host entries AddTree calls on this image left out, in the order the walks
    /// met them: the first <see cref="SkippedPathsPerKind"/> of each reason (the rest are only
    /// counted, see <see cref="SkippedCount(SkipReason?)"/>). A failed AddTree adds none, and
    /// <see cref="RollbackToChangePoint"/> removes what later calls added.
    /// </summary>
    /// <exception cref="ImapiException">The image handle was freed.</exception>
    public unsafe IReadOnlyList<SkippedEntry> SkippedEntries => Owner.Call(h =>
    {
        long n = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_get_skipped_entry_count(h, (System.IntPtr)(&n)));
        var entries = new List<SkippedEntry>((int)n);
        for (long i = 0; i < n; i++)
        {
            var e = NativeSkippedEntry.New();
            ImapiException.Check(ImapiNative.imapi_fsimage_get_skipped_entry(h, i, (System.IntPtr)(&e)));
            // Borrowed until the next AddTree: copied here, under the image's lock.
            entries.Add(new SkippedEntry(Utf8.Borrowed(e.HostPath), (SkipReason)e.Reason));
        }
        return entries;
    });

    /// <summary>
    /// How many host entries AddTree left out for <paramref name="reason"/>, or for every reason
    /// when it is null: the true total, past what <see cref="SkippedEntries"/> keeps.
    /// </summary>
    /// <exception cref="ImapiException">InvalidArg for a value that is not a member of
    /// <see cref="SkipReason"/>; or the image handle was freed.</exception>
    public long SkippedCount(SkipReason? reason = null) =>
        Owner.Get<long>((h, count) => ImapiNative.imapi_fsimage_get_skipped_total(h, (int)(reason ?? 0), count));
}
