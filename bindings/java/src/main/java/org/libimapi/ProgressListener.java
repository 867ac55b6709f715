package org.libimapi;

/** Receives progress; return false to cancel the operation. */
@FunctionalInterface
public interface ProgressListener {
    boolean onProgress(Progress progress);
}
