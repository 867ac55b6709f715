package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

/** The library's messages name this binding's members, after IMAPI's name and number. */
class MessageTest {
    private static ImapiException expect(int status, org.junit.jupiter.api.function.Executable call) {
        ImapiException e = assertThrows(ImapiException.class, call);
        assertEquals(status, e.getStatus(), e.getMessage());
        assertEquals(e.getStatusName() + String.format(" (0x%08X): ", status) + e.getDetail(), e.getMessage());
        assertFalse(e.getMessage().matches("(?s).*\\bimapi_[a-z_]+.*"), e.getMessage());
        return e;
    }

    @Test
    void anUnknownRecorderPointsToDiscMaster() {
        ImapiException e = expect(ImapiStatus.E_INVALIDARG, () -> DiscRecorder.open("no-such-drive"));
        assertTrue(e.getMessage().startsWith("IMAPI_E_INVALIDARG (0x80070057): "), e.getMessage());
        assertTrue(e.getDetail().contains("DiscMaster.getUniqueIds()"), e.getDetail());
        assertTrue(e.getDetail().contains("DiscMaster.addEmulatedDrive"), e.getDetail());
    }

    @Test
    void fileSystemMessagesNameTheEnum() {
        try (FileSystemImage image = new FileSystemImage(); FsiDirectoryItem root = image.getRoot()) {
            ImapiException e = expect(ImapiStatus.E_INVALID_PARAM,
                    () -> image.setFileSystemsToCreate(EnumSet.of(FsiFileSystems.JOLIET)));
            assertTrue(e.getDetail().endsWith("add FsiFileSystems.ISO9660"), e.getDetail());
            root.addDirectory("d");
            try (FsiItem d = root.getItem("d")) {
                e = expect(ImapiStatus.E_INVALID_PARAM, () -> d.getFileSystemName(FsiFileSystems.UNKNOWN));
                assertTrue(e.getDetail().contains("FsiFileSystems.ISO9660, JOLIET, UDF or ROCK_RIDGE"), e.getDetail());
                assertFalse(e.getDetail().contains("IMAPI_FS_"), e.getDetail());
            }
        }
    }

    @Test
    void streamMessagesNameImapiStreams() {
        try (ImapiStream zero = ImapiStream.zero(4096)) {
            ImapiException e = expect(ImapiStatus.E_INVALIDARG, () -> ImapiStreams.setSeed(zero, 1));
            assertTrue(e.getDetail().contains("ImapiStreams.pseudoRandom"), e.getDetail());
            e = expect(ImapiStatus.E_INVALIDARG, () -> ImapiStreams.append(zero, zero));
            assertTrue(e.getDetail().contains("ImapiStreams.concatenate"), e.getDetail());
        }
    }

    @Test
    void theDupNameMessageReadsAsTheIssueSaysAndEnumsCarryImapisNumbers() {
        try (FileSystemImage image = new FileSystemImage(); FsiDirectoryItem root = image.getRoot()) {
            root.addDirectory("dup");
            ImapiException e = expect(ImapiStatus.E_DUP_NAME, () -> root.addDirectory("dup"));
            assertEquals("IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists", e.getMessage());
        }
        assertEquals(0x8, FsiFileSystems.ROCK_RIDGE.value());
        assertEquals(0x4000, ImapiFormat2DataMediaState.FINALIZED.value());
        assertEquals(18, ImapiMediaPhysicalType.BDR.value());
        assertEquals(0x43, ImapiProfileType.BD_REWRITABLE.value());
        assertEquals(7, ImapiFormat2DataWriteAction.VERIFYING.value());
        assertEquals(0x260, UdfRevision.UDF_2_60.value());
    }
}
