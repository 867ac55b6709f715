package org.libimapi;

import java.util.EnumSet;

/**
 * IMAPI2FS's FsiFileSystems: the file systems of an image, plus Rock Ridge (a libimapi
 * extension bit). Sets of them are {@code EnumSet<FsiFileSystems>} (IMAPI's "none" is the
 * empty set); calls about one file system take a single constant.
 */
public enum FsiFileSystems implements NativeEnum {
    /** ISO 9660 (ECMA-119), the primary volume descriptor's tree (FsiFileSystemISO9660). */
    ISO9660(0x1),
    /** Joliet: UCS-2 names up to 64 characters, written alongside ISO 9660 (FsiFileSystemJoliet). */
    JOLIET(0x2),
    /** UDF (ECMA-167 / OSTA UDF), the revision given by {@link UdfRevision} (FsiFileSystemUDF). */
    UDF(0x4),
    /** Rock Ridge (RRIP/SUSP) on the ISO 9660 tree: POSIX names, modes, owners, links (libimapi extension). */
    ROCK_RIDGE(0x8),
    /** A file system IMAPI does not know (FsiFileSystemUnknown): only ever reported, never created. */
    UNKNOWN(0x40000000);

    private final int value;

    FsiFileSystems(int value) { this.value = value; }

    /** IMAPI's bit for this file system. */
    @Override
    public int value() { return value; }

    static EnumSet<FsiFileSystems> setOf(int mask) { return NativeEnum.setOf(FsiFileSystems.class, mask); }

    /** One file system, or null for IMAPI's FsiFileSystemNone. */
    static FsiFileSystems ofOrNull(int v) { return v == 0 ? null : NativeEnum.of(FsiFileSystems.class, v, UNKNOWN); }
}
