using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Imapi.Native;

namespace Imapi;

/// <summary>One file's (or metadata area's) block range (IMAPI2FS's IProgressItem).</summary>
public sealed record ProgressItem(long Index, string Description, long FirstBlock, long LastBlock, long BlockCount);

/// <summary>
/// IMAPI2FS's IFileSystemImageResult: a laid-out image, frozen when
/// <see cref="FileSystemImage.CreateResultImage"/> made it, ready to be read
/// (<see cref="ImageStream"/>), written to a file or burned. Dispose releases it; streams made
/// from it stay usable. Calls are serialized per object (a blocking WriteFile holds it).
/// </summary>
public sealed class FileSystemImageResult : ImapiObject
{
    internal FileSystemImageResult(ImapiHandle handle) : base(handle, "FileSystemImageResult") { }

    /// <summary>Raised on the calling thread while WriteFile runs (IMAPI's DFileSystemImageEvents.Update).</summary>
    public event EventHandler<ImapiProgress>? Update;

    /// <summary>A new read-only stream over the whole image, at position 0.</summary>
    public ImapiStream ImageStream =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Stream, o => ImapiNative.imapi_fsimage_result_get_image_stream(h, o))));

    /// <summary>TotalBlocks: the image's size in blocks of <see cref="BlockSize"/> bytes.</summary>
    public long TotalBlocks => Owner.Get<long>(ImapiNative.imapi_fsimage_result_get_total_blocks);
    /// <summary>BlockSize: 2048.</summary>
    public int BlockSize => Owner.Get<int>(ImapiNative.imapi_fsimage_result_get_block_size);
    /// <summary>DiscId: a checksum of the image's metadata, the same for the same tree and options.</summary>
    public string DiscId => Owner.GetString(ImapiNative.imapi_fsimage_result_get_disc_id);

    /// <summary>ProgressItems: every file's and metadata area's block range.</summary>
    public IReadOnlyList<ProgressItem> ProgressItems
    {
        get
        {
            long n = Owner.Get<long>(ImapiNative.imapi_fsimage_result_get_progress_item_count);
            var items = new List<ProgressItem>((int)Math.Min(n, int.MaxValue));
            for (long i = 0; i < n; i++) items.Add(GetProgressItem(i));
            return items;
        }
    }

    /// <summary>The progress item at <paramref name="index"/> (0 to the count of <see cref="ProgressItems"/> - 1).</summary>
    /// <exception cref="ImapiException">InvalidArg for an index out of range.</exception>
    public unsafe ProgressItem GetProgressItem(long index) => Owner.Call(h =>
    {
        var p = NativeProgressItem.New();
        ImapiException.Check(ImapiNative.imapi_fsimage_result_get_progress_item(h, index, (IntPtr)(&p)));
        return new ProgressItem(index, Utf8.Borrowed(p.Description), p.FirstBlock, p.LastBlock, p.BlockCount);
    });

    /// <summary>ProgressItemFromBlock: the item whose range holds <paramref name="block"/>.</summary>
    /// <exception cref="ImapiException">InvalidArg when no item covers it.</exception>
    public unsafe ProgressItem FindProgressItemByBlock(long block) => GetProgressItem(Owner.Call(h =>
    {
        long index = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_result_find_progress_item_by_block(h, block, (IntPtr)(&index)));
        return index;
    }));

    /// <summary>ProgressItemFromDescription: the item described as <paramref name="description"/> (a file's path).</summary>
    /// <exception cref="ImapiException">InvalidArg when no item has that description.</exception>
    public unsafe ProgressItem FindProgressItemByDescription(string description) => GetProgressItem(Owner.Call(h =>
    {
        long index = 0;
        ImapiException.Check(ImapiNative.imapi_fsimage_result_find_progress_item_by_description(h, description, (IntPtr)(&index)));
        return index;
    }));

    /// <summary>
    /// Writes the image to a file, raising <see cref="Update"/> on this thread.
    /// Cancelling <paramref name="cancellationToken"/> stops it (ImapiException with
    /// RequestCancelled; the partial file is removed). An exception thrown by an Update
    /// handler cancels the write and becomes that ImapiException's InnerException.
    /// </summary>
    /// <exception cref="ImapiException">
    /// OutputWriteFailure; DataStream* codes naming the source file; RequestCancelled. The partial file is removed on error.
    /// </exception>
    public void WriteFile(string path, CancellationToken cancellationToken = default)
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
        Owner.Call(h => ProgressBridge.Run(handler, (fn, user) => ImapiNative.imapi_fsimage_result_write_file(h, path, fn, user)));
    }

    /// <summary>
    /// Writes the image to a file, reporting each progress snapshot to
    /// <paramref name="progress"/> synchronously on this thread (as well as raising
    /// <see cref="Update"/>). Cancellation and handler exceptions as in
    /// <see cref="WriteFile(string, CancellationToken)"/>.
    /// </summary>
    public void WriteFile(string path, IProgress<ImapiProgress>? progress, CancellationToken cancellationToken = default)
    {
        Func<ImapiProgress, bool> handler = p =>
        {
            progress?.Report(p);
            Update?.Invoke(this, p);
            return !cancellationToken.IsCancellationRequested;
        };
        Owner.Call(h => ProgressBridge.Run(handler, (fn, user) => ImapiNative.imapi_fsimage_result_write_file(h, path, fn, user)));
    }

    /// <summary>Starts writing the image to a file on the library's worker threads.</summary>
    public ImapiJob StartWriteFile(string path) =>
        new(Owner.Call(h => HandleOwner.Create(HandleKind.Job, o => ImapiNative.imapi_fsimage_result_write_file_start(h, path, o))));

    /// <summary>
    /// The job form as a Task: the write runs on the library's worker threads and no
    /// .NET thread is held while it runs (see <see cref="ImapiJob.WaitAsync"/>);
    /// <paramref name="progress"/> receives every report the write makes.
    /// </summary>
    public async Task WriteFileAsync(string path, IProgress<ImapiProgress>? progress = null,
                                     CancellationToken cancellationToken = default)
    {
        using var job = StartWriteFile(path);
        await job.WaitAsync(progress, cancellationToken).ConfigureAwait(false);
    }
}
