using System;
using System.Collections.Generic;
using System.Threading;
using Imapi.Native;

namespace Imapi;

/// <summary>
/// One entry of an image's tree, named by its file system and path: opening it
/// (<see cref="ImageReader.OpenFile(ImageEntry)"/>) opens this file whatever was listed since.
/// </summary>
/// <param name="Index">Its position in the listing it came from.</param>
/// <param name="Path">"/a/b", in the names of <paramref name="FileSystem"/>.</param>
/// <param name="Type">Directory, file or symbolic link.</param>
/// <param name="Size">Bytes (files).</param>
/// <param name="Mode">POSIX permission bits (Rock Ridge, UDF; <see cref="System.IO.UnixFileMode"/> has their values), or null when not recorded.</param>
/// <param name="Modified">Modification time (UTC).</param>
/// <param name="Target">A symbolic link's target; "" otherwise.</param>
/// <param name="FileSystem">The file system whose tree lists it.</param>
public sealed record ImageEntry(long Index, string Path, ImageEntryType Type, long Size, System.IO.UnixFileMode? Mode, DateTime Modified,
                                string Target, FsiFileSystems FileSystem);

/// <summary>
/// Lists and extracts ISO 9660 / Joliet / Rock Ridge / UDF images, bridges
/// included (a libimapi extension beyond IMAPI). The input is treated as hostile: a malformed image
/// is an ImapiException, never a crash.
/// </summary>
public sealed partial class ImageReader : ImapiObject
{
    private ImageReader(ImapiHandle handle) : base(handle, "ImageReader") { }

    /// <summary>Opens the image file at <paramref name="path"/>; the caller disposes the reader.</summary>
    /// <exception cref="ImapiException">DataStreamCreateFailure when it cannot be opened; NoSupportedFileSystem; FileSystemReadConsistencyError for a malformed image.</exception>
    public static ImageReader Open(string path) =>
        new(HandleOwner.Create(HandleKind.ImageReader, o => ImapiNative.imapi_image_reader_open_path(path, o)));

    /// <summary>Opens the image <paramref name="stream"/> holds (the reader keeps the stream; it may be disposed at once).</summary>
    /// <exception cref="ImapiException">Pointer for null; NoSupportedFileSystem; FileSystemReadConsistencyError for a malformed image.</exception>
    public static ImageReader Open(ImapiStream stream)
    {
        using var s = HandleOwner.AcquireOptional(stream?.Owner);
        IntPtr sp = s.Ptr;
        return new(HandleOwner.Create(HandleKind.ImageReader, o => ImapiNative.imapi_image_reader_open_stream(sp, o)));
    }

    /// <summary>Raised on the calling thread while Extract runs (bytes written).</summary>
    public event EventHandler<ImapiProgress>? Update;

    /// <summary>The file systems the image holds.</summary>
    public FsiFileSystems FileSystems => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_image_reader_get_file_systems);
    /// <summary>The primary volume descriptor's label (ISO 9660 d-characters); <see cref="GetVolumeName"/> gives each file system's, in Unicode.</summary>
    public string VolumeName => Owner.GetString(ImapiNative.imapi_image_reader_get_volume_name);

    /// <summary>
    /// The tree of one file system, parents before children (it becomes the listing <see cref="Extract"/> and
    /// <see cref="OpenFile(long)"/> use). Entries name their file system and path, so
    /// <see cref="OpenFile(ImageEntry)"/> opens the right file whatever is listed later.
    /// </summary>
    /// <exception cref="ImapiException">FileSystemNotFound; InvalidArg for not exactly one file system; FileSystemReadConsistencyError for a malformed tree.</exception>
    public unsafe IReadOnlyList<ImageEntry> List(FsiFileSystems fileSystem) => Owner.Call(h =>
    {
        long count = 0;
        ImapiException.Check(ImapiNative.imapi_image_reader_list(h, (int)fileSystem, (IntPtr)(&count)));
        var entries = new List<ImageEntry>((int)Math.Min(count, int.MaxValue));
        for (long i = 0; i < count; i++)
        {
            var e = NativeImageEntry.New();
            ImapiException.Check(ImapiNative.imapi_image_reader_get_entry(h, i, (IntPtr)(&e)));
            entries.Add(new ImageEntry(i, Utf8.Borrowed(e.Path), (ImageEntryType)e.Type, e.Size,
                e.Mode < 0 ? null : (System.IO.UnixFileMode)e.Mode, DateTime.UnixEpoch.AddTicks(e.Modified / 100), Utf8.Borrowed(e.Target), fileSystem));
        }
        return (IReadOnlyList<ImageEntry>)entries;
    });

    /// <summary>
    /// The volume label one file system records, in Unicode where it allows:
    /// Joliet's (16 UCS-2 characters), UDF's, or the primary descriptor's
    /// (<see cref="VolumeName"/>) for ISO 9660 and Rock Ridge.
    /// ImapiException FileSystemNotFound when the image has no such file system.
    /// </summary>
    public string GetVolumeName(FsiFileSystems fileSystem) =>
        Owner.GetString((h, o) => ImapiNative.imapi_image_reader_get_file_system_volume_name(h, (int)fileSystem, o));

    /// <summary>
    /// A stream over the file <paramref name="entry"/> names (its file system and path),
    /// whatever was listed since. ImapiException NotFile for a directory or link.
    /// </summary>
    public ImapiStream OpenFile(ImageEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return OpenFile(entry.FileSystem, entry.Path);
    }

    /// <summary>
    /// A stream over the file at <paramref name="path"/> ("/a/b") in one file system's tree.
    /// ImapiException ItemNotFound when that tree has no such path.
    /// </summary>
    public ImapiStream OpenFile(FsiFileSystems fileSystem, string path) =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream,
            o => ImapiNative.imapi_image_reader_open_file_by_path(h, (int)fileSystem, path, o))));

    /// <summary>A stream over entry <paramref name="index"/> of the last listing, whichever file system that was.</summary>
    public ImapiStream OpenFile(long index) =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_image_reader_open_file(h, index, o))));

    /// <summary>
    /// Extracts the last listing (or, before any, the richest file system) into <paramref name="destination"/> (created if missing): directories, files,
    /// modification times, links, permission bits; names that would leave it are refused. Raises
    /// <see cref="Update"/> (bytes written) on this thread; the token cancels it (RequestCancelled).
    /// </summary>
    /// <exception cref="ImapiException">OutputWriteFailure; DataTooBig beyond <see cref="ExtractLimit"/>; the reader's code for a read error, naming the entry.</exception>
    public void Extract(string destination, CancellationToken cancellationToken = default)
    {
        Func<ImapiProgress, bool>? handler = null;
        if (Update is not null || cancellationToken.CanBeCanceled)
        {
            handler = p =>
            {
                Update?.Invoke(this, p);
                return !cancellationToken.IsCancellationRequested;
            };
        }
        Owner.Call(h => ProgressBridge.Run(handler, (fn, user) => ImapiNative.imapi_image_reader_extract(h, destination, fn, user)));
    }
}
