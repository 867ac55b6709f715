package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.libimapi.*;

/** IMAPI's numbers come out as ImapiException.getStatus(); bad input is an exception, never a crash. */
class ErrorTest {
    static ImapiException expect(int status, Executable e) {
        ImapiException x = assertThrows(ImapiException.class, e);
        assertEquals(status, x.getStatus(), x.toString());
        assertFalse(x.getMessage().isEmpty());
        return x;
    }

    @Test
    void invalidVolumeName() {
        try (FileSystemImage i = new FileSystemImage()) {
            expect(ImapiStatus.E_INVALID_VOLUME_NAME, () -> i.setVolumeName("no/slash?"));
        }
    }

    @Test
    void itemNotFound() {
        try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            expect(ImapiStatus.E_ITEM_NOT_FOUND, () -> i.getItem("/missing"));
            expect(ImapiStatus.E_ITEM_NOT_FOUND, () -> root.remove("missing"));
        }
    }

    @Test
    void dupName() {
        try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            root.addDirectory("Дубль");
            expect(ImapiStatus.E_DUP_NAME, () -> root.addDirectory("Дубль"));
        }
    }

    @Test
    void closedObjectsReportInvalidHandle() {
        FileSystemImage i = new FileSystemImage();
        FsiDirectoryItem root = i.getRoot();
        FileSystemImageResult result = i.createResultImage();
        ImapiStream stream = ImapiStream.zero(10);
        i.close();
        i.close(); // twice is fine
        assertTrue(i.isClosed());
        expect(ImapiStatus.E_INVALID_HANDLE, i::getVolumeName);
        expect(ImapiStatus.E_INVALID_HANDLE, i::createResultImage);
        root.close();
        expect(ImapiStatus.E_INVALID_HANDLE, () -> root.addDirectory("x"));
        result.close();
        expect(ImapiStatus.E_INVALID_HANDLE, result::getTotalBlocks);
        stream.close();
        expect(ImapiStatus.E_INVALID_HANDLE, stream::size);
        try (FileSystemImage j = new FileSystemImage(); FsiDirectoryItem r = j.getRoot()) {
            expect(ImapiStatus.E_INVALID_HANDLE, () -> r.addFile("f", stream));
        }
    }

    @Test
    void imageTooBigAndSizeLimit() {
        try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            try (ImapiStream s = ImapiStream.zero(4L << 20)) { root.addFile("big.bin", s); }
            expect(ImapiStatus.E_IMAGE_TOO_BIG, () -> i.setFreeMediaBlocks(10));
            i.setFreeMediaBlocks(i.getUsedBlocks() + 1);
            try (ImapiStream more = ImapiStream.zero(1L << 20)) {
                expect(ImapiStatus.E_IMAGE_SIZE_LIMIT, () -> root.addFile("more.bin", more));
            }
        }
    }

    @Test
    void invalidEnumValues() {
        try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            expect(ImapiStatus.E_INVALID_PARAM, () -> i.setISO9660InterchangeLevel(7));
            expect(ImapiStatus.E_INVALID_PARAM, () -> i.setFileSystemsToCreate(EnumSet.of(FsiFileSystems.UNKNOWN)));
            expect(ImapiStatus.E_NO_OUTPUT, () -> i.setFileSystemsToCreate(EnumSet.noneOf(FsiFileSystems.class)));
            expect(ImapiStatus.E_POINTER, () -> i.setFileSystemsToCreate(null));
            expect(ImapiStatus.E_INVALIDARG, () -> i.chooseImageDefaultsForMediaType(ImapiMediaPhysicalType.UNKNOWN));
            expect(ImapiStatus.E_POINTER, () -> i.setUDFRevision(null));
            root.addDirectory("d");
            try (FsiItem d = root.getItem("d")) {
                expect(ImapiStatus.E_INVALID_PARAM, () -> d.getFileSystemName(FsiFileSystems.UNKNOWN));
            }
            try (ImapiStream s = ImapiStream.zero(10)) {
                assertThrows(ImapiException.class, () -> s.seek(0, 17));
            }
        }
    }

    @Test
    void nullArguments() {
        try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            assertThrows(ImapiException.class, () -> root.addDirectory(null));
            assertThrows(ImapiException.class, () -> root.addFile("f", (ImapiStream) null));
            assertThrows(ImapiException.class, () -> root.addFile("f", (Path) null));
            assertThrows(ImapiException.class, () -> root.add(null));
            assertThrows(ImapiException.class, () -> i.getItem(null));
            assertThrows(ImapiException.class, () -> ImapiStream.fromFile((String) null));
            assertThrows(ImapiException.class, () -> ImapiStream.fromBytes(null));
            assertThrows(ImapiException.class, () -> ImapiStream.fromSource(null));
            assertThrows(ImapiException.class, () -> ImageReader.open((String) null));
            assertThrows(ImapiException.class, () -> ImageReader.open((ImapiStream) null));
            try (ImapiStream s = ImapiStream.zero(10)) {
                assertThrows(ImapiException.class, () -> s.read((ByteBuffer) null));
            }
        }
    }

    @Test
    void otherStatusesCarryDetail() throws IOException {
        Path dir = Files.createTempDirectory("imapi-java-err");
        try {
            ImapiException e = expect(ImapiStatus.E_DATA_STREAM_CREATE_FAILURE, () -> ImapiStream.fromFile(dir.resolve("missing")));
            assertNotEquals(0, e.getOsError());
            assertEquals("IMAPI_E_DATA_STREAM_CREATE_FAILURE", e.getStatusName());
            try (IsoImageManager m = new IsoImageManager()) {
                expect(ImapiStatus.E_IMAGEMANAGER_NO_IMAGE, m::validate);
            }
            try (FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
                expect(ImapiStatus.E_DIRECTORY_READ_FAILURE, () -> root.addTree(dir.resolve("nope"), false));
            }
        } finally {
            Files.delete(dir);
        }
    }

    /** A source that throws: the library sees a read failure, the caller an ImapiException. */
    @Test
    void throwingSourceIsAReadFailure() throws Exception {
        ImapiStreamSource bad = new ImapiStreamSource() {
            public int read(ByteBuffer dst) throws IOException { throw new IOException("disk on fire"); }
            public long seek(long offset, int whence) { return whence == 2 ? 100000 + offset : offset; }
            public long size() { return 100000; }
        };
        try (TestTree tree = new TestTree(); FileSystemImage i = new FileSystemImage(); FsiDirectoryItem root = i.getRoot()) {
            try (ImapiStream s = ImapiStream.fromSource(bad)) { root.addFile("bad.bin", s); }
            try (FileSystemImageResult r = i.createResultImage()) {
                ImapiException e = assertThrows(ImapiException.class, () -> r.writeFile(tree.out("bad.iso").toString()));
                assertTrue(e.getStatus() < 0);
                assertFalse(Files.exists(tree.out("bad.iso")));
            }
        }
    }

    @Test
    void messageStartsWithTheNameAndNumber() {
        try (FileSystemImage image = new FileSystemImage(); FsiDirectoryItem root = image.getRoot()) {
            root.addDirectory("dup");
            ImapiException e = assertThrows(ImapiException.class, () -> root.addDirectory("dup"));
            assertTrue(e.getMessage().startsWith("IMAPI_E_DUP_NAME (0xC0AAB112): "), e.getMessage());
            assertTrue(e.getMessage().contains("'dup'"), e.getMessage());
            assertEquals("IMAPI_E_DUP_NAME (0xC0AAB112): " + e.getDetail(), e.getMessage());
        }
    }
}
