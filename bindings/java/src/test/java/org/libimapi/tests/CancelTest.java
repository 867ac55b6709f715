package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.libimapi.*;

/** Cancelling jobs, futures and blocking calls; listeners that throw. */
class CancelTest {
    /** Zeros, handed out slowly, so a write is still running when it is cancelled. */
    static final class SlowSource implements ImapiStreamSource {
        private final long length;
        private long pos;

        SlowSource(long length) { this.length = length; }

        public int read(ByteBuffer dst) {
            try { Thread.sleep(2); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            int n = (int) Math.min(Math.min(dst.remaining(), 65536), length - pos);
            for (int k = 0; k < n; k++) dst.put((byte) 0);
            pos += n;
            return n;
        }

        public long seek(long offset, int whence) {
            pos = (whence == 0 ? 0 : whence == 1 ? pos : length) + offset;
            return pos;
        }

        public long size() { return length; }
    }

    static FileSystemImageResult slowResult(FileSystemImage image) {
        image.setFreeMediaBlocks(0);
        try (FsiDirectoryItem root = image.getRoot(); ImapiStream s = ImapiStream.fromSource(new SlowSource(1L << 30))) {
            root.addFile("slow.bin", s);
        }
        return image.createResultImage();
    }

    @Test
    void jobCancelledFromAnotherThread() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage();
             FileSystemImageResult result = slowResult(image);
             ImapiJob job = result.startWriteFile(tree.out("c.iso").toString())) {
            assertFalse(job.await(20));
            assertEquals(ImapiStatus.E_JOB_NOT_FINISHED, job.getStatus());
            Thread t = new Thread(job::cancel);
            t.start();
            t.join();
            assertTrue(job.await(-1));
            assertEquals(ImapiStatus.E_REQUEST_CANCELLED, job.getStatus());
            ImapiException e = assertThrows(ImapiException.class, job::throwIfFailed);
            assertEquals(ImapiStatus.E_REQUEST_CANCELLED, e.getStatus());
            assertTrue(job.getProgress().total() > 0);
            assertFalse(Files.exists(tree.out("c.iso")));
        }
    }

    @Test
    void futureCompletesAndIsChecked() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage()) {
            tree.write("Ёлка/树.bin", 300000, 9);
            try (FsiDirectoryItem root = image.getRoot()) {
                root.addTree(tree.source, false);
                // A Java source, which the job pulls from the library's worker threads (attached to the JVM).
                java.nio.file.Path managed = tree.write("managed/数据 📦.bin", 150000, 10);
                root.addDirectory("managed");
                try (ImapiStream s = ImapiStream.fromSource(new ImageTest.ArraySource(Files.readAllBytes(managed)))) {
                    root.addFile("managed/数据 📦.bin", s);
                }
            }
            AtomicInteger reports = new AtomicInteger();
            try (FileSystemImageResult r = image.createResultImage()) {
                r.writeFileAsync(tree.out("a.iso").toString(), p -> reports.incrementAndGet() >= 0).get();
            }
            assertTrue(reports.get() > 0);
            TestTree.checkWithIndependentReaders(tree.out("a.iso"), tree.source);
        }
    }

    @Test
    void cancellingTheFutureCancelsTheJob() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage();
             FileSystemImageResult result = slowResult(image)) {
            CompletableFuture<Void> f = result.writeFileAsync(tree.out("f.iso").toString(), null);
            Thread.sleep(50);
            assertTrue(f.cancel(true));
            assertThrows(CancellationException.class, f::get);
        }
    }

    @Test
    void listenerReturningFalseOrThrowingCancels() throws Exception {
        try (TestTree tree = new TestTree(); FileSystemImage image = new FileSystemImage();
             FileSystemImageResult result = slowResult(image)) {
            ImapiException e = assertThrows(ImapiException.class,
                    () -> result.writeFile(tree.out("b.iso").toString(), p -> p.done() == 0));
            assertEquals(ImapiStatus.E_REQUEST_CANCELLED, e.getStatus());
            e = assertThrows(ImapiException.class, () -> result.writeFile(tree.out("b.iso").toString(), p -> {
                throw new IllegalStateException("listener bug");
            }));
            assertEquals(ImapiStatus.E_REQUEST_CANCELLED, e.getStatus());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertFalse(Files.exists(tree.out("b.iso")));

            CompletableFuture<Void> f = result.writeFileAsync(tree.out("b2.iso").toString(), p -> {
                throw new IllegalStateException("async listener bug");
            });
            ExecutionException x = assertThrows(ExecutionException.class, f::get);
            ImapiException cause = assertInstanceOf(ImapiException.class, x.getCause());
            assertEquals(ImapiStatus.E_REQUEST_CANCELLED, cause.getStatus());
            assertInstanceOf(IllegalStateException.class, cause.getCause());
        }
    }
}
