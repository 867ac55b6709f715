package org.libimapi;

/**
 * One file's (or metadata area's) block range in a laid-out image (IMAPI2FS's IProgressItem),
 * from {@link FileSystemImageResult#getProgressItems}.
 *
 * @param index the item's position among the result's progress items
 * @param description the image path of the file, or a name for a metadata area
 * @param firstBlock its first 2048-byte block
 * @param lastBlock its last block
 * @param blockCount the blocks it occupies
 */
public record ProgressItem(long index, String description, long firstBlock, long lastBlock, long blockCount) {}
