package org.libimapi;

import java.util.ArrayList;
import java.util.List;

/**
 * IDiscMaster2: the recorders this process sees, by unique ID: the Linux optical drives
 * ("linux-scsi:" + the drive's sysfs path, stable across reboots), then the emulated drives
 * of the environment variable IMAPI_EMU_DRIVES and of {@link #addEmulatedDrive} (an emulated
 * drive's ID is its URI). Enumerated afresh on each call; any thread. Open one with
 * {@link DiscRecorder#open}.
 */
public final class DiscMaster {
    private DiscMaster() {}

    /**
     * Extension: adds an emulated drive to this process's recorders (twice is a no-op). It is
     * opened now, so an empty directory receives a blank disc.
     *
     * @param uri for example "emu:bd-r?dir=/tmp/disc" (docs/emulated-drive.md)
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} naming the bad part of the URI or the missing directory
     */
    public static void addEmulatedDrive(String uri) {
        ImapiException.check(ImapiNative.imapi_disc_master_add_emulated_drive(uri));
    }

    /**
     * Count.
     *
     * @return the number of recorders
     */
    public static int getCount() {
        int[] n = new int[1];
        ImapiException.check(ImapiNative.imapi_disc_master_get_count(n));
        return n[0];
    }

    /**
     * Item: the unique ID of one recorder.
     *
     * @param index 0 to {@link #getCount} - 1
     * @return its unique ID
     * @throws ImapiException {@link ImapiStatus#E_INVALIDARG} for an index out of range
     */
    public static String getItem(int index) {
        String[] s = new String[1];
        ImapiException.check(ImapiNative.imapi_disc_master_get_unique_id(index, s));
        return s[0];
    }

    /**
     * The unique IDs of every recorder (the enumeration of IDiscMaster2).
     *
     * @return the IDs, in recorder order
     */
    public static List<String> getUniqueIds() {
        List<String> ids = new ArrayList<>();
        int count = getCount();
        for (int i = 0; i < count; i++) ids.add(getItem(i));
        return ids;
    }

    /**
     * IsSupportedEnvironment.
     *
     * @return true when at least one recorder can be opened by this process
     */
    public static boolean isSupportedEnvironment() {
        int[] v = new int[1];
        ImapiException.check(ImapiNative.imapi_disc_master_is_supported_environment(v));
        return v[0] != 0;
    }
}
