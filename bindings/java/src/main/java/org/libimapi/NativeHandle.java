package org.libimapi;

import java.lang.ref.Cleaner;
import java.util.function.LongConsumer;

/**
 * One native handle: freed exactly once, by close() or, for an object dropped
 * without close(), by a Cleaner (in any order: the C library keeps parents
 * alive). Every call holds the handle's lock, which gives the C rule "one
 * thread at a time per handle" and makes close() on another thread wait for a
 * call in progress. A closed handle is an ImapiException(E_INVALID_HANDLE).
 */
abstract class NativeHandle implements AutoCloseable {
    static final Cleaner CLEANER = Cleaner.create();

    /** What the Cleaner holds: never the owning object, or it would never become unreachable. */
    static final class State implements Runnable {
        private long ptr;
        private final LongConsumer free;

        State(long ptr, LongConsumer free) {
            this.ptr = ptr;
            this.free = free;
        }

        @Override
        public synchronized void run() {
            if (ptr != 0) {
                free.accept(ptr);
                ptr = 0;
            }
        }
    }

    interface Call<T> {
        T apply(long handle);
    }

    interface StatusCall {
        int apply(long handle);
    }

    private final State state;
    private final Cleaner.Cleanable cleanable;
    private final String what;

    NativeHandle(long ptr, LongConsumer free, String what) {
        if (ptr == 0) throw new ImapiException(ImapiStatus.E_FAIL, "the library returned no " + what);
        this.state = new State(ptr, free);
        this.cleanable = CLEANER.register(this, state);
        this.what = what;
    }

    final <T> T call(Call<T> call) {
        synchronized (state) {
            if (state.ptr == 0) throw ImapiException.closed(what);
            return call.apply(state.ptr);
        }
    }

    final int check(StatusCall call) {
        synchronized (state) {
            if (state.ptr == 0) throw ImapiException.closed(what);
            return ImapiException.check(call.apply(state.ptr));
        }
    }

    /** An IMAPI "...Supported" getter: (values, capacity, count out). */
    interface ListCall {
        int apply(long handle, int[] values, int cap, int[] count);
    }

    /** The values of a "...Supported" getter: asks for the count, then fills an array of it. */
    final int[] list(ListCall f) {
        return call(h -> {
            int[] count = new int[1];
            ImapiException.check(f.apply(h, null, 0, count));
            int[] values = new int[count[0]];
            ImapiException.check(f.apply(h, values, values.length, count));
            return java.util.Arrays.copyOf(values, Math.min(count[0], values.length));
        });
    }

    /** For the calls the C header allows from any thread at any time (job progress and cancel, monitor add and wake). */
    final int callUnlocked(StatusCall call) {
        long p;
        synchronized (state) {
            if (state.ptr == 0) throw ImapiException.closed(what);
            p = state.ptr;
        }
        return call.apply(p);
    }

    /** The raw handle for an argument of another object's call; 0 (NULL, reported by the library) for null. */
    static long raw(NativeHandle h) {
        if (h == null) return 0;
        return h.call(p -> p);
    }

    /**
     * Frees the native handle now; later calls throw {@link ImapiException} with
     * {@link ImapiStatus#E_INVALID_HANDLE}. Idempotent, any thread; waits for a call in progress.
     */
    @Override
    public void close() {
        cleanable.clean();
    }

    /**
     * Whether {@link #close} was called (or the handle was never valid).
     *
     * @return true once closed
     */
    public final boolean isClosed() {
        synchronized (state) {
            return state.ptr == 0;
        }
    }

    /** Calls a creator with a handle out parameter. */
    static long create(java.util.function.ToIntFunction<long[]> call) {
        long[] out = new long[1];
        ImapiException.check(call.applyAsInt(out));
        return out[0];
    }
}
