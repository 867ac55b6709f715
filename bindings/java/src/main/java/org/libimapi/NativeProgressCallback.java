package org.libimapi;

/** What the JNI layer calls, on the calling thread, during a blocking operation. */
interface NativeProgressCallback {
    /** Returns 0 to continue, non-zero to cancel. */
    int onProgress(int operation, byte[] currentItem, long done, long total, long elapsedMs);
}
