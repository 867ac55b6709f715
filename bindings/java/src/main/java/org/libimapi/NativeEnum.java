package org.libimapi;

import java.util.EnumSet;
import java.util.Set;

/**
 * An enum whose constants carry IMAPI's number, and the conversions between those
 * numbers (single values and bit masks) and the enums the API takes and returns.
 * Package-private: callers only ever see the enums and their EnumSets.
 */
interface NativeEnum {
    /** IMAPI's number for this constant. */
    int value();

    /** The constant of {@code type} numbered {@code v}, or {@code fallback} for a number it does not name. */
    static <E extends Enum<E> & NativeEnum> E of(Class<E> type, int v, E fallback) {
        for (E e : type.getEnumConstants()) if (e.value() == v) return e;
        return fallback;
    }

    /** The constant of {@code type} numbered {@code v}; an ImapiException for a number the enum does not name. */
    static <E extends Enum<E> & NativeEnum> E require(Class<E> type, int v) {
        E e = of(type, v, null);
        if (e == null) throw new ImapiException(ImapiStatus.E_FAIL,
                String.format("the library returned %d (0x%X), which %s does not name", v, v, type.getSimpleName()));
        return e;
    }

    /** The constants of a flag enum whose bits are set in {@code mask} (bits it does not name are dropped). */
    static <E extends Enum<E> & NativeEnum> EnumSet<E> setOf(Class<E> type, int mask) {
        EnumSet<E> set = EnumSet.noneOf(type);
        for (E e : type.getEnumConstants()) if (e.value() != 0 && (mask & e.value()) == e.value()) set.add(e);
        return set;
    }

    /** The bit mask of a set of flags; a null set is an ImapiException(E_POINTER) naming {@code what}. */
    static int mask(Set<? extends NativeEnum> set, String what) {
        if (set == null) throw new ImapiException(ImapiStatus.E_POINTER, what + " is null");
        int m = 0;
        for (NativeEnum e : set) m |= e.value();
        return m;
    }

    /** The number of one constant; null is an ImapiException(E_POINTER) naming {@code what}. */
    static int valueOf(NativeEnum e, String what) {
        if (e == null) throw new ImapiException(ImapiStatus.E_POINTER, what + " is null");
        return e.value();
    }
}
