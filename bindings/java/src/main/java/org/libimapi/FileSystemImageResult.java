package org.libimapi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** IMAPI2FS's IFileSystemImageResult: a laid-out, frozen image to read or write. */
public final class FileSystemImageResult extends NativeHandle {
    FileSystemImageResult(long raw) { super(raw, ImapiNative::imapi_fsimage_result_free, "FileSystemImageResult"); }

    /** A new stream over the whole image, at 0. */
    public ImapiStream getImageStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_fsimage_result_get_image_stream(h, o))));
    }

    public long getTotalBlocks() {
        long[] v = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_total_blocks(h, v));
        return v[0];
    }

    public int getBlockSize() {
        int[] v = new int[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_block_size(h, v));
        return v[0];
    }

    public String getDiscId() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_disc_id(h, s));
        return s[0];
    }

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

    public List<ProgressItem> getProgressItems() {
        long[] n = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_get_progress_item_count(h, n));
        List<ProgressItem> items = new ArrayList<>();
        for (long i = 0; i < n[0]; i++) items.add(getProgressItem(i));
        return items;
    }

    /** ProgressItemFromBlock. */
    public ProgressItem findProgressItemByBlock(long block) {
        long[] i = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_find_progress_item_by_block(h, block, i));
        return getProgressItem(i[0]);
    }

    public ProgressItem findProgressItemByDescription(String description) {
        long[] i = new long[1];
        check(h -> ImapiNative.imapi_fsimage_result_find_progress_item_by_description(h, description, i));
        return getProgressItem(i[0]);
    }

    /** Writes the image to a file. */
    public void writeFile(String path) { writeFile(path, null); }

    /**
     * Writes the image to a file, calling {@code listener} on this thread; false
     * cancels (E_REQUEST_CANCELLED, partial file removed). A Throwable from the
     * listener cancels too and becomes the ImapiException's cause.
     */
    public void writeFile(String path, ProgressListener listener) {
        call(h -> {
            ProgressBridge.run(listener, cb -> ImapiNative.imapi_fsimage_result_write_file(h, path, cb));
            return null;
        });
    }

    /** Starts writing on the library's worker threads. */
    public ImapiJob startWriteFile(String path) {
        return new ImapiJob(call(h -> create(o -> ImapiNative.imapi_fsimage_result_write_file_start(h, path, o))));
    }

    /** The job form as a future (see {@link ImapiJob#toFuture}); cancelling the future cancels the write. */
    public CompletableFuture<Void> writeFileAsync(String path, ProgressListener listener) {
        ImapiJob job = startWriteFile(path);
        CompletableFuture<Void> f = job.toFuture(listener);
        f.whenComplete((v, e) -> job.close());
        return f;
    }
}
