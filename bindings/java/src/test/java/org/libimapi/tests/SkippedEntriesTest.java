package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

class SkippedEntriesTest {
    /** A FIFO and a link under SymlinkPolicy.SKIP are left out, and the image says so. */
    @Test
    void addTreeRecordsTheFifoAndTheSkippedLink() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage()) {
            tree.write("data.bin", 100, 1);
            Path pipe = tree.source.resolve("pipe");
            assertEquals(0, new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor());
            Files.createSymbolicLink(tree.source.resolve("link"), Path.of("data.bin"));
            image.setFreeMediaBlocks(0);
            image.setSymlinkPolicy(SymlinkPolicy.SKIP);
            assertEquals(List.of(), image.getSkippedEntries());
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(tree.source, false);
            }
            assertEquals(List.of(new SkippedEntry(tree.source.resolve("link").toString(), SkipReason.SYMLINK),
                                 new SkippedEntry(pipe.toString(), SkipReason.FIFO)),
                         image.getSkippedEntries());
            assertEquals(2, image.getSkippedCount(null));
            assertEquals(1, image.getSkippedCount(SkipReason.FIFO));
            assertEquals(0, image.getSkippedCount(SkipReason.SOCKET));
            assertEquals(FsiItemType.NOT_FOUND, image.exists("/pipe"));
            assertEquals(FsiItemType.FILE, image.exists("/data.bin"));
        }
    }
}
