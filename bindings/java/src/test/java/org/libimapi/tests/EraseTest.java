package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libimapi.*;

/** DiscFormat2Erase: an erase as a future with the drive's progress, a format, a refusal. */
class EraseTest {
    @TempDir Path tmp;

    private String drive(String media) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(media));
        String uri = "emu:" + media + "?dir=" + dir + "&polls=3";
        DiscMaster.addEmulatedDrive(uri);
        return uri;
    }

    @Test
    void eraseMediaAsyncBlanksADvdRwAndReportsFromTheMonitorThread() throws Exception {
        String uri = drive("dvd-rw");
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            try (DiscFormat2Data f = new DiscFormat2Data(); ImapiStream data = ImapiStream.zero(64 * 2048)) {
                f.setRecorder(r);
                f.setClientName("imapi-java-erase");
                f.setBurnVerificationLevel(ImapiBurnVerificationLevel.NONE);
                f.write(data);
            }
            assertEquals(1, r.getMediaInfo().sessions());
            try (DiscFormat2Erase e = new DiscFormat2Erase()) {
                e.setRecorder(r);
                e.setClientName("imapi-java-erase");
                assertEquals(ImapiMediaPhysicalType.DVDDASHRW, e.getCurrentPhysicalMediaType());
                assertTrue(e.isRecorderSupported(r));
                assertTrue(e.isCurrentMediaSupported(r));
                assertFalse(e.getFullErase());
                ConcurrentLinkedQueue<BurnProgress> seen = new ConcurrentLinkedQueue<>();
                e.eraseMediaAsync(p -> { seen.add(p); return true; }).get(2, TimeUnit.MINUTES);
                assertFalse(seen.isEmpty());
                BurnProgress end = e.getProgress();
                assertEquals(ImapiFormat2DataWriteAction.COMPLETED, end.currentAction());
                assertEquals(end.sectorCount(), end.sectorsWritten());
            }
            assertTrue(r.getMediaInfo().state().contains(ImapiFormat2DataMediaState.BLANK));
            assertEquals(0, r.getMediaInfo().sessions());
        }
    }

    @Test
    void formatMediaFormatsABdReWithDefaultSparesAndEraseRefusesADvdPlusR() throws Exception {
        String uri = drive("bd-re");
        try (DiscRecorder r = DiscRecorder.open(uri); DiscFormat2Erase e = new DiscFormat2Erase()) {
            e.setRecorder(r);
            e.setClientName("imapi-java-erase");
            assertEquals(FormatSpares.DEFAULT, e.getSpares());
            e.formatMedia(null);
            assertEquals(11_826_176, r.getMediaInfo().totalSectors());
        }
        String plusR = drive("dvd+r");
        try (DiscRecorder r = DiscRecorder.open(plusR); DiscFormat2Erase e = new DiscFormat2Erase()) {
            e.setRecorder(r);
            e.setClientName("imapi-java-erase");
            assertFalse(e.isCurrentMediaSupported(r));
            ImapiException err = assertThrows(ImapiException.class, () -> e.eraseMedia(null));
            assertEquals(ImapiStatus.E_ERASE_MEDIA_IS_NOT_SUPPORTED, err.getStatus());
            ExecutionException async = assertThrows(ExecutionException.class,
                    () -> e.eraseMediaAsync(null).get(1, TimeUnit.MINUTES));
            assertEquals(ImapiStatus.E_ERASE_MEDIA_IS_NOT_SUPPORTED, ((ImapiException) async.getCause()).getStatus());
        }
    }
}
