package org.libimapi;

import java.time.Instant;

/**
 * One entry of an image's tree, named by its file system and path, so that
 * {@link ImageReader#openFile(ImageEntry)} opens this file whatever was listed since;
 * type 1 directory, 2 file, 3 symbolic link; mode -1 when not recorded.
 */
public record ImageEntry(long index, String path, int type, long size, int mode, Instant modified, String target,
                         int fileSystem) {
    public static final int DIRECTORY = 1, FILE = 2, SYMLINK = 3;
}
