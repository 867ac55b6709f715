package org.libimapi;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** IMAPI2FS's IFsiDirectoryItem. */
public final class FsiDirectoryItem extends FsiItem {
    FsiDirectoryItem(long raw) { super(raw, "FsiDirectoryItem"); }

    /** The number of direct children. */
    public long getCount() { return int64(ImapiNative::imapi_fsitem_get_count); }

    /** The index-th child in name order. */
    public FsiItem getChild(long index) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsitem_get_child(h, index, o))));
    }

    /** The direct children in name order (close them when done). */
    public List<FsiItem> getChildren() {
        long n = getCount();
        List<FsiItem> items = new ArrayList<>();
        for (long i = 0; i < n; i++) items.add(getChild(i));
        return items;
    }

    /** A descendant by relative path ("a/b"). */
    public FsiItem getItem(String relativePath) {
        return FsiItem.wrap(call(h -> create(o -> ImapiNative.imapi_fsitem_get_item(h, relativePath, o))));
    }

    public void addDirectory(String relativePath) { check(h -> ImapiNative.imapi_fsitem_add_directory(h, relativePath)); }

    /** A file whose data is {@code data} (shared; read when the image is). */
    public void addFile(String relativePath, ImapiStream data) {
        long s = NativeHandle.raw(data == null ? null : data.handle);
        check(h -> ImapiNative.imapi_fsitem_add_file(h, relativePath, s));
    }

    /** A file read from {@code source} when the image is written. */
    public void addFile(String relativePath, Path source) {
        String src = source == null ? null : source.toString();
        check(h -> ImapiNative.imapi_fsitem_add_file_from_path(h, relativePath, src));
    }

    public void addSymbolicLink(String relativePath, String target) {
        check(h -> ImapiNative.imapi_fsitem_add_symlink(h, relativePath, target));
    }

    /** AddTree: a host directory, recursively; rolled back whole on failure. */
    public void addTree(Path sourceDirectory, boolean includeBaseDirectory) {
        String src = sourceDirectory == null ? null : sourceDirectory.toString();
        check(h -> ImapiNative.imapi_fsitem_add_tree(h, src, includeBaseDirectory ? 1 : 0));
    }

    /** Places a detached item (createFileItem / createDirectoryItem) here. */
    public void add(FsiItem item) {
        long i = NativeHandle.raw(item);
        check(h -> ImapiNative.imapi_fsitem_add(h, i));
    }

    public void remove(String relativePath) { check(h -> ImapiNative.imapi_fsitem_remove(h, relativePath)); }
    public void removeTree(String relativePath) { check(h -> ImapiNative.imapi_fsitem_remove_tree(h, relativePath)); }
}
