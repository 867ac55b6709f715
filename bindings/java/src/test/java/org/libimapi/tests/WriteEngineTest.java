package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libimapi.*;

/** WriteEngine2: a section at an LBA lands there; its future completes from the job-monitor thread. */
class WriteEngineTest {
    @TempDir Path tmp;

    @Test
    void aSectionWrittenAsyncLandsAtItsLbaAndReportsFromTheMonitorThread() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bd-re"));
        String uri = "emu:bd-re?dir=" + dir + "&polls=0";
        DiscMaster.addEmulatedDrive(uri);
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            // A BD-RE needs formatting before random writes: the data writer does it on its first write.
            try (DiscFormat2Data f = new DiscFormat2Data(); ImapiStream first = ImapiStream.zero(64 * 2048)) {
                f.setRecorder(r);
                f.setClientName("imapi-java-engine");
                f.setBurnVerificationLevel(ImapiBurnVerificationLevel.NONE);
                f.write(first);
                assertEquals(ImapiMediaPhysicalType.BDRE, f.getCurrentPhysicalMediaType());
                assertTrue(f.getCurrentMediaStatus().contains(ImapiFormat2DataMediaState.OVERWRITE_ONLY), f.getCurrentMediaStatus().toString());
            }
            try (WriteEngine2 e = new WriteEngine2(); ImapiStream data = ImapiStreams.pseudoRandom(11, 64 * 2048)) {
                e.setRecorder(r);
                assertEquals(2048, e.getBytesPerSector());
                ImapiException bad = assertThrows(ImapiException.class, () -> e.setBytesPerSector(100));
                assertEquals(ImapiStatus.E_INVALIDARG, bad.getStatus());
                ConcurrentLinkedQueue<String> callers = new ConcurrentLinkedQueue<>();
                ConcurrentLinkedQueue<BurnProgress> seen = new ConcurrentLinkedQueue<>();
                e.writeSectionAsync(data, 1024, 64, p -> {
                    callers.add(Thread.currentThread().getName());
                    seen.add(p);
                    return true;
                }).get(2, TimeUnit.MINUTES);
                assertFalse(e.getWriteInProgress());
                assertFalse(e.cancelWrite());
                assertEquals(java.util.List.of("imapi-job-monitor"), callers.stream().distinct().toList());
                BurnProgress end = e.getProgress();
                assertEquals(1024, end.startLba());
                assertEquals(1024 + 63, end.lastWrittenLba());
                assertFalse(seen.isEmpty());
                byte[] want = new byte[64 * 2048];
                data.seek(0, ImapiStream.SEEK_SET);
                assertEquals(want.length, data.readNBytes(want, 0, want.length));
                byte[] disc = Files.readAllBytes(dir.resolve("disc.img"));
                assertArrayEquals(want, Arrays.copyOfRange(disc, 1024 * 2048, 1024 * 2048 + want.length));
            }
        }
    }
}
