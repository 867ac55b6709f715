package org.libimapi;

/**
 * IMAPI's status numbers (HRESULTs), as {@link ImapiException#getStatus} returns them, under
 * IMAPI's names without the IMAPI_ prefix. Negative numbers are errors; the others successes.
 */
public final class ImapiStatus {
    private ImapiStatus() {}

    /** Success. */
    public static final int S_OK = 0;
    /** Not implemented (a property IMAPI does not offer on this object). */
    public static final int E_NOTIMPL = 0x80004001;
    /** A required argument is null. */
    public static final int E_POINTER = 0x80004003;
    /** The operation was aborted. */
    public static final int E_ABORT = 0x80004004;
    /** An unspecified failure (the detail says what). */
    public static final int E_FAIL = 0x80004005;
    /** The system refused access (a device or file permission). */
    public static final int E_ACCESSDENIED = 0x80070005;
    /** The object was closed (or the handle is not one of the library's). */
    public static final int E_INVALID_HANDLE = 0x80070006;
    /** Out of memory. */
    public static final int E_OUTOFMEMORY = 0x8007000E;
    /** An argument is out of range or invalid. */
    public static final int E_INVALIDARG = 0x80070057;
    /** The operation was cancelled (a listener returned false, or cancel was called). */
    public static final int E_REQUEST_CANCELLED = 0xC0AA0002;
    /** A pass-through command completed, but the device returned sense data. */
    public static final int S_COMMAND_HAS_SENSE_DATA = 0x00AA0200;
    /** The object needs a recorder: set one first. */
    public static final int E_RECORDER_REQUIRED = 0xC0AA0003;
    /** The drive does not have that mode page. */
    public static final int E_RECORDER_NO_SUCH_MODE_PAGE = 0xC0AA0201;
    /** There is no medium in the drive. */
    public static final int E_RECORDER_MEDIA_NO_MEDIA = 0xC0AA0202;
    /** The medium is not compatible with the drive or the operation. */
    public static final int E_RECORDER_MEDIA_INCOMPATIBLE = 0xC0AA0203;
    /** The medium is inserted upside down. */
    public static final int E_RECORDER_MEDIA_UPSIDE_DOWN = 0xC0AA0204;
    /** The drive is still getting the medium ready: retry shortly. */
    public static final int E_RECORDER_MEDIA_BECOMING_READY = 0xC0AA0205;
    /** The medium is being formatted. */
    public static final int E_RECORDER_MEDIA_FORMAT_IN_PROGRESS = 0xC0AA0206;
    /** The drive is busy with a long operation. */
    public static final int E_RECORDER_MEDIA_BUSY = 0xC0AA0207;
    /** The drive rejected the mode page parameters. */
    public static final int E_RECORDER_INVALID_MODE_PARAMETERS = 0xC0AA0208;
    /** The medium is write-protected. */
    public static final int E_RECORDER_MEDIA_WRITE_PROTECTED = 0xC0AA0209;
    /** The drive does not have that feature page. */
    public static final int E_RECORDER_NO_SUCH_FEATURE = 0xC0AA020A;
    /** The feature exists but is not current for the medium in the drive. */
    public static final int E_RECORDER_FEATURE_IS_NOT_CURRENT = 0xC0AA020B;
    /** The drive does not support GET CONFIGURATION. */
    public static final int E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED = 0xC0AA020C;
    /** A device command timed out. */
    public static final int E_RECORDER_COMMAND_TIMEOUT = 0xC0AA020D;
    /** The medium has no such DVD structure. */
    public static final int E_RECORDER_DVD_STRUCTURE_NOT_PRESENT = 0xC0AA020E;
    /** The medium cannot be written at the requested speed. */
    public static final int E_RECORDER_MEDIA_SPEED_MISMATCH = 0xC0AA020F;
    /** Another client holds the drive exclusively. */
    public static final int E_RECORDER_LOCKED = 0xC0AA0210;
    /** The client name for exclusive access is not valid. */
    public static final int E_RECORDER_CLIENT_NAME_IS_NOT_VALID = 0xC0AA0211;
    /** The medium is not formatted. */
    public static final int E_RECORDER_MEDIA_NOT_FORMATTED = 0xC0AA0212;
    /** The device gave a response the library cannot use. */
    public static final int E_RECORDER_INVALID_RESPONSE_FROM_DEVICE = 0xC0AA02FF;
    /** The write failed because the data did not arrive fast enough (a buffer underrun). */
    public static final int E_LOSS_OF_STREAMING = 0xC0AA0300;
    /** The device answered a command unexpectedly. */
    public static final int E_UNEXPECTED_RESPONSE_FROM_DEVICE = 0xC0AA0301;
    /** An internal error of the file-system image code. */
    public static final int E_FSI_INTERNAL_ERROR = 0xC0AAB100;
    /** A parameter of the image is invalid (the detail names it). */
    public static final int E_INVALID_PARAM = 0xC0AAB101;
    /** The property or item is read-only. */
    public static final int E_READONLY = 0xC0AAB102;
    /** No file system would be written: choose at least one. */
    public static final int E_NO_OUTPUT = 0xC0AAB103;
    /** The volume name has characters or a length the file systems refuse. */
    public static final int E_INVALID_VOLUME_NAME = 0xC0AAB104;
    /** The date cannot be recorded. */
    public static final int E_INVALID_DATE = 0xC0AAB105;
    /** The file system is not empty. */
    public static final int E_FILE_SYSTEM_NOT_EMPTY = 0xC0AAB106;
    /** The item is not a file. */
    public static final int E_NOT_FILE = 0xC0AAB108;
    /** The item is not a directory. */
    public static final int E_NOT_DIR = 0xC0AAB109;
    /** The directory is not empty. */
    public static final int E_DIR_NOT_EMPTY = 0xC0AAB10A;
    /** The item is not part of this image. */
    public static final int E_NOT_IN_FILE_SYSTEM = 0xC0AAB10B;
    /** The path is not valid in the image. */
    public static final int E_INVALID_PATH = 0xC0AAB110;
    /** The name breaks the restricted character set in force. */
    public static final int E_RESTRICTED_NAME_VIOLATION = 0xC0AAB111;
    /** An item of that name already exists. */
    public static final int E_DUP_NAME = 0xC0AAB112;
    /** No unique short name could be made for the item. */
    public static final int E_NO_UNIQUE_NAME = 0xC0AAB113;
    /** No item at that path. */
    public static final int E_ITEM_NOT_FOUND = 0xC0AAB118;
    /** No file at that path. */
    public static final int E_FILE_NOT_FOUND = 0xC0AAB119;
    /** No directory at that path. */
    public static final int E_DIR_NOT_FOUND = 0xC0AAB11A;
    /** Adding this would exceed FreeMediaBlocks. */
    public static final int E_IMAGE_SIZE_LIMIT = 0xC0AAB120;
    /** The image is larger than the new limit allows. */
    public static final int E_IMAGE_TOO_BIG = 0xC0AAB121;
    /** A data stream changed size or content while the image was made. */
    public static final int E_DATA_STREAM_INCONSISTENCY = 0xC0AAB128;
    /** A data stream could not be read. */
    public static final int E_DATA_STREAM_READ_FAILURE = 0xC0AAB129;
    /** A data stream (usually a source file) could not be opened. */
    public static final int E_DATA_STREAM_CREATE_FAILURE = 0xC0AAB12A;
    /** A source directory could not be read. */
    public static final int E_DIRECTORY_READ_FAILURE = 0xC0AAB12B;
    /** The image has more directories than the file system can record. */
    public static final int E_TOO_MANY_DIRS = 0xC0AAB130;
    /** The tree is deeper than the ISO 9660 level allows. */
    public static final int E_ISO9660_LEVELS = 0xC0AAB131;
    /** A file is too large for the file systems chosen, or an extraction exceeds its limit. */
    public static final int E_DATA_TOO_BIG = 0xC0AAB132;
    /** The previous session cannot be continued with these settings. */
    public static final int E_INCOMPATIBLE_PREVIOUS_SESSION = 0xC0AAB133;
    /** A staging file could not be created. */
    public static final int E_STASHFILE_OPEN_FAILURE = 0xC0AAB138;
    /** Seeking in a staging file failed. */
    public static final int E_STASHFILE_SEEK_FAILURE = 0xC0AAB139;
    /** Writing a staging file failed. */
    public static final int E_STASHFILE_WRITE_FAILURE = 0xC0AAB13A;
    /** Reading a staging file failed. */
    public static final int E_STASHFILE_READ_FAILURE = 0xC0AAB13B;
    /** The working directory does not exist or cannot be written. */
    public static final int E_INVALID_WORKING_DIRECTORY = 0xC0AAB140;
    /** The working directory has too little free space. */
    public static final int E_WORKING_DIRECTORY_SPACE = 0xC0AAB141;
    /** A staging file could not be moved. */
    public static final int E_STASHFILE_MOVE = 0xC0AAB142;
    /** The boot image is not valid. */
    public static final int E_BOOT_IMAGE_DATA = 0xC0AAB148;
    /** A boot image is already set. */
    public static final int E_BOOT_OBJECT_CONFLICT = 0xC0AAB149;
    /** The boot image size does not fit the emulation type. */
    public static final int E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH = 0xC0AAB14A;
    /** The disc holds no session to import. */
    public static final int E_EMPTY_DISC = 0xC0AAB150;
    /** The session holds no file system the library reads. */
    public static final int E_NO_SUPPORTED_FILE_SYSTEM = 0xC0AAB151;
    /** The image or session does not hold that file system. */
    public static final int E_FILE_SYSTEM_NOT_FOUND = 0xC0AAB152;
    /** The file system is inconsistent (a malformed image). */
    public static final int E_FILE_SYSTEM_READ_CONSISTENCY_ERROR = 0xC0AAB153;
    /** The file system uses a feature the library does not read. */
    public static final int E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED = 0xC0AAB154;
    /** Importing: a file of the session is a directory in the image. */
    public static final int E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY = 0xC0AAB155;
    /** Importing: seeking in the previous session failed. */
    public static final int E_IMPORT_SEEK_FAILURE = 0xC0AAB156;
    /** Importing: reading the previous session failed. */
    public static final int E_IMPORT_READ_FAILURE = 0xC0AAB157;
    /** The medium is not the one the image was made for. */
    public static final int E_DISC_MISMATCH = 0xC0AAB158;
    /** This medium cannot be imported. */
    public static final int E_IMPORT_MEDIA_NOT_ALLOWED = 0xC0AAB159;
    /** The UDF revision cannot be written on this medium. */
    public static final int E_UDF_NOT_WRITE_COMPATIBLE = 0xC0AAB15A;
    /** The multisession interface does not fit the file systems chosen. */
    public static final int E_INCOMPATIBLE_MULTISESSION_TYPE = 0xC0AAB15B;
    /** No multisession interface fits the file systems chosen. */
    public static final int E_NO_COMPATIBLE_MULTISESSION_TYPE = 0xC0AAB15C;
    /** Importing needs a multisession interface in use. */
    public static final int E_MULTISESSION_NOT_SET = 0xC0AAB15D;
    /** Importing: a directory of the session is a file in the image. */
    public static final int E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE = 0xC0AAB15E;
    /** Success, but a feature of the image was not kept. */
    public static final int S_IMAGE_FEATURE_NOT_SUPPORTED = 0x00AAB15F;
    /** The property cannot be read or set now. */
    public static final int E_PROPERTY_NOT_ACCESSIBLE = 0xC0AAB160;
    /** An imported session fixes the UDF revision. */
    public static final int E_UDF_REVISION_CHANGE_NOT_ALLOWED = 0xC0AAB161;
    /** A multisession parameter is invalid. */
    public static final int E_BAD_MULTISESSION_PARAMETER = 0xC0AAB162;
    /** An imported session fixes the file systems. */
    public static final int E_FILE_SYSTEM_CHANGE_NOT_ALLOWED = 0xC0AAB163;
    /** The image size is not a multiple of 2048 bytes. */
    public static final int E_IMAGEMANAGER_IMAGE_NOT_ALIGNED = 0xC0AAB200;
    /** The image has no valid volume descriptor. */
    public static final int E_IMAGEMANAGER_NO_VALID_VD_FOUND = 0xC0AAB201;
    /** No image path or stream was set. */
    public static final int E_IMAGEMANAGER_NO_IMAGE = 0xC0AAB202;
    /** The image is too big. */
    public static final int E_IMAGEMANAGER_IMAGE_TOO_BIG = 0xC0AAB203;
    /** A wait ran out of time while the job is still running (libimapi). */
    public static final int S_JOB_RUNNING = 0x00AAF001;
    /** A job's result was asked for before it finished (libimapi). */
    public static final int E_JOB_NOT_FINISHED = 0xC0AAF002;
    /** An output file could not be created or written (libimapi). */
    public static final int E_OUTPUT_WRITE_FAILURE = 0xC0AAF003;
    /** Success: the write speed was changed to one the drive offers. */
    public static final int S_SPEEDADJUSTED = 0x00AA0004;
    /** Success: the rotation type was changed to one the drive offers. */
    public static final int S_ROTATIONADJUSTED = 0x00AA0005;
    /** Success: speed and rotation type were both changed. */
    public static final int S_BOTHADJUSTED = 0x00AA0006;
    /** Verification found a difference; {@link ImapiException#getLba} is the first bad block. */
    public static final int E_BURN_VERIFICATION_FAILED = 0xC0AA0007;
    /** CancelWrite with no write running. */
    public static final int S_WRITE_NOT_IN_PROGRESS = 0x00AA0302;
    /** A write is in progress on this writer or drive. */
    public static final int E_DF2DATA_WRITE_IN_PROGRESS = 0xC0AA0400;
    /** No write is in progress. */
    public static final int E_DF2DATA_WRITE_NOT_IN_PROGRESS = 0xC0AA0401;
    /** The medium's state does not allow the write (closed, damaged, or not appendable). */
    public static final int E_DF2DATA_INVALID_MEDIA_STATE = 0xC0AA0402;
    /** The data stream cannot be written (its size is not a whole number of sectors). */
    public static final int E_DF2DATA_STREAM_NOT_SUPPORTED = 0xC0AA0403;
    /** The data does not fit the free space on the medium. */
    public static final int E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA = 0xC0AA0404;
    /** The medium is not blank (set ForceOverwrite to overwrite it). */
    public static final int E_DF2DATA_MEDIA_NOT_BLANK = 0xC0AA0405;
    /** This writer does not support the medium in the drive. */
    public static final int E_DF2DATA_MEDIA_IS_NOT_SUPPORTED = 0xC0AA0406;
    /** This writer does not support the recorder. */
    public static final int E_DF2DATA_RECORDER_NOT_SUPPORTED = 0xC0AA0407;
    /** The client name is missing or not valid: set one before writing. */
    public static final int E_DF2DATA_CLIENT_NAME_IS_NOT_VALID = 0xC0AA0408;
    /** An erase or format is running on this object: wait for it to end. */
    public static final int E_ERASE_RECORDER_IN_USE = 0x80AA0900;
    /** Erase: clear the current recorder before setting another. */
    public static final int E_ERASE_ONLY_ONE_RECORDER_SUPPORTED = 0x80AA0901;
    /** Erase: the drive's disc information reply was too short. */
    public static final int E_ERASE_DISC_INFORMATION_TOO_SMALL = 0x80AA0902;
    /** Erase: the drive's mode page 2Ah reply was too short. */
    public static final int E_ERASE_MODE_PAGE_2A_TOO_SMALL = 0x80AA0903;
    /** The drive reports the disc as not erasable. */
    public static final int E_ERASE_MEDIA_IS_NOT_ERASABLE = 0x80AA0904;
    /** The drive refused BLANK or FORMAT UNIT; nothing was changed. */
    public static final int E_ERASE_DRIVE_FAILED_ERASE_COMMAND = 0x80AA0905;
    /** The drive was still erasing or formatting after an hour. */
    public static final int E_ERASE_TOOK_LONGER_THAN_ONE_HOUR = 0x80AA0906;
    /** The drive reported an error while erasing or formatting; the disc's state is unknown. */
    public static final int E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE = 0x80AA0907;
    /** Erase: the drive did not spin up. */
    public static final int E_ERASE_DRIVE_FAILED_SPINUP_COMMAND = 0x80AA0908;
    /** The disc has no such operation (erase: CD-RW and DVD-RW only; format: DVD+RW, DVD-RW, DVD-RAM, BD-RE, blank BD-R). */
    public static final int E_ERASE_MEDIA_IS_NOT_SUPPORTED = 0xC0AA0909;
    /** The drive can erase none of the media it takes. */
    public static final int E_ERASE_RECORDER_NOT_SUPPORTED = 0xC0AA090A;
    /** The client name is missing or not valid: set one before erasing. */
    public static final int E_ERASE_CLIENT_NAME_IS_NOT_VALID = 0xC0AA090B;
}
