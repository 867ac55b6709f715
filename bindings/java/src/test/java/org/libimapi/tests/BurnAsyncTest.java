package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.libimapi.*;

/**
 * writeAsync completes through the job monitor: progress of a burn of a few seconds (an emulated
 * BD-R throttled to 2x) arrives while it runs, from the one monitor thread and no thread per burn;
 * cancelling completes the future exceptionally and leaves the disc writable.
 */
class BurnAsyncTest {
    @TempDir Path tmp;

    /** A throttled BD-R: 2x is about 9 MB/s, so 20 MiB take about 2.3 s. */
    private DiscFormat2Data writer(String name) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        String uri = "emu:bd-r?dir=" + dir + "&polls=0&throttle=1&speed=2&buffer=1M";
        DiscMaster.addEmulatedDrive(uri);
        DiscFormat2Data f = new DiscFormat2Data();
        try (DiscRecorder r = DiscRecorder.open(uri)) {
            f.setRecorder(r);
        }
        f.setClientName("imapi-java-async");
        f.setBurnVerificationLevel(ImapiBurnVerificationLevel.NONE);
        return f;
    }

    @Test
    void progressOfAThrottledBurnArrivesManyTimesFromTheMonitorThread() throws Exception {
        try (DiscFormat2Data f = writer("progress"); ImapiStream data = ImapiStreams.pseudoRandom(7, 20 << 20)) {
            ConcurrentLinkedQueue<BurnProgress> seen = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<String> callers = new ConcurrentLinkedQueue<>();
            CompletableFuture<Void> burn = f.writeAsync(data, p -> {
                seen.add(p);
                callers.add(Thread.currentThread().getName());
                return true;
            });
            burn.get(2, TimeUnit.MINUTES);
            long during = seen.stream().filter(p -> p.currentAction() == ImapiFormat2DataWriteAction.WRITING_DATA)
                    .mapToLong(BurnProgress::sectorsWritten).filter(n -> n > 0).distinct().count();
            assertTrue(during > 1, during + " distinct reports while writing");
            assertEquals(List.of("imapi-job-monitor"), callers.stream().distinct().toList());
            BurnProgress last = null;
            for (BurnProgress p : seen) last = p;
            assertEquals(ImapiFormat2DataWriteAction.COMPLETED, last.currentAction());
            assertEquals((20 << 20) / 2048, last.sectorsWritten());
            assertEquals(last.sectorCount(), last.sectorsWritten());
        }
    }

    @Test
    void cancelWriteCompletesTheFutureExceptionallyAndTheDiscStaysWritable() throws Exception {
        try (DiscFormat2Data f = writer("cancel")) {
            CountDownLatch writing = new CountDownLatch(1);
            CompletableFuture<Void> burn;
            try (ImapiStream data = ImapiStream.zero(20 << 20)) {
                burn = f.writeAsync(data, p -> {
                    if (p.currentAction() == ImapiFormat2DataWriteAction.WRITING_DATA && p.sectorsWritten() > 0) writing.countDown();
                    return true;
                });
                assertTrue(writing.await(1, TimeUnit.MINUTES), "the burn started writing");
                assertTrue(f.cancelWrite(), "a write was running");
                CompletionException e = assertThrows(CompletionException.class, burn::join);
                assertEquals(ImapiStatus.E_REQUEST_CANCELLED, ((ImapiException) e.getCause()).getStatus(), e.getCause().getMessage());
            }
            assertTrue(burn.isCompletedExceptionally());
            assertFalse(f.cancelWrite(), "no write runs once the future has completed");
            burnAndVerify(f);
        }
    }

    @Test
    void cancellingTheFutureStopsTheBurnAndTheDiscStaysWritable() throws Exception {
        try (DiscFormat2Data f = writer("future")) {
            CountDownLatch writing = new CountDownLatch(1);
            try (ImapiStream data = ImapiStream.zero(20 << 20)) {
                CompletableFuture<Void> burn = f.writeAsync(data, p -> {
                    if (p.currentAction() == ImapiFormat2DataWriteAction.WRITING_DATA) writing.countDown();
                    return true;
                });
                assertTrue(writing.await(1, TimeUnit.MINUTES), "the burn started writing");
                assertTrue(burn.cancel(true));
                assertThrows(CancellationException.class, burn::join);
                assertTrue(burn.isCompletedExceptionally());
            }
            // cancel(true) returns once the write has stopped: the writer is free again.
            assertFalse(f.cancelWrite());
            burnAndVerify(f);
        }
    }

    /** A small image burned after the cancelled session reads back (verification FULL) through the same writer. */
    private void burnAndVerify(DiscFormat2Data f) throws Exception {
        Path src = Files.createDirectories(tmp.resolve("after-" + System.nanoTime()));
        Files.writeString(src.resolve("after.txt"), "written after a cancelled burn\n");
        try (FileSystemImage image = new FileSystemImage()) {
            image.setFreeMediaBlocks(0);
            image.setSessionStartBlock(f.getNextWritableAddress());
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(src, false);
            }
            f.setBurnVerificationLevel(ImapiBurnVerificationLevel.FULL);
            try (FileSystemImageResult r = image.createResultImage(); ImapiStream s = r.getImageStream()) {
                f.writeAsync(s, null).get(2, TimeUnit.MINUTES);
            }
        }
        // The new session is the disc's last: importing it finds the file (FULL verification compared every block).
        Multisession ms = f.getMultisessionInterfaces().get(0);
        try (FileSystemImage next = new FileSystemImage(); ImapiStream disc = f.createMediaStream()) {
            next.importFileSystem(disc, ms.startAddressOfPreviousSession());
            assertEquals(FsiItemType.FILE, next.exists("/after.txt"));
            try (FsiFileItem after = (FsiFileItem) next.getItem("/after.txt")) {
                assertEquals(31, after.getDataSize());
            }
        }
    }
}
