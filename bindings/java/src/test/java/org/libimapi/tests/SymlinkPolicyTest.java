package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

class SymlinkPolicyTest {
    private static FileSystemImage addTreeWith(TestTree tree, SymlinkPolicy policy) {
        FileSystemImage image = new FileSystemImage();
        image.setFreeMediaBlocks(0);
        image.setSymlinkPolicy(policy);
        assertEquals(policy, image.getSymlinkPolicy());
        try (FsiDirectoryItem root = image.getRoot()) {
            root.addTree(tree.source, false);
        }
        return image;
    }

    /** Follow adds the target's bytes under the link's name; skip leaves the link out. */
    @Test
    void followAddsTheTargetAndSkipLeavesTheLinkOut() throws Exception {
        try (TestTree tree = new TestTree()) {
            Path target = tree.write("data.bin", 3000, 7);
            Files.createSymbolicLink(tree.source.resolve("link.bin"), Path.of("data.bin"));
            try (FileSystemImage image = new FileSystemImage()) {
                assertEquals(SymlinkPolicy.RECORD, image.getSymlinkPolicy());
                ImapiException e = assertThrows(ImapiException.class, () -> image.setSymlinkPolicy(null));
                assertEquals(ImapiStatus.E_POINTER, e.getStatus());
            }
            try (FileSystemImage image = addTreeWith(tree, SymlinkPolicy.FOLLOW)) {
                assertEquals(FsiItemType.FILE, image.exists("/link.bin"));
                try (FsiFileItem item = (FsiFileItem) image.getItem("/link.bin"); ImapiStream data = item.getData()) {
                    ByteArrayOutputStream copy = new ByteArrayOutputStream();
                    data.transferTo(copy);
                    assertArrayEquals(Files.readAllBytes(target), copy.toByteArray());
                }
            }
            try (FileSystemImage image = addTreeWith(tree, SymlinkPolicy.SKIP)) {
                assertEquals(FsiItemType.NOT_FOUND, image.exists("/link.bin"));
                assertEquals(FsiItemType.FILE, image.exists("/data.bin"));
            }
            try (FileSystemImage image = addTreeWith(tree, SymlinkPolicy.RECORD)) {
                assertEquals(FsiItemType.SYMLINK, image.exists("/link.bin"));
            }
        }
    }
}
