package org.libimapi;

/** IMAPI2FS's IFsiFileItem: a file of an image's tree. Every method throws {@link ImapiException}. */
public final class FsiFileItem extends FsiItem {
    FsiFileItem(long raw) { super(raw, "FsiFileItem"); }

    /**
     * DataSize.
     *
     * @return the file's size in bytes
     */
    public long getDataSize() { return int64(ImapiNative::imapi_fsitem_get_data_size); }

    /**
     * Data.
     *
     * @return a new stream over the file's data, at 0 (close it when done)
     */
    public ImapiStream getData() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_fsitem_get_data(h, o))));
    }

    /**
     * Data: replaces the file's data (the stream is shared and may be closed at once).
     *
     * @param data the new data
     * @throws ImapiException {@link ImapiStatus#E_IMAGE_SIZE_LIMIT} past FreeMediaBlocks
     */
    public void setData(ImapiStream data) {
        long s = NativeHandle.raw(data == null ? null : data.handle);
        check(h -> ImapiNative.imapi_fsitem_set_data(h, s));
    }
}
