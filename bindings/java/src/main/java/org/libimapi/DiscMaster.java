package org.libimapi;

import java.util.ArrayList;
import java.util.List;

/**
 * IDiscMaster2: the recorders this process sees (Linux optical drives, then the
 * emulated drives of IMAPI_EMU_DRIVES and {@link #addEmulatedDrive}), by unique ID.
 * Enumerated afresh on each call.
 */
public final class DiscMaster {
    private DiscMaster() {}

    /** Extension: adds an emulated drive ("emu:bd-r?dir=/tmp/disc") to this process's recorders. */
    public static void addEmulatedDrive(String uri) {
        ImapiException.check(ImapiNative.imapi_disc_master_add_emulated_drive(uri));
    }

    public static int getCount() {
        int[] n = new int[1];
        ImapiException.check(ImapiNative.imapi_disc_master_get_count(n));
        return n[0];
    }

    /** Item: the unique ID of recorder {@code index}. */
    public static String getItem(int index) {
        String[] s = new String[1];
        ImapiException.check(ImapiNative.imapi_disc_master_get_unique_id(index, s));
        return s[0];
    }

    public static List<String> getUniqueIds() {
        List<String> ids = new ArrayList<>();
        int count = getCount();
        for (int i = 0; i < count; i++) ids.add(getItem(i));
        return ids;
    }

    public static boolean isSupportedEnvironment() {
        int[] v = new int[1];
        ImapiException.check(ImapiNative.imapi_disc_master_is_supported_environment(v));
        return v[0] != 0;
    }
}
