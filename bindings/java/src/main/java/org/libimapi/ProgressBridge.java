package org.libimapi;

/**
 * Runs a blocking call with a listener called on this thread. A Throwable from
 * the listener never crosses the native frames: it cancels the call and becomes
 * the cause of an ImapiException(E_REQUEST_CANCELLED).
 */
final class ProgressBridge implements NativeProgressCallback {
    private final ProgressListener listener;
    private Throwable error;

    private ProgressBridge(ProgressListener listener) { this.listener = listener; }

    @Override
    public int onProgress(int operation, byte[] item, long done, long total, long elapsedMs) {
        try {
            return listener.onProgress(new Progress(ImapiOperation.of(operation), Utf8.decode(item), done, total, elapsedMs)) ? 0 : 1;
        } catch (Throwable t) {
            error = t;
            return 1;
        }
    }

    interface Blocking {
        int run(NativeProgressCallback callback);
    }

    static void run(ProgressListener listener, Blocking call) {
        ProgressBridge bridge = listener == null ? null : new ProgressBridge(listener);
        int status = call.run(bridge);
        if (bridge != null && bridge.error != null)
            throw new ImapiException(ImapiStatus.E_REQUEST_CANCELLED,
                    "the progress listener threw, so the operation was cancelled: " + bridge.error, bridge.error);
        ImapiException.check(status);
    }
}
