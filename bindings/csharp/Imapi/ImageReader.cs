using System;
using System.Collections.Generic;
using System.Threading;
using Imapi.Native;

namespace Imapi;

/// <summary>One entry of an image's tree.</summary>
public sealed record ImageEntry(long Index, string Path, ImageEntryType Type, long Size, int? Mode, DateTime Modified, string Target);

/// <summary>
/// Lists and extracts ISO 9660 / Joliet / Rock Ridge images (a libimapi
/// extension beyond IMAPI). The input is treated as hostile: a malformed image
/// is an ImapiException, never a crash.
/// </summary>
public sealed partial class ImageReader : ImapiObject
{
    private ImageReader(ImapiHandle handle) : base(handle, "ImageReader") { }

    public static ImageReader Open(string path) =>
        new(HandleOwner.Create(HandleKind.ImageReader, o => ImapiNative.imapi_image_reader_open_path(path, o)));

    public static ImageReader Open(ImapiStream stream)
    {
        using var s = HandleOwner.AcquireOptional(stream?.Owner);
        IntPtr sp = s.Ptr;
        return new(HandleOwner.Create(HandleKind.ImageReader, o => ImapiNative.imapi_image_reader_open_stream(sp, o)));
    }

    /// <summary>Raised on the calling thread while Extract runs (bytes written).</summary>
    public event EventHandler<ImapiProgress>? Update;

    public FsiFileSystems FileSystems => (FsiFileSystems)Owner.Get<int>(ImapiNative.imapi_image_reader_get_file_systems);
    public string VolumeName => Owner.GetString(ImapiNative.imapi_image_reader_get_volume_name);

    /// <summary>The tree of one file system, parents before children; replaces the previous listing.</summary>
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
                e.Mode < 0 ? null : e.Mode, DateTime.UnixEpoch.AddTicks(e.Modified / 100), Utf8.Borrowed(e.Target)));
        }
        return (IReadOnlyList<ImageEntry>)entries;
    });

    /// <summary>A stream over a file of the last listing.</summary>
    public ImapiStream OpenFile(ImageEntry entry) => OpenFile(entry.Index);

    public ImapiStream OpenFile(long index) =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_image_reader_open_file(h, index, o))));

    /// <summary>Extracts the last listing into <paramref name="destination"/> (see FileSystemImageResult.WriteFile for cancellation).</summary>
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
