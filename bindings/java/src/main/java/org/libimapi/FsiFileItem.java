package org.libimapi;

/** IMAPI2FS's IFsiFileItem. */
public final class FsiFileItem extends FsiItem {
    FsiFileItem(long raw) { super(raw, "FsiFileItem"); }

    public long getDataSize() { return int64(ImapiNative::imapi_fsitem_get_data_size); }

    /** A new stream over the file's data. */
    public ImapiStream getData() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_fsitem_get_data(h, o))));
    }

    public void setData(ImapiStream data) {
        long s = NativeHandle.raw(data == null ? null : data.handle);
        check(h -> ImapiNative.imapi_fsitem_set_data(h, s));
    }
}
