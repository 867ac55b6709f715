package org.libimapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * IMAPI2FS's IFileSystemImageResult: a laid-out, frozen image to write to a file or burn
 * ({@link #getImageStream}). File data is read only when the image is. An AutoCloseable;
 * streams and jobs made from it keep what they need after {@link #close}. Calls are
 * serialized per object; every method throws {@link ImapiException}.
 */
public final class FileSystemImageResult extends NativeHandle {
    FileSystemImageResult(long raw) { super(raw, ImapiNative::imapi_fsimage_result_free, "FileSystemImageResult"); }

    /**
     * ImageStream: the whole image as a stream (for {@link DiscFormat2Data#write}).
     *
     * @return a new read-only stream, at 0 (close it when done)
     */
    public ImapiStream getImageStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_fsimage_result_get_image_stream(h, o))));
    }

    /**
     * TotalBlocks.
     *
     * @return the image's size in blocks
     */
    public long getTotalBlocks() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_total_blocks(h, v));
        return v[0];
    }

    /**
     * BlockSize.
     *
     * @return 2048
     */
    public int getBlockSize() {
        int[] v = new int[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_block_size(h, v));
        return v[0];
    }

    /**
     * DiscId.
     *
     * @return a string identifying this image's content (a hex digest of its metadata)
     */
    public String getDiscId() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_disc_id(h, s));
        return s[0];
    }

    /**
     * ProgressItems.Item: one file's or metadata area's block range.
     *
     * @param index 0 to the item count - 1
     * @return the item
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for an index out of range
     */
    public ProgressItem getProgressItem(long index) {
        return call(h -> {
            imapi_progress_item p = new imapi_progress_item();
            try {
                ImapiException.check(ImapiNative.imapi_fsimage_result_get_progress_item(h, index, p));
                return new ProgressItem(index, p.getDescription(), p.getFirst_block(), p.getLast_block(), p.getBlock_count());
            } finally {
                p.delete();
            }
        });
    }

    /**
     * ProgressItems.
     *
     * @return every item: the metadata first, then the files in block order
     */
    public List<ProgressItem> getProgressItems() {
        long[] n = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_progress_item_count(h, n));
        List<ProgressItem> items = new ArrayList<>();
        for (long i = 0; i < n[0]; i++) items.add(getProgressItem(i));
        return items;
    }

    /**
     * ProgressItemFromBlock.
     *
     * @param block a block of the image
     * @return the item that block belongs to
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND} when no item occupies it
     */
    public ProgressItem findProgressItemByBlock(long block) {
        long[] i = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_find_progress_item_by_block(h, block, i));
        return getProgressItem(i[0]);
    }

    /**
     * ProgressItemFromDescription.
     *
     * @param description an image path or a metadata label
     * @return the item of that description
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND} when there is none
     */
    public ProgressItem findProgressItemByDescription(String description) {
        long[] i = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_find_progress_item_by_description(h, description, i));
        return getProgressItem(i[0]);
    }

    /**
     * Writes the image to a file, blocking.
     *
     * @param path the file (created or truncated)
     * @throws ImapiException as {@link #writeFile(String, ProgressListener)}
     */
    public void writeFile(String path) { writeFile(path, null); }

    /**
     * Writes the image to a file, blocking, reporting sectors ({@link ImapiOperation#IMAGE_WRITE})
     * to {@code listener} on this thread. On error the partial file is removed.
     *
     * @param path the file (created or truncated)
     * @param listener called with each report (may be null); false cancels
     * @throws ImapiException {@link ImapiStatus#E_OUTPUT_WRITE_FAILURE}, {@link ImapiStatus#E_DATA_STREAM_READ_FAILURE}
     *         and the other E_DATA_STREAM_* codes naming the source, {@link ImapiStatus#E_REQUEST_CANCELLED}
     *         (with the listener's exception as its cause if it threw)
     */
    public void writeFile(String path, ProgressListener listener) {
        call(h -> {
            ProgressBridge.run(listener, cb -> ImapiNative.imapi_fsimage_result_write_file(h, path, cb));
            return null;
        });
    }

    /**
     * The job form of {@link #writeFile(String)}: the write runs on the library's worker threads.
     *
     * @param path the file (created or truncated)
     * @return the running job (close it when done; closing a running job cancels it)
     */
    public ImapiJob startWriteFile(String path) {
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_fsimage_result_write_file_start(h, path, o))));
    }

    /**
     * Writes the image to a file on the library's threads, parking no thread of the caller's
     * (see {@link ImapiJob#toFuture}); the job is closed when the future completes.
     *
     * @param path the file (created or truncated)
     * @param listener called with each report the job makes (may be null); false cancels
     * @return a future completed when the file is written, exceptionally with the ImapiException
     *         of a failure; cancelling it cancels the write
     */
    public CompletableFuture<Void> writeFileAsync(String path, ProgressListener listener) {
        ImapiJob job = startWriteFile(path);
        CompletableFuture<Void> f = job.toFuture(listener);
        f.whenComplete((v, e) -> job.close());
        return f;
    }
}
