package org.libimapi;

import java.time.Instant;

/**
 * One entry of an image's tree as {@link ImageReader#list} returns it. It names its file
 * system and path, so {@link ImageReader#openFile(ImageEntry)} opens this file whatever
 * was listed since.
 *
 * @param index its position in the listing it came from
 * @param path its absolute path in that file system ("/a/b")
 * @param type {@link FsiItemType#DIRECTORY}, {@link FsiItemType#FILE} or {@link FsiItemType#SYMLINK}
 * @param size the file's size in bytes (0 for directories)
 * @param mode POSIX mode bits (Rock Ridge, UDF), or -1 when the file system records none
 * @param modified the modification time
 * @param target a symbolic link's target, or ""
 * @param fileSystem the file system the listing read
 */
public record ImageEntry(long index, String path, FsiItemType type, long size, int mode, Instant modified, String target,
                         FsiFileSystems fileSystem) {}
