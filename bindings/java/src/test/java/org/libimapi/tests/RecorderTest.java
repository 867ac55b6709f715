package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libimapi.*;

/** DiscMaster and DiscRecorder against emulated drives. */
class RecorderTest {
    @TempDir Path tmp;

    private String addDrive(String media) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(media));
        String uri = "emu:" + media + "?dir=" + dir + "&polls=0";
        DiscMaster.addEmulatedDrive(uri);
        return uri;
    }

    @Test
    void enumeratesAndDescribesAnEmulatedBdR() throws Exception {
        String uri = addDrive("bd-r");
        assertTrue(DiscMaster.getUniqueIds().contains(uri));
        assertTrue(DiscMaster.isSupportedEnvironment());
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            assertEquals(uri, r.getActiveDiscRecorder());
            assertEquals("IMAPI", r.getVendorId());
            assertEquals("EMULATED DRIVE", r.getProductId());
            assertFalse(r.getProductRevision().isEmpty());
            assertTrue(r.getVolumeName().endsWith("disc.img"));
            assertTrue(r.getVolumePathNames().isEmpty());
            assertTrue(r.getDeviceCanLoadMedia());
            assertTrue(r.getLegacyDeviceNumber() >= 0);
            assertTrue(r.getSupportedProfiles().contains(ImapiProfileType.BD_R_SEQUENTIAL), r.getSupportedProfiles().toString());
            assertEquals(List.of(ImapiProfileType.BD_R_SEQUENTIAL), r.getCurrentProfiles());
            assertTrue(java.util.Arrays.stream(r.getSupportedFeaturePages()).anyMatch(p -> p == 0x41));
            assertTrue(java.util.Arrays.stream(r.getCurrentFeaturePages()).anyMatch(p -> p == 0x41));
            assertTrue(java.util.Arrays.stream(r.getSupportedModePages()).anyMatch(p -> p == 0x2A));
            assertTrue(r.getSupportedModePages(ImapiModePageRequestType.CHANGEABLE_VALUES).length > 0);
            MediaInfo m = r.getMediaInfo();
            assertTrue(m.present());
            assertEquals(ImapiMediaPhysicalType.BDR, m.physicalType());
            assertEquals(EnumSet.of(ImapiFormat2DataMediaState.BLANK), m.state());
            assertEquals(ImapiProfileType.BD_R_SEQUENTIAL, m.profile());
            assertTrue(m.writeProtect().isEmpty(), m.writeProtect().toString());
            assertEquals(m.totalSectors(), m.freeSectors());
            assertTrue(r.getDiscInformation().length >= 34);
            assertTrue(r.getTrackInformation(255, ImapiReadTrackAddressType.TRACK).length >= 28);
            assertEquals(0x41, r.getFeaturePage(0x41, true)[1]);
            byte[] page = r.getModePage(0x05, ImapiModePageRequestType.CURRENT_VALUES);
            assertEquals(0x05, page[0] & 0x3F);
            r.setModePage(ImapiModePageRequestType.CURRENT_VALUES, page);
            assertEquals(0, r.getByteAlignmentMask());
            assertEquals(65536, r.getMaximumNonPageAlignedTransferSize());
            assertEquals(65536, r.getMaximumPageAlignedTransferSize());
            r.disableMcn();
            r.enableMcn();
            assertEquals(ImapiStatus.E_RECORDER_DVD_STRUCTURE_NOT_PRESENT,
                    assertThrows(ImapiException.class, () -> r.readDvdStructure(0, 0, 0, 0)).getStatus());
            assertThrows(ImapiException.class, () -> r.sendDvdStructure(4, new byte[] {0, 2, 0, 0}));
        }
    }

    private static int le32(byte[] b, int at) {
        return java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(at);
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (b[end] != 0) end++;
        return new String(b, at, end - at, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void adapterAndDeviceDescriptorsInWindowsLayout() throws Exception {
        String uri = addDrive("bd-re");
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            byte[] a = r.getAdapterDescriptor();
            assertEquals(32, a.length);
            assertEquals(32, le32(a, 0));  // Version
            assertEquals(32, le32(a, 4));  // Size
            int maxTransfer = le32(a, 8), pages = le32(a, 12);
            assertEquals(65536, maxTransfer);
            assertEquals(r.getByteAlignmentMask(), le32(a, 16));
            assertEquals(Math.min(maxTransfer, pages * 4096), r.getMaximumPageAlignedTransferSize());
            assertEquals(Math.min(maxTransfer, (pages - 1) * 4096), r.getMaximumNonPageAlignedTransferSize());
            assertEquals(0x0F, a[24]);  // BusTypeFileBackedVirtual

            byte[] d = r.getDeviceDescriptor();
            assertEquals(40, le32(d, 0));
            assertEquals(d.length, le32(d, 4));
            assertEquals(5, d[8]);   // DeviceType
            assertEquals(1, d[10]);  // RemovableMedia
            assertEquals(0x0F, le32(d, 28));
            assertEquals(36, le32(d, 32));
            assertEquals(r.getVendorId(), cString(d, le32(d, 12)).stripTrailing());
            assertEquals(r.getProductId(), cString(d, le32(d, 16)).stripTrailing());
            assertEquals(r.getProductRevision(), cString(d, le32(d, 20)).stripTrailing());
            assertEquals("EMU00001", cString(d, le32(d, 24)));

            // No file system is ever mounted on an emulated disc: force just acquires.
            r.acquireExclusiveAccess(true, "java force");
            assertEquals("java force", r.getExclusiveAccessOwner());
            r.releaseExclusiveAccess();
        }
    }

    @Test
    void passThroughExclusiveAccessAndTray() throws Exception {
        String uri = addDrive("dvd+r");
        try (DiscRecorder a = DiscRecorder.open(uri); DiscRecorder b = DiscRecorder.open(uri)) {
            ByteBuffer inquiry = ByteBuffer.allocateDirect(36);
            DiscRecorder.CommandResult res = a.sendCommandGetDataFromDevice(new byte[] {0x12, 0, 0, 0, 36, 0}, 0, inquiry);
            assertEquals(36, res.transferred());
            assertEquals(0, res.sense().length);
            assertEquals(5, inquiry.get(0));
            res = a.sendCommandNoData(new byte[] {(byte) 0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0}, 0);
            assertEquals(0x20, res.sense()[12]);
            a.sendCommandSendDataToDevice(new byte[] {0, 0, 0, 0, 0, 0}, 0, new byte[] {0});

            a.acquireExclusiveAccess(false, "java test");
            assertEquals("java test", b.getExclusiveAccessOwner());
            ImapiException e = assertThrows(ImapiException.class, () -> b.acquireExclusiveAccess(true, "other"));
            assertEquals(ImapiStatus.E_RECORDER_LOCKED, e.getStatus());
            a.releaseExclusiveAccess();
            assertEquals("", b.getExclusiveAccessOwner());

            assertEquals(0x0A, (a.readDvdStructure(0, 0, 0, 0)[4] >> 4) & 0x0F);  // book type DVD+R
            a.ejectMedia();
            assertFalse(a.getMediaInfo().present());
            a.closeTray();
            assertTrue(a.getMediaInfo().present());
        }
    }

    @Test
    void badIdsAndClosedRecorders() throws Exception {
        assertEquals(ImapiStatus.E_INVALIDARG,
                assertThrows(ImapiException.class, () -> DiscRecorder.open("no-such-drive")).getStatus());
        assertEquals(ImapiStatus.E_INVALIDARG,
                assertThrows(ImapiException.class, () -> DiscMaster.addEmulatedDrive("emu:zip?dir=/")).getStatus());
        DiscRecorder r = DiscRecorder.open(addDrive("cd-r"));
        assertEquals(ImapiStatus.E_RECORDER_CLIENT_NAME_IS_NOT_VALID,
                assertThrows(ImapiException.class, () -> r.acquireExclusiveAccess(false, "")).getStatus());
        assertEquals(ImapiStatus.E_RECORDER_NO_SUCH_FEATURE,
                assertThrows(ImapiException.class, () -> r.getFeaturePage(0x123, false)).getStatus());
        r.close();
        assertThrows(ImapiException.class, r::getVendorId);
    }
}
