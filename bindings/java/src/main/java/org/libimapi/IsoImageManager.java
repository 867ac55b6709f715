package org.libimapi;

/**
 * IMAPI2's IIsoImageManager (MsftIsoImageManager): checks an ISO image given by path or
 * stream. An AutoCloseable; calls are serialized per object; every method throws
 * {@link ImapiException}.
 */
public final class IsoImageManager extends NativeHandle {
    /** A manager with neither path nor stream set. */
    public IsoImageManager() {
        super(create(ImapiNative::imapi_iso_image_manager_create), ImapiNative::imapi_iso_image_manager_free, "IsoImageManager");
    }

    /**
     * SetPath: opens the image file now; replaces any stream.
     *
     * @param path the image file
     * @throws ImapiException {@link ImapiStatus#E_IMPORT_READ_FAILURE} when it cannot be opened
     */
    public void setPath(String path) { check(h -> ImapiNative.imapi_iso_image_manager_set_path(h, path)); }

    /**
     * Path.
     *
     * @return the path set, or "" when a stream was set
     * @throws ImapiException {@link ImapiStatus#E_IMAGEMANAGER_NO_IMAGE} when neither was
     */
    public String getPath() {
        String[] s = new String[1];
        check(h -> ImapiNative.imapi_iso_image_manager_get_path(h, s));
        return s[0];
    }

    /**
     * SetStream: checks this stream (shared; it may be closed at once); the path becomes "".
     *
     * @param stream the image
     */
    public void setStream(ImapiStream stream) {
        long s = NativeHandle.raw(stream == null ? null : stream.handle);
        check(h -> ImapiNative.imapi_iso_image_manager_set_stream(h, s));
    }

    /**
     * Stream.
     *
     * @return a new stream over the image (close it when done)
     * @throws ImapiException {@link ImapiStatus#E_IMAGEMANAGER_NO_IMAGE} when neither path nor stream was set
     */
    public ImapiStream getStream() {
        return new ImapiStream(call(h -> create(o -> ImapiNative.imapi_iso_image_manager_get_stream(h, o))));
    }

    /**
     * Validate: the size is a whole number of 2048-byte blocks, at most 2^31-1 of them, there is a
     * valid primary volume descriptor and (beyond IMAPI) every directory hierarchy reads without error.
     *
     * @throws ImapiException {@link ImapiStatus#E_IMAGEMANAGER_IMAGE_NOT_ALIGNED},
     *         {@link ImapiStatus#E_IMAGEMANAGER_IMAGE_TOO_BIG}, {@link ImapiStatus#E_IMAGEMANAGER_NO_VALID_VD_FOUND},
     *         {@link ImapiStatus#E_FILE_SYSTEM_READ_CONSISTENCY_ERROR} (naming the block: {@link ImapiException#getLba}),
     *         {@link ImapiStatus#E_IMAGEMANAGER_NO_IMAGE}
     */
    public void validate() { check(ImapiNative::imapi_iso_image_manager_validate); }
}
