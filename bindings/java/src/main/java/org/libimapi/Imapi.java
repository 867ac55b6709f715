package org.libimapi;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Library-wide facts, and the loading of the native library: libimapi_java.so from
 * java.library.path if it is there, else the copy inside imapi.jar (no LD_LIBRARY_PATH
 * needed). Every class of this package loads it on first use. Any thread.
 */
public final class Imapi {
    private Imapi() {}

    static {
        load();
    }

    /**
     * Loads libimapi_java.so: from java.library.path if it is there, else the copy
     * inside this jar (with libimapi.so.0) extracted to a temporary folder.
     */
    private static void load() {
        try {
            System.loadLibrary("imapi_java");
            return;
        } catch (UnsatisfiedLinkError notOnPath) {
            try {
                Path dir = Files.createTempDirectory("libimapi-java");
                dir.toFile().deleteOnExit();
                Path core = extract(dir, "libimapi.so.0");
                Path jni = extract(dir, "libimapi_java.so");
                System.load(core.toString());
                System.load(jni.toString());
            } catch (IOException | UnsatisfiedLinkError e) {
                UnsatisfiedLinkError err = new UnsatisfiedLinkError(
                        "libimapi_java.so is neither on java.library.path nor inside the jar: " + e);
                err.addSuppressed(notOnPath);
                throw err;
            }
        }
    }

    private static Path extract(Path dir, String name) throws IOException {
        try (InputStream in = Imapi.class.getResourceAsStream("/org/libimapi/native/linux-x64/" + name)) {
            if (in == null) throw new IOException(name + " is not in the jar");
            Path p = dir.resolve(name);
            Files.copy(in, p, StandardCopyOption.REPLACE_EXISTING);
            p.toFile().deleteOnExit();
            return p;
        }
    }

    /** Makes sure the native library is loaded (every class calls it). */
    static void ensureLoaded() {}

    /**
     * The native library's version.
     *
     * @return for example "0.1.0"
     */
    public static String version() { return ImapiNative.imapi_version(); }
    /**
     * The native library's version as a number.
     *
     * @return MAJOR*1000000 + MINOR*1000 + PATCH
     */
    public static int versionNumber() { return ImapiNative.imapi_version_number(); }
    /**
     * The IMAPI name of a status.
     *
     * @param status an {@link ImapiStatus} number
     * @return for example "IMAPI_E_DUP_NAME", or "IMAPI_UNKNOWN_STATUS"
     */
    public static String statusName(int status) { return ImapiNative.imapi_status_name(status); }
    /**
     * Live native handles of every type, process-wide (a leak check for tests).
     *
     * @return the count
     */
    public static long liveHandles() { return ImapiNative.imapi_live_handles(); }
    /** Forgets the calling thread's last native error (ImapiException carries it already). */
    public static void clearLastError() { ImapiNative.imapi_error_clear(); }

    /** Releases memory the library returned (the generated layer does it for strings; here for completeness). */
    static void free(long p) { ImapiNative.imapi_free(p); }
}
