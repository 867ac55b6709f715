package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

/** Futures complete from one monitor thread: no thread per job, progress as the job reports it. */
class JobMonitorTest {
    /** Zeros whose reads wait for a gate, then take {@code delayMs}. */
    private static final class GatedSource implements ImapiStreamSource {
        private final long size;
        private final CountDownLatch gate;
        private final long delayMs;
        private long pos;

        GatedSource(long size, CountDownLatch gate, long delayMs) {
            this.size = size;
            this.gate = gate;
            this.delayMs = delayMs;
        }

        @Override
        public int read(ByteBuffer dst) {
            try {
                gate.await();
                if (delayMs > 0) Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
            int n = (int) Math.min(dst.remaining(), size - pos);
            for (int i = 0; i < n; i++) dst.put((byte) 0);
            pos += n;
            return n;
        }

        @Override
        public long seek(long offset, int whence) {
            pos = (whence == 0 ? 0 : whence == 1 ? pos : size) + offset;
            return pos;
        }

        @Override
        public long size() { return size; }
    }

    @Test
    void hundredConcurrentWritesDoNotHoldHundredThreads() throws Exception {
        final int jobs = 100;
        CountDownLatch gate = new CountDownLatch(1);
        List<FileSystemImage> images = new ArrayList<>();
        List<FileSystemImageResult> results = new ArrayList<>();
        try (TestTree tree = new TestTree()) {
            for (int i = 0; i < jobs; i++) {
                FileSystemImage image = new FileSystemImage();
                image.setFreeMediaBlocks(0);
                try (FsiDirectoryItem root = image.getRoot();
                     ImapiStream s = ImapiStream.fromSource(new GatedSource(300_000, gate, 0))) {
                    root.addFile("data.bin", s);
                }
                images.add(image);
                results.add(image.createResultImage());
            }
            int before = ManagementFactory.getThreadMXBean().getThreadCount();
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < jobs; i++) futures.add(results.get(i).writeFileAsync(tree.out("j" + i + ".iso").toString(), null));
            Thread.sleep(1000);
            for (CompletableFuture<Void> f : futures) assertFalse(f.isDone());
            int grown = ManagementFactory.getThreadMXBean().getThreadCount() - before;
            assertTrue(grown < 20, "the JVM grew by " + grown + " threads while " + jobs + " jobs run");
            gate.countDown();
            CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
            for (int i = 0; i < jobs; i++)
                assertEquals(results.get(i).getTotalBlocks() * 2048, Files.size(tree.out("j" + i + ".iso")));
        } finally {
            gate.countDown();
            for (FileSystemImageResult r : results) r.close();
            for (FileSystemImage i : images) i.close();
        }
    }

    @Test
    void progressArrivesDuringAWriteOfAFewSeconds() throws Exception {
        CountDownLatch open = new CountDownLatch(0);
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage()) {
            image.setFreeMediaBlocks(0);
            try (FsiDirectoryItem root = image.getRoot()) {
                for (int i = 0; i < 12; i++)
                    try (ImapiStream s = ImapiStream.fromSource(new GatedSource(300_000, open, 40))) {
                        root.addFile(String.format("f%02d.bin", i), s);
                    }
            }
            try (FileSystemImageResult result = image.createResultImage()) {
                ConcurrentLinkedQueue<Progress> reports = new ConcurrentLinkedQueue<>();
                result.writeFileAsync(tree.out("slow.iso").toString(), p -> reports.add(p)).get(2, TimeUnit.MINUTES);
                long during = reports.stream().filter(p -> p.done() > 0 && p.done() < p.total()).mapToLong(Progress::done).distinct().count();
                assertTrue(during > 1, during + " distinct reports during the write");
                Progress last = null;
                for (Progress p : reports) last = p;
                assertEquals(result.getTotalBlocks(), last.done());
            }
        }
    }

    @Test
    void aMonitorOfYourOwnReportsFinishedOnceAndWakes() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage()) {
            tree.write("a.bin", 400_000, 6);
            image.setFreeMediaBlocks(0);
            try (FsiDirectoryItem root = image.getRoot()) { root.addTree(tree.source, false); }
            try (FileSystemImageResult result = image.createResultImage();
                 JobMonitor monitor = new JobMonitor();
                 ImapiJob job = result.startWriteFile(tree.out("own.iso").toString())) {
                monitor.add(job, 42);
                JobMonitor.Event e;
                do {
                    e = monitor.await(30_000);
                    assertEquals(42, e.cookie());
                } while (!e.finished());
                job.throwIfFailed();
                assertEquals(0, monitor.await(0).events());
                monitor.wake();
                assertEquals(new JobMonitor.Event(0, 0), monitor.await(-1));
            }
        }
    }
}
