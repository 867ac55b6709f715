package org.libimapi;

/** A progress snapshot: operation 1 (image write) counts sectors, 2 (extract) bytes. */
public record Progress(int operation, String currentItem, long done, long total, long elapsedMs) {
    public static final int OPERATION_NONE = 0;
    public static final int OPERATION_IMAGE_WRITE = 1;
    public static final int OPERATION_EXTRACT = 2;

    static Progress of(imapi_progress p) {
        return new Progress(p.getOperation(), p.getCurrent_item(), p.getDone(), p.getTotal(), p.getElapsed_ms());
    }
}
