package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

class ImageTest {
    /** A source backed by a byte array, pulled by the library (from its worker threads in the job form). */
    static final class ArraySource implements ImapiStreamSource {
        private final byte[] data;
        private int pos;

        ArraySource(byte[] data) { this.data = data; }

        @Override
        public int read(ByteBuffer dst) {
            int n = Math.min(dst.remaining(), data.length - pos);
            dst.put(data, pos, n);
            pos += n;
            return n;
        }

        @Override
        public long seek(long offset, int whence) {
            long base = whence == 0 ? 0 : whence == 1 ? pos : data.length;
            pos = (int) (base + offset);
            return pos;
        }

        @Override
        public long size() { return data.length; }
    }

    static byte[] sha256(byte[] b) throws Exception { return MessageDigest.getInstance("SHA-256").digest(b); }

    @Test
    void unicodeTreeIsReadBackByIndependentReaders() throws Exception {
        try (TestTree tree = new TestTree()) {
            tree.write("Кириллица/документ.txt", 5000, 1);
            Path cjk = tree.write("中文目录/文件.dat", 70000, 2);
            Path emoji = tree.write("emoji 😀🎉.bin", 4096 * 3 + 7, 3);
            Path mem = tree.write("mémoire/ünïcödé.txt", 1234, 4);
            Path src = tree.write("source/🚀 rocket.bin", 200000, 5);

            try (FileSystemImage image = new FileSystemImage()) {
                image.setFreeMediaBlocks(0);
                image.setVolumeName("Тест 中文");
                assertEquals(EnumSet.of(FsiFileSystems.ISO9660, FsiFileSystems.JOLIET, FsiFileSystems.ROCK_RIDGE), image.getFileSystemsToCreate());
                try (FsiDirectoryItem root = image.getRoot()) {
                    root.addTree(tree.source.resolve("Кириллица"), true);
                    root.addDirectory("中文目录");
                    root.addFile("中文目录/文件.dat", cjk);
                    try (ImapiStream s = ImapiStream.fromFile(emoji)) { root.addFile("emoji 😀🎉.bin", s); }
                    root.addDirectory("mémoire");
                    try (ImapiStream s = ImapiStream.fromBytes(Files.readAllBytes(mem))) { root.addFile("mémoire/ünïcödé.txt", s); }
                    root.addDirectory("source");
                    try (ImapiStream s = ImapiStream.fromSource(new ArraySource(Files.readAllBytes(src)))) { root.addFile("source/🚀 rocket.bin", s); }

                    List<String> names = new ArrayList<>();
                    for (FsiItem c : root.getChildren()) try (c) { names.add(c.getName()); }
                    assertEquals(5, names.size());
                    assertTrue(names.contains("emoji 😀🎉.bin"));
                }
                assertEquals(5, image.getFileCount());
                assertEquals(FsiItemType.FILE, image.exists("/中文目录/文件.dat"));
                assertEquals(FsiItemType.NOT_FOUND, image.exists("/nothing"));
                try (FsiItem doc = image.getItem("/Кириллица/документ.txt")) {
                    assertInstanceOf(FsiFileItem.class, doc);
                    assertEquals("документ.txt", doc.getName());
                    assertEquals("/Кириллица/документ.txt", doc.getFullPath());
                }
                Path iso = tree.out("unicode.iso");
                List<Progress> updates = new ArrayList<>();
                try (FileSystemImageResult result = image.createResultImage()) {
                    result.writeFile(iso.toString(), p -> updates.add(p));
                    assertFalse(updates.isEmpty());
                    assertEquals(result.getTotalBlocks(), updates.get(updates.size() - 1).done());
                    assertEquals(2048, result.getBlockSize());
                    TestTree.checkWithIndependentReaders(iso, tree.source);
                    try (ImapiStream s = result.getImageStream()) {
                        assertArrayEquals(sha256(Files.readAllBytes(iso)), sha256(s.readAllBytes()));
                    }
                }
                try (ImageReader reader = ImageReader.open(iso.toString())) {
                    assertTrue(reader.getFileSystems().contains(FsiFileSystems.ROCK_RIDGE));
                    ImageEntry rocket = reader.list(FsiFileSystems.ROCK_RIDGE).stream()
                            .filter(e -> e.path().equals("/source/🚀 rocket.bin")).findFirst().orElseThrow();
                    assertEquals(FsiItemType.FILE, rocket.type());
                    try (ImapiStream s = reader.openFile(rocket.index())) {
                        ByteBuffer direct = ByteBuffer.allocateDirect(300000);
                        while (s.read(direct) > 0) { }
                        direct.flip();
                        byte[] got = new byte[direct.remaining()];
                        direct.get(got);
                        assertArrayEquals(Files.readAllBytes(src), got);
                    }
                }
            }
        }
    }

