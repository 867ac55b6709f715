package org.libimapi;

import java.nio.charset.StandardCharsets;

/** Strings cross as real UTF-8 bytes, never JNI's modified UTF-8 (which mangles emoji). */
final class Utf8 {
    private Utf8() {}

    /** NUL-terminated UTF-8; null stays null (the library reports it). */
    static byte[] encode(String s) {
        if (s == null) return null;
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    static String decode(byte[] b) {
        return b == null ? "" : new String(b, StandardCharsets.UTF_8);
    }
}
