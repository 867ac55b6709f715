package org.libimapi;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where the library's messages, written for C callers, get this binding's
 * names: C functions and macros become the Java members that do the same thing
 * ("take IDs from imapi_disc_master_get_unique_id" reads "take IDs from
 * DiscMaster.getUniqueIds()"). IMAPI's status names (IMAPI_E_*) and environment
 * variables (IMAPI_EMU_DRIVES) stay: they mean the same in every language.
 * JavaNamesTest checks that every C name in a message of the library's sources is covered.
 */
final class JavaNames {
    private JavaNames() {}

    /** Whole phrases first (lists of abbreviated macros), then single names; applied in this order. */
    private static final Map<String, String> PHRASES = new LinkedHashMap<>();
    private static final Map<String, String> NAMES = new LinkedHashMap<>();

    static {
        String oneFs = "one FsiFileSystems constant: ROCK_RIDGE, JOLIET, ISO9660 or UDF";
        PHRASES.put("IMAPI_FS_ROCKRIDGE, _UDF, _JOLIET or _ISO9660 (or 0 to choose)",
                "FsiFileSystems.ROCK_RIDGE, UDF, JOLIET or ISO9660 (or no file system, to let the library choose)");
        PHRASES.put("one file system: IMAPI_FS_ROCKRIDGE, _JOLIET, _ISO9660 or _UDF", oneFs);
        PHRASES.put("FileSystemName/Path take one of IMAPI_FS_ISO9660, _JOLIET, _UDF or _ROCKRIDGE",
                "FsiItem.getFileSystemName/getFileSystemPath take FsiFileSystems.ISO9660, JOLIET, UDF or ROCK_RIDGE");
        PHRASES.put("IMAPI_BURN_VERIFICATION_NONE, _QUICK or _FULL", "ImapiBurnVerificationLevel.NONE, QUICK or FULL");
        PHRASES.put("IMAPI_COMMAND_NO_DATA, _TO_DEVICE or _FROM_DEVICE",
                "one of DiscRecorder.sendCommandNoData, sendCommandSendDataToDevice or sendCommandGetDataFromDevice");
        PHRASES.put("IMAPI_SEEK_SET, _CUR or _END", "ImapiStream.SEEK_SET, SEEK_CUR or SEEK_END");
        PHRASES.put("ChooseImageDefaultsForMediaType takes an IMAPI_MEDIA_TYPE_* other than UNKNOWN",
                "FileSystemImage.chooseImageDefaultsForMediaType takes an ImapiMediaPhysicalType other than UNKNOWN");
        PHRASES.put("an IMAPI_MODE_PAGE_REQUEST_TYPE (0 current, 1 changeable, 2 default, 3 saved)",
                "an ImapiModePageRequestType");
        PHRASES.put("an IMAPI_READ_TRACK_ADDRESS_TYPE (0 LBA, 1 track, 2 session)", "an ImapiReadTrackAddressType");
        PHRASES.put(" is NULL", " is null");

        NAMES.put("IMAPI_FS_ISO9660", "FsiFileSystems.ISO9660");
        NAMES.put("IMAPI_FS_JOLIET", "FsiFileSystems.JOLIET");
        NAMES.put("IMAPI_FS_UDF", "FsiFileSystems.UDF");
        NAMES.put("IMAPI_FS_ROCKRIDGE", "FsiFileSystems.ROCK_RIDGE");
        NAMES.put("IMAPI_MEDIA_TYPE_*", "ImapiMediaPhysicalType");
        NAMES.put("IMAPI_MODE_PAGE_REQUEST_TYPE", "ImapiModePageRequestType");
        NAMES.put("IMAPI_READ_TRACK_ADDRESS_TYPE", "ImapiReadTrackAddressType");
        NAMES.put("IMAPI_SYMLINKS_RECORD", "SymlinkPolicy.RECORD");
        NAMES.put("IMAPI_SYMLINKS_FOLLOW", "SymlinkPolicy.FOLLOW");
        NAMES.put("IMAPI_SYMLINKS_SKIP", "SymlinkPolicy.SKIP");
        NAMES.put("imapi_disc_master_get_unique_id", "DiscMaster.getUniqueIds()");
        NAMES.put("imapi_disc_master_get_count", "DiscMaster.getCount()");
        NAMES.put("imapi_disc_master_add_emulated_drive", "DiscMaster.addEmulatedDrive");
        NAMES.put("imapi_fsitem_add", "FsiDirectoryItem.add");
        NAMES.put("imapi_fsitem_get_count", "FsiDirectoryItem.getCount()");
        NAMES.put("imapi_image_reader_list", "ImageReader.list");
        NAMES.put("imapi_job_wait", "ImapiJob.await");
        NAMES.put("imapi_stream_create_concatenation", "ImapiStreams.concatenate");
        NAMES.put("imapi_stream_create_pseudo_random", "ImapiStreams.pseudoRandom");
        NAMES.put("imapi_stream_create_user", "ImapiStream.fromSource");
    }

    /** A C name the tables do not cover, left as it is (JavaNamesTest keeps this from happening). */
    static final Pattern C_NAME = Pattern.compile("\\bimapi_[a-z0-9_]+|\\bIMAPI_(?![ES]_|EMU_)[A-Z0-9_]+\\*?");

    /**
     * The message with this binding's names.
     *
     * @param message a message of the library (imapi_error.message)
     * @return the message naming Java members; null stays null
     */
    static String toJava(String message) {
        if (message == null) return null;
        String m = message;
        for (Map.Entry<String, String> e : PHRASES.entrySet()) m = m.replace(e.getKey(), e.getValue());
        Matcher names = C_NAME.matcher(m);
        StringBuilder out = new StringBuilder();
        while (names.find()) names.appendReplacement(out, Matcher.quoteReplacement(NAMES.getOrDefault(names.group(), names.group())));
        names.appendTail(out);
        return out.toString();
    }
}
