package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.libimapi.*;

/** Objects dropped without close(), cleaners in any order, close() racing use. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifetimeTest {
    /** Runs the GC until every Cleaner has freed its handle (or 30 s pass). */
    static long collectUntilNoLiveHandles() throws InterruptedException {
        // Generous: on a loaded machine the cleaner, the cancel and the job's end can take tens of seconds.
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (Imapi.liveHandles() != 0 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(20);
        }
        return Imapi.liveHandles();
    }

    @Test
    @Order(1)
    void closeRacingUseGivesOnlyInvalidHandle() throws Exception {
        for (int round = 0; round < 200; round++) {
            FileSystemImage image = new FileSystemImage();
            FsiDirectoryItem root = image.getRoot();
            AtomicReference<Throwable> unexpected = new AtomicReference<>();
            Thread user = new Thread(() -> {
                try {
                    for (int k = 0; k < 1000; k++) {
                        image.getVolumeName();
                        root.addDirectory("d" + k);
                    }
                } catch (ImapiException e) {
                    if (e.getStatus() != ImapiStatus.E_INVALID_HANDLE) unexpected.set(e);
                } catch (Throwable t) {
                    unexpected.set(t);
                }
            });
            user.start();
            Thread.sleep(0, round * 1000);
            image.close();
            root.close();
            user.join();
            assertNull(unexpected.get());
        }
    }

    /**
     * 10,000 iterations of related objects (image, root, stream, item, sometimes a
     * result and its image stream) dropped without close() in random order, a random
     * few closed; the Cleaner frees the rest in whatever order the GC finds them.
     */
    @Test
    @Order(2)
    void cleanerStressLeavesNoLiveHandles() throws Exception {
        Random rng = new Random(1234);
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            FileSystemImage image = new FileSystemImage();
            FsiDirectoryItem root = image.getRoot();
            ImapiStream data = ImapiStream.fromBytes(new byte[] {1, 2, 3, (byte) i});
            root.addFile("f" + (i % 7), data);
            FsiItem file = root.getItem("f" + (i % 7));
            List<AutoCloseable> objs = new ArrayList<>(List.of(image, root, data, file));
            if (i % 50 == 0) {
                FileSystemImageResult r = image.createResultImage();
                objs.add(r);
                objs.add(r.getImageStream());
            }
            Collections.shuffle(objs, rng);
            for (AutoCloseable o : objs) {
                int pick = rng.nextInt(10);
                if (pick == 0) o.close();
                else if (pick == 1) kept.add(o);
            }
            if (kept.size() > 200) {
                Collections.shuffle(kept, rng);
                kept.subList(0, 100).clear();
            }
            if (i % 2000 == 0) System.gc();
        }
        // Handles are still alive here: what follows is the Cleaner's work, not close()'s.
        assertTrue(Imapi.liveHandles() > 0);
        kept.clear();
        assertEquals(0, collectUntilNoLiveHandles());
    }

    @Test
    @Order(3)
    void runningJobDroppedIsCancelledByItsCleaner() throws Exception {
        try (TestTree tree = new TestTree()) {
            startAndDrop(tree.out("dropped.iso").toString());
            assertEquals(0, collectUntilNoLiveHandles());
        }
    }

    private static void startAndDrop(String out) {
        FileSystemImage image = new FileSystemImage();
        FileSystemImageResult r = CancelTest.slowResult(image);
        ImapiJob job = r.startWriteFile(out);
        assertFalse(job.await(10));
    }
}
