package org.libimapi;

/** What the JNI layer calls, on the calling thread, with a burn's Update event (the struct's address, valid during the call). */
interface NativeBurnProgressCallback {
    /** Returns 0 to continue, non-zero to cancel. */
    int onUpdate(long progress);
}
