package org.libimapi;

/** IMAPI2's IIsoImageManager: checks an ISO image given by path or stream. */
public final class IsoImageManager extends NativeHandle {
    public IsoImageManager() {
        super(create(ImapiNative::imapi_iso_image_manager_create), ImapiNative::imapi_iso_image_manager_free, "IsoImageManager");
    }

    /** Opens the image file now. */
    public void setPath(String path) { check(h -> ImapiNative.imapi_iso_image_manager_set_path(h, path)); }

    /** "" when a stream was set. */
    public String getPath() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_iso_image_manager_get_path(h, s));
        return s[0];
    }

    public void setStream(ImapiStream stream) {
        long s = NativeHandle.raw(stream == null ? null : stream.handle);
        check(h -> ImapiNative.imapi_iso_image_manager_set_stream(h, s));
    }

    /** The image as a new stream. */
    public ImapiStream getStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_iso_image_manager_get_stream(h, o))));
    }

    /** Alignment, size, a valid volume descriptor, readable directory trees. */
    public void validate() { check(ImapiNative::imapi_iso_image_manager_validate); }
}
