package org.libimapi;

/**
 * One host entry {@link FsiDirectoryItem#addTree(java.nio.file.Path, boolean) addTree} left out,
 * from {@link FileSystemImage#getSkippedEntries()}.
 *
 * @param hostPath the source directory given to addTree, '/', and the path below it
 * @param reason why it was left out
 */
public record SkippedEntry(String hostPath, SkipReason reason) {}
