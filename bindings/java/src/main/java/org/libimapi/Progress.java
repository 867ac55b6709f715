package org.libimapi;

/**
 * A progress report of an image write or an extraction (imapi_progress): handed to a
 * {@link ProgressListener}, or read with {@link ImapiJob#getProgress}.
 *
 * @param operation what is counted: {@link ImapiOperation#IMAGE_WRITE} and {@link ImapiOperation#BURN}
 *                  count 2048-byte sectors, {@link ImapiOperation#EXTRACT} bytes
 * @param currentItem the image path being processed, or ""
 * @param done units done so far
 * @param total units in all
 * @param elapsedMs milliseconds since the operation started
 */
public record Progress(ImapiOperation operation, String currentItem, long done, long total, long elapsedMs) {
    static Progress of(imapi_progress p) {
        return new Progress(ImapiOperation.of(p.getOperation()), p.getCurrent_item(), p.getDone(), p.getTotal(), p.getElapsed_ms());
    }
}
