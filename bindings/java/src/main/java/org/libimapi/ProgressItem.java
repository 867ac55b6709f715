package org.libimapi;

/** One file's (or metadata area's) block range (IMAPI2FS's IProgressItem). */
public record ProgressItem(long index, String description, long firstBlock, long lastBlock, long blockCount) {}
