package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

class ExtractLimitTest {
    /** The default limit is 16 times the image plus 1 GiB; it can be lifted and restored. */
    @Test
    void extractLimitDefaultsLiftsAndRestores() throws Exception {
        try (TestTree tree = new TestTree()) {
            tree.write("f.bin", 1000, 1);
            Path iso = tree.out("limit.iso");
            try (FileSystemImage image = new FileSystemImage()) {
                image.setFreeMediaBlocks(0);
                try (FsiDirectoryItem root = image.getRoot()) { root.addTree(tree.source, false); }
                try (FileSystemImageResult result = image.createResultImage()) { result.writeFile(iso.toString()); }
            }
            long expected = Files.size(iso) * 16 + (1L << 30);
            try (ImageReader reader = ImageReader.open(iso.toString())) {
                assertEquals(expected, reader.getExtractLimit());
                reader.setExtractLimit(-1);
                assertEquals(-1, reader.getExtractLimit());
                reader.setExtractLimit(0);
                assertEquals(expected, reader.getExtractLimit());
            }
        }
    }
}
