package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libimapi.*;

/** DiscFormat2Data against emulated drives: burn, read back, verify, append, cancel. */
class BurnTest {
    @TempDir Path tmp;

    private String addDrive(String media, String extra) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("disc-" + media));
        String uri = "emu:" + media + "?dir=" + dir + "&polls=0" + extra;
        DiscMaster.addEmulatedDrive(uri);
        return uri;
    }

    private Path image(String name, int... sizes) throws Exception {
        Path src = Files.createDirectories(tmp.resolve(name));
        Random rng = new Random(name.hashCode());
        for (int i = 0; i < sizes.length; i++) {
            byte[] data = new byte[sizes[i]];
            rng.nextBytes(data);
            Files.write(src.resolve("f" + i + ".bin"), data);
        }
        Path iso = tmp.resolve(name + ".iso");
        try (FileSystemImage img = new FileSystemImage()) {
            img.setFreeMediaBlocks(0);
            try (FsiDirectoryItem root = img.getRoot()) {
                root.addTree(src, false);
            }
            try (FileSystemImageResult r = img.createResultImage()) {
                r.writeFile(iso.toString());
            }
        }
        return iso;
    }

    private static DiscFormat2Data writer(String uri) {
        DiscFormat2Data f = new DiscFormat2Data();
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            f.setRecorder(r);
        }
        f.setClientName("imapi-java-test");
        return f;
    }

    @Test
    void writeAsyncBurnsAnImageThatReadsBackByteForByte() throws Exception {
        Path iso = image("one", 300_000, 70_001);
        String uri = addDrive("bd-r", "");
        try (DiscFormat2Data f = writer(uri)) {
            assertEquals("imapi-java-test", f.getClientName());
            assertTrue(f.getMediaPhysicallyBlank());
            assertEquals(ImapiMediaPhysicalType.BDR, f.getCurrentPhysicalMediaType());
            assertTrue(f.getSupportedWriteSpeeds().length > 0);
            assertEquals(f.getSupportedWriteSpeeds().length, f.getSupportedWriteSpeedDescriptors().size());
            assertEquals(MultisessionType.SEQUENTIAL, f.getMultisessionInterfaces().get(0).type());
            assertFalse(f.cancelWrite());
            f.setBurnVerificationLevel(ImapiBurnVerificationLevel.FULL);
            assertEquals(ImapiBurnVerificationLevel.FULL, f.getBurnVerificationLevel());
            assertEquals(EnumSet.of(ImapiFormat2DataMediaState.BLANK), f.getCurrentMediaStatus());
            assertTrue(f.getSupportedMediaTypes().contains(ImapiMediaPhysicalType.BDR), f.getSupportedMediaTypes().toString());
            assertEquals(ImapiMediaPhysicalType.BDR, f.getSupportedWriteSpeedDescriptors().get(0).mediaType());
            List<BurnProgress> seen = new ArrayList<>();
            try (ImapiStream data = ImapiStream.fromFile(iso)) {
                f.writeAsync(data, p -> { synchronized (seen) { seen.add(p); } return true; }).join();
            }
            assertTrue(seen.stream().anyMatch(p -> p.currentAction() == ImapiFormat2DataWriteAction.COMPLETED));
            BurnProgress end = seen.get(seen.size() - 1);
            assertTrue(end.sectorCount() >= Files.size(iso) / 2048, end.toString());
            assertEquals(end.startLba() + end.sectorCount() - 1, end.lastWrittenLba());

            byte[] want = Files.readAllBytes(iso);
            byte[] disc = Files.readAllBytes(tmp.resolve("disc-bd-r").resolve("disc.img"));
            assertArrayEquals(want, Arrays.copyOf(disc, want.length), "the disc holds the image byte for byte");
            try (DiscRecorder r = DiscRecorder.open(uri)) {
                MediaInfo m = r.getMediaInfo();
                assertEquals(1, m.sessions());
                assertTrue(m.state().contains(ImapiFormat2DataMediaState.APPENDABLE), m.state().toString());
            }
            try (ImapiStream data = ImapiStream.fromFile(iso)) {
                f.verify(data, null);
            }
            assertEquals(0, f.getStartAddressOfPreviousSession());
        }
    }

    @Test
    void blockingWriteCallsTheListenerAndASecondSessionImportsTheFirst() throws Exception {
        Path iso = image("first", 200_000);
        String uri = addDrive("dvd+r", "");
        try (DiscFormat2Data f = writer(uri)) {
            // IMAPI closes DVD+R for DVD-ROM compatibility unless this is turned off.
            f.setDisableConsumerDvdCompatibilityMode(true);
            assertTrue(f.getDisableConsumerDvdCompatibilityMode());
            List<ImapiFormat2DataWriteAction> actions = new ArrayList<>();
            try (ImapiStream data = ImapiStream.fromFile(iso)) {
                f.write(data, p -> {
                    if (actions.isEmpty() || actions.get(actions.size() - 1) != p.currentAction()) actions.add(p.currentAction());
                    return true;
                });
            }
            assertTrue(actions.contains(ImapiFormat2DataWriteAction.WRITING_DATA), actions.toString());
            Multisession ms = f.getMultisessionInterfaces().get(0);
            assertFalse(ms.isFirstDataSession());
            f.setMultisessionInUse(0, true);
            Path src2 = Files.createDirectories(tmp.resolve("second"));
            Files.write(src2.resolve("two.bin"), new byte[50_000]);
            try (FileSystemImage img = new FileSystemImage()) {
                img.setFreeMediaBlocks(0);
                try (ImapiStream media = f.createMediaStream()) {
                    img.importFileSystem(media, ms.startAddressOfPreviousSession());
                }
                img.setSessionStartBlock(ms.nextWritableAddress());
                try (FsiDirectoryItem root = img.getRoot()) {
                    root.addTree(src2, false);
                }
                f.setForceMediaToBeClosed(true);
                try (FileSystemImageResult r = img.createResultImage(); ImapiStream data = r.getImageStream()) {
                    f.write(data);
                }
            }
            try (DiscRecorder r = DiscRecorder.open(uri)) {
                assertEquals(2, r.getMediaInfo().sessions());
                assertTrue(r.getMediaInfo().state().contains(ImapiFormat2DataMediaState.FINALIZED), "finalized");
            }
            assertEquals(ms.nextWritableAddress(), f.getStartAddressOfPreviousSession());
        }
    }

    @Test
    void cancellingTheFutureStopsAThrottledWriteAndFreesTheDrive() throws Exception {
        String uri = addDrive("bd-r", "&throttle=1&speed=2&buffer=1M");
        try (DiscFormat2Data f = writer(uri)) {
            f.setBurnVerificationLevel(ImapiBurnVerificationLevel.NONE);
            try (ImapiStream data = ImapiStream.zero(32 << 20)) {
                // false from the listener once writing has started cancels the write.
                CompletableFuture<Void> fut = f.writeAsync(data, p -> p.currentAction() != ImapiFormat2DataWriteAction.WRITING_DATA);
                CompletionException e = assertThrows(CompletionException.class, fut::join);
                assertEquals(ImapiStatus.E_REQUEST_CANCELLED, ((ImapiException) e.getCause()).getStatus());
            }
            try (ImapiStream data = ImapiStream.zero(2 << 20)) {
                f.write(data);
            }
        }
    }
}
