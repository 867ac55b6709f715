package org.libimapi;

/** Receives a burn's Update events; return false to cancel the write. */
@FunctionalInterface
public interface BurnProgressListener {
    boolean onUpdate(BurnProgress progress);
}
