package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

/** Entries open the file they name whatever was listed since; each file system's label. */
class ReaderIdentityTest {
    // Joliet sorts UCS-2 (the emoji's surrogates first), UDF by code point.
    private static final String SMALL = "😀.txt";
    private static final String BIG = "ﬀ.bin";

    private static Path makeBridge(TestTree tree) throws Exception {
        tree.write(SMALL, 16, 1);
        tree.write(BIG, 1_200_000, 2);
        tree.write("A/inner.txt", 100, 3);
        try (FileSystemImage image = new FileSystemImage()) {
            image.setFileSystemsToCreate(EnumSet.of(FsiFileSystems.ISO9660, FsiFileSystems.JOLIET, FsiFileSystems.UDF));
            image.setVolumeName("Ünïcödé Tree");
            image.setFreeMediaBlocks(0);
            try (FsiDirectoryItem root = image.getRoot()) { root.addTree(tree.source, false); }
            try (FileSystemImageResult result = image.createResultImage()) {
                result.writeFile(tree.out("bridge.iso").toString());
            }
        }
        return tree.out("bridge.iso");
    }

    @Test
    void entryFromAnEarlierListingOpensItsOwnFile() throws Exception {
        try (TestTree tree = new TestTree(); ImageReader reader = ImageReader.open(makeBridge(tree).toString())) {
            List<ImageEntry> udf = reader.list(FsiFileSystems.UDF);
            ImageEntry first = udf.stream().filter(e -> e.type() == FsiItemType.FILE).findFirst().orElseThrow();
            List<ImageEntry> joliet = reader.list(FsiFileSystems.JOLIET);
            assertNotEquals(first.path(), joliet.get((int) first.index()).path(), "the listings must differ for this test");
            byte[] got;
            try (ImapiStream s = reader.openFile(first)) { got = s.readAllBytes(); }
            assertArrayEquals(Files.readAllBytes(tree.source.resolve(first.path().substring(1))), got);
            assertEquals(FsiFileSystems.UDF, first.fileSystem());
            ImapiException e = assertThrows(ImapiException.class, () -> reader.openFile(FsiFileSystems.JOLIET, "/missing.txt"));
            assertEquals(ImapiStatus.E_ITEM_NOT_FOUND, e.getStatus());
            assertTrue(e.getMessage().contains("Joliet"), e.getMessage());
        }
    }

    @Test
    void eachFileSystemsVolumeLabel() throws Exception {
        try (TestTree tree = new TestTree(); ImageReader reader = ImageReader.open(makeBridge(tree).toString())) {
            assertEquals("Ünïcödé Tree", reader.getVolumeName(FsiFileSystems.JOLIET));
            assertEquals("Ünïcödé Tree", reader.getVolumeName(FsiFileSystems.UDF));
            assertEquals(reader.getVolumeName(), reader.getVolumeName(FsiFileSystems.ISO9660));
            assertNotEquals("Ünïcödé Tree", reader.getVolumeName());
            ImapiException e = assertThrows(ImapiException.class, () -> reader.getVolumeName(FsiFileSystems.ROCK_RIDGE));
            assertEquals(ImapiStatus.E_FILE_SYSTEM_NOT_FOUND, e.getStatus());
        }
    }
}