    @Test
    void propertiesRoundTrip() {
        try (FileSystemImage image = new FileSystemImage()) {
            assertTrue(image.getFileSystemsSupported().contains(FsiFileSystems.ISO9660));
            image.setISO9660InterchangeLevel(3);
            assertEquals(3, image.getISO9660InterchangeLevel());
            assertTrue(Arrays.stream(image.getISO9660InterchangeLevelsSupported()).anyMatch(l -> l == 3));
            image.setStrictFileSystemCompliance(true);
            assertTrue(image.getStrictFileSystemCompliance());
            image.setUseRestrictedCharacterSet(true);
            assertTrue(image.getUseRestrictedCharacterSet());
            assertEquals(List.of(UdfRevision.values()), image.getUDFRevisionsSupported());
            image.setUDFRevision(UdfRevision.UDF_2_50);
            assertEquals(UdfRevision.UDF_2_50, image.getUDFRevision());
            assertEquals(0x250, image.getUDFRevision().value());
            assertTrue(image.getCreateRedundantUdfMetadataFiles());
            image.setCreateRedundantUdfMetadataFiles(false);
            assertFalse(image.getCreateRedundantUdfMetadataFiles());
            assertEquals(FsiFileSystems.UDF,
                         image.getDefaultFileSystemForImport(EnumSet.of(FsiFileSystems.ISO9660, FsiFileSystems.JOLIET, FsiFileSystems.UDF)));
            image.chooseImageDefaultsForMediaType(ImapiMediaPhysicalType.BDR);
            assertEquals(EnumSet.of(FsiFileSystems.UDF), image.getFileSystemsToCreate());
            assertEquals(UdfRevision.UDF_2_50, image.getUDFRevision());
            ImapiException e = assertThrows(ImapiException.class, () -> image.setUDFRevision(null));
            assertEquals(ImapiStatus.E_POINTER, e.getStatus());
            image.setUseRestrictedCharacterSet(false);
            image.setSessionStartBlock(0);
            assertEquals(0, image.getSessionStartBlock());
            image.setVolumeName("Photos 2026");
            assertEquals("Photos 2026", image.getVolumeName());
            assertFalse(image.getVolumeNameISO9660().isEmpty());
            assertFalse(image.getVolumeNameJoliet().isEmpty());
            assertFalse(image.getVolumeNameUDF().isEmpty());
            image.setStageFiles(false);
            assertFalse(image.getStageFiles());
            image.setWorkingDirectory(System.getProperty("java.io.tmpdir"));
            assertFalse(image.getWorkingDirectory().isEmpty());
            image.setFreeMediaBlocks(1000);
            assertEquals(1000, image.getFreeMediaBlocks());

            long cp = image.getChangePoint();
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addDirectory("a");
                assertEquals(1, image.getDirectoryCount());
                image.rollbackToChangePoint(cp);
                assertEquals(0, image.getDirectoryCount());
                root.addDirectory("b");
                image.lockInChangePoint();
                try (FsiDirectoryItem dir = image.createDirectoryItem("detached")) { root.add(dir); }
                try (FsiFileItem file = image.createFileItem("f.txt")) {
                    try (ImapiStream s = ImapiStream.fromBytes("hello".getBytes())) { file.setData(s); }
                    root.add(file);
                    assertEquals(5, file.getDataSize());
                    try (ImapiStream s = file.getData()) { assertEquals(5, s.size()); }
                    file.setHidden(true);
                    assertTrue(file.isHidden());
                    file.setPosixMode(0644);
                    assertEquals(0644, file.getPosixMode());
                    file.setPosixOwner(1000, 100);
                    assertArrayEquals(new int[] {1000, 100}, file.getPosixOwner());
                    Instant t = Instant.parse("2020-01-02T03:04:05Z");
                    file.setCreationTime(t);
                    file.setLastModifiedTime(t);
                    file.setLastAccessedTime(t);
                    assertEquals(t, file.getCreationTime());
                    assertEquals(t, file.getLastModifiedTime());
                    assertEquals(t, file.getLastAccessedTime());
                    assertEquals("F.TXT;1", file.getFileSystemName(FsiFileSystems.ISO9660).toUpperCase());
                    assertTrue(file.getFileSystemPath(FsiFileSystems.JOLIET).endsWith("f.txt"));
                }
                root.addSymbolicLink("link", "f.txt");
                try (FsiItem link = root.getItem("link")) {
                    assertEquals(FsiItemType.SYMLINK, link.getItemType());
                    assertEquals("f.txt", ((FsiSymbolicLinkItem) link).getTarget());
                }
                root.remove("link");
                root.addDirectory("deep");
                root.addDirectory("deep/er");
                root.removeTree("deep");
                assertEquals(FsiItemType.NOT_FOUND, image.exists("/deep"));
                assertTrue(root.getCount() >= 3);
                try (FsiItem c = root.getChild(0)) { assertFalse(c.getName().isEmpty()); }
            }
            assertTrue(image.getUsedBlocks() > 0);
            try (FileSystemImageResult result = image.createResultImage()) {
                assertFalse(result.getDiscId().isEmpty());
                List<ProgressItem> items = result.getProgressItems();
                ProgressItem last = items.get(items.size() - 1);
                assertEquals(last, result.findProgressItemByDescription(last.description()));
                assertEquals(last, result.findProgressItemByBlock(last.firstBlock()));
            }
        }
        assertTrue(Imapi.version().startsWith("0."));
        assertTrue(Imapi.versionNumber() >= 1000);
        assertEquals("IMAPI_E_DUP_NAME", Imapi.statusName(ImapiStatus.E_DUP_NAME));
        Imapi.clearLastError();
    }

    @Test
    void managerImportReaderAndStreams() throws Exception {
        try (TestTree tree = new TestTree()) {
            Path iso = tree.out("small.iso");
            try (FileSystemImage image = new FileSystemImage(); FsiDirectoryItem root = image.getRoot()) {
                root.addDirectory("сессия");
                try (ImapiStream z = ImapiStream.zero(10000)) { root.addFile("сессия/zero.bin", z); }
                try (FileSystemImageResult r = image.createResultImage()) { r.writeFile(iso.toString()); }
            }
            try (IsoImageManager m = new IsoImageManager()) {
                m.setPath(iso.toString());
                assertEquals(iso.toString(), m.getPath());
                m.validate();
                try (ImapiStream s = m.getStream()) {
                    m.setStream(s);
                }
                assertEquals("", m.getPath());
                m.validate();
            }
            try (FileSystemImage image = new FileSystemImage()) {
                assertEquals(FsiFileSystems.ROCK_RIDGE, image.importFileSystem(iso));
                assertEquals(FsiItemType.FILE, image.exists("/сессия/zero.bin"));
            }
            try (ImapiStream s = ImapiStream.fromFile(iso); ImageReader r = ImageReader.open(s)) {
                assertFalse(r.getVolumeName().isEmpty());
                r.list(FsiFileSystems.JOLIET);
                int[] seen = {0};
                r.extract(tree.out("x").toString(), p -> ++seen[0] > 0);
                assertTrue(seen[0] > 0);
                assertEquals(10000, Files.size(tree.out("x").resolve("сессия").resolve("zero.bin")));
                r.extract(tree.out("y").toString(), null);
            }
            try (ImapiStream s = ImapiStream.fromFile(iso)) {
                s.seekOnly(16 * 2048, ImapiStream.SEEK_SET);
                assertEquals(16 * 2048, s.position());
                byte[] vd = new byte[6];
                assertEquals(6, s.read(vd, 0, 6));
                assertArrayEquals(new byte[] {1, 'C', 'D', '0', '0', '1'}, vd);
                ByteArrayOutputStream rest = new ByteArrayOutputStream();
                s.transferTo(rest);
                assertEquals(s.size() - 16 * 2048 - 6, rest.size());
            }
        }
    }
}
