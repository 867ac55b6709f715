package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

class RelocationTest {
    private static List<String> isoPaths(Path iso) {
        try (ImageReader reader = ImageReader.open(iso.toString())) {
            return reader.list(FsiFileSystems.ISO9660).stream().map(ImageEntry::path).collect(Collectors.toList());
        }
    }

    private static Path master(TestTree tree, String name, boolean relocate) {
        Path iso = tree.out(name);
        try (FileSystemImage image = new FileSystemImage()) {
            image.setFreeMediaBlocks(0);
            image.setRockRidgeRelocation(relocate);
            assertEquals(relocate, image.getRockRidgeRelocation());
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(tree.source, false);
            }
            try (FileSystemImageResult result = image.createResultImage()) {
                result.writeFile(iso.toString());
            }
        }
        return iso;
    }

    /** Deep directories stay in place by default; relocation moves them into RR_MOVED. */
    @Test
    void deepDirectoriesAreRelocatedOnlyWhenAsked() throws Exception {
        try (TestTree tree = new TestTree()) {
            tree.write("d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/bottom.txt", 100, 1);
            try (FileSystemImage image = new FileSystemImage()) {
                assertFalse(image.getRockRidgeRelocation());
            }
            assertFalse(isoPaths(master(tree, "in-place.iso", false)).contains("/RR_MOVED"));
            assertTrue(isoPaths(master(tree, "relocated.iso", true)).contains("/RR_MOVED"));
        }
    }
}
