package org.libimapi.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** A temporary folder with Unicode names and random contents, and the independent image checker. */
final class TestTree implements AutoCloseable {
    final Path root;
    final Path source;

    TestTree() throws IOException {
        root = Files.createTempDirectory("imapi-java-");
        source = Files.createDirectories(root.resolve("src"));
    }

    Path write(String relative, int size, long seed) throws IOException {
        Path p = source.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes(size, seed));
        return p;
    }

    static byte[] bytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    Path out(String name) { return root.resolve(name); }

    @Override
    public void close() throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Independent readers (xorriso, pycdlib, 7z) compare names, sizes and SHA-256 with the source. */
    static void checkWithIndependentReaders(Path image, Path source) throws Exception {
        String checker = System.getenv("IMAPI_CHECK_IMAGE");
        if (checker == null) throw new IllegalStateException("IMAPI_CHECK_IMAGE is not set (CTest sets it)");
        Process p = new ProcessBuilder("/usr/bin/python3", checker, "--image", image.toString(), "--source", source.toString(),
                "--expect", "iso9660,joliet,rockridge", "--readers", "xorriso,pycdlib,7z").redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, p.waitFor(), "independent readers disagree with the source:\n" + output);
    }
}
