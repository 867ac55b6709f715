package org.libimapi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * IMAPI2FS's IFsiDirectoryItem: a directory of an image's tree. Paths are relative to this
 * directory ("a/b"); an intermediate directory must exist. Closing it releases the handle,
 * not the directory. Every method throws {@link ImapiException}.
 */
public final class FsiDirectoryItem extends FsiItem {
    FsiDirectoryItem(long raw) { super(raw, "FsiDirectoryItem"); }

    /**
     * Count.
     *
     * @return the number of direct children
     */
    public long getCount() { return int64(ImapiNative::imapi_fsitem_get_count); }

    /**
     * A child by position.
     *
     * @param index 0 to {@link #getCount} - 1, in name order (byte order of the UTF-8 names)
     * @return a new item object of the child's class (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for an index out of range
     */
    public FsiItem getChild(long index) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsitem_get_child(h, index, o))));
    }

    /**
     * The direct children.
     *
     * @return new item objects in name order (close each when done)
     */
    public List<FsiItem> getChildren() {
        long n = getCount();
        List<FsiItem> items = new ArrayList<>();
        for (long i = 0; i < n; i++) items.add(getChild(i));
        return items;
    }

    /**
     * Item: a descendant by relative path.
     *
     * @param relativePath "a/b"
     * @return a new item object of the item's class (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND} if there is none
     */
    public FsiItem getItem(String relativePath) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsitem_get_item(h, relativePath, o))));
    }

    /**
     * AddDirectory: creates a directory.
     *
     * @param relativePath its path; its parent must exist
     * @throws ImapiException {@link ImapiStatus#E_DUP_NAME} when the name exists,
     *         {@link ImapiStatus#E_IMAGE_SIZE_LIMIT} past FreeMediaBlocks
     */
    public void addDirectory(String relativePath) { check(h -> ImapiNative.imapi_fsitem_add_directory(h, relativePath)); }

    /**
     * AddFile: a file whose data is a stream (shared, read when the image is written; the
     * stream may be closed at once).
     *
     * @param relativePath its path
     * @param data its data
     * @throws ImapiException {@link ImapiStatus#E_DUP_NAME}, {@link ImapiStatus#E_IMAGE_SIZE_LIMIT}
     */
    public void addFile(String relativePath, ImapiStream data) {
        long s = NativeHandle.raw(data == null ? null : data.handle);
        check(h -> ImapiNative.imapi_fsitem_add_file(h, relativePath, s));
    }

    /**
     * Extension: a file whose data is read from a host file when the image is written (it must keep its size).
     *
     * @param relativePath its path in the image
     * @param source the host file
     * @throws ImapiException {@link ImapiStatus#E_DATA_STREAM_CREATE_FAILURE} when it cannot be opened,
     *         {@link ImapiStatus#E_DUP_NAME}, {@link ImapiStatus#E_IMAGE_SIZE_LIMIT}
     */
    public void addFile(String relativePath, Path source) {
        String src = source == null ? null : source.toString();
        check(h -> ImapiNative.imapi_fsitem_add_file_from_path(h, relativePath, src));
    }

    /**
     * Extension: a symbolic link (recorded by Rock Ridge and UDF; absent from Joliet).
     *
     * @param relativePath its path
     * @param target what it points to, as recorded
     * @throws ImapiException {@link ImapiStatus#E_DUP_NAME}
     */
    public void addSymbolicLink(String relativePath, String target) {
        check(h -> ImapiNative.imapi_fsitem_add_symlink(h, relativePath, target));
    }

    /**
     * AddTree: a host directory, recursively (files, directories, symbolic links; sockets, FIFOs
     * and devices are skipped). Items that exist already are replaced by the source; on failure
     * the image is rolled back to its state before the call.
     *
     * @param sourceDirectory the host directory
     * @param includeBaseDirectory true: the directory itself becomes a child; false: its contents do
     * @throws ImapiException {@link ImapiStatus#E_DIRECTORY_READ_FAILURE},
     *         {@link ImapiStatus#E_DATA_STREAM_CREATE_FAILURE}, {@link ImapiStatus#E_INVALID_PATH}
     *         (a host name that is not UTF-8), {@link ImapiStatus#E_IMAGE_SIZE_LIMIT}
     */
    public void addTree(Path sourceDirectory, boolean includeBaseDirectory) {
        String src = sourceDirectory == null ? null : sourceDirectory.toString();
        check(h -> ImapiNative.imapi_fsitem_add_tree(h, src, includeBaseDirectory ? 1 : 0));
    }

    /**
     * Add: places a detached item ({@link FileSystemImage#createFileItem},
     * {@link FileSystemImage#createDirectoryItem}) in this directory.
     *
     * @param item the detached item
     * @throws ImapiException {@link ImapiStatus#E_DUP_NAME}
     */
    public void add(FsiItem item) {
        long i = NativeHandle.raw(item);
        check(h -> ImapiNative.imapi_fsitem_add(h, i));
    }

    /**
     * Remove: a file or an empty directory.
     *
     * @param relativePath its path
     * @throws ImapiException {@link ImapiStatus#E_DIR_NOT_EMPTY}, {@link ImapiStatus#E_ITEM_NOT_FOUND}
     */
    public void remove(String relativePath) { check(h -> ImapiNative.imapi_fsitem_remove(h, relativePath)); }

    /**
     * RemoveTree: a directory and everything below it.
     *
     * @param relativePath its path
     * @throws ImapiException {@link ImapiStatus#E_ITEM_NOT_FOUND}
     */
    public void removeTree(String relativePath) { check(h -> ImapiNative.imapi_fsitem_remove_tree(h, relativePath)); }
}
