//! [`Status`]: every status code of `imapi_c.h` as a Rust enum.
use std::ffi::CStr;
use std::fmt;

use imapi_sys as sys;

/// The IMAPI name a library newer than this crate gives a code (static storage), or
/// `"IMAPI_UNKNOWN_STATUS"`.
fn library_name(code: i32) -> &'static str {
    // SAFETY: imapi_status_name never fails and returns static storage.
    let p = unsafe { sys::imapi_status_name(code) };
    if p.is_null() {
        return "IMAPI_UNKNOWN_STATUS";
    }
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("IMAPI_UNKNOWN_STATUS")
}

macro_rules! statuses {
    ($( $(#[doc = $doc:literal])* $variant:ident = $c:ident, )*) => {
        /// An IMAPI status code (an HRESULT, as on Windows): [`Error::code`](crate::Error::code)
        /// of a failed call, and the few success codes the C API reports.
        ///
        /// Every code `imapi_c.h` defines has a variant (a test compares them with the
        /// header); a code this crate does not know, from a newer library, is
        /// [`Status::Unknown`]. Its `Display` is the IMAPI name (`IMAPI_E_DUP_NAME`).
        ///
        /// ```
        /// use imapi::Status;
        /// assert_eq!(Status::from_raw(0xC0AAB112u32 as i32), Status::DupName);
        /// assert_eq!(Status::DupName.to_string(), "IMAPI_E_DUP_NAME");
        /// assert!(Status::DupName.is_error() && !Status::JobRunning.is_error());
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Status {
            $( $(#[doc = $doc])* #[doc = concat!("`", stringify!($c), "`.")] $variant, )*
            /// A code this crate does not know (from a newer library), with its raw value.
            /// [`Status::from_raw`] never makes it for a known code.
            Unknown(i32),
        }

        impl Status {
            /// Every known status, in the header's order.
            pub const ALL: &'static [Status] = &[$(Status::$variant),*];

            /// The status of a raw code (`Unknown` when this crate does not know it).
            pub fn from_raw(code: i32) -> Status {
                match code {
                    $( sys::$c => Status::$variant, )*
                    other => Status::Unknown(other),
                }
            }

            /// The raw code (negative for errors).
            pub fn raw(self) -> i32 {
                match self {
                    $( Status::$variant => sys::$c, )*
                    Status::Unknown(code) => code,
                }
            }

            /// The IMAPI name (`"IMAPI_E_DUP_NAME"`); for `Unknown`, the name the library
            /// gives it, or `"IMAPI_UNKNOWN_STATUS"`.
            pub fn name(self) -> &'static str {
                match self {
                    $( Status::$variant => stringify!($c), )*
                    Status::Unknown(code) => library_name(code),
                }
            }
        }
    };
}

statuses! {
    /// Success.
    Ok = IMAPI_S_OK,
    /// Not implemented (IMAPI answers E_NOTIMPL there too).
    NotImpl = IMAPI_E_NOTIMPL,
    /// A required pointer was NULL (in Rust: the library was handed no value).
    Pointer = IMAPI_E_POINTER,
    /// The operation was aborted.
    Abort = IMAPI_E_ABORT,
    /// Unspecified failure; the message says what failed.
    Fail = IMAPI_E_FAIL,
    /// Access denied: a device or file could not be opened, or an operation needs privileges (root to unmount).
    AccessDenied = IMAPI_E_ACCESSDENIED,
    /// HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE): a NULL, freed or wrong-type handle.
    InvalidHandle = IMAPI_E_INVALID_HANDLE,
    /// Out of memory.
    OutOfMemory = IMAPI_E_OUTOFMEMORY,
    /// An argument is invalid (out of range, malformed, a NUL inside a string); the message names it.
    InvalidArg = IMAPI_E_INVALIDARG,
    /// The operation was cancelled (a progress closure returned false or panicked, or `cancel` was called).
    RequestCancelled = IMAPI_E_REQUEST_CANCELLED,
    /// The command completed but the device returned sense data (raw pass-through).
    CommandHasSenseData = IMAPI_S_COMMAND_HAS_SENSE_DATA,
    /// The call needs a recorder, and none was set.
    RecorderRequired = IMAPI_E_RECORDER_REQUIRED,
    /// The drive has no such mode page, or keeps no saved values.
    RecorderNoSuchModePage = IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE,
    /// There is no medium in the drive.
    RecorderMediaNoMedia = IMAPI_E_RECORDER_MEDIA_NO_MEDIA,
    /// The medium is not compatible, or of an unknown physical format.
    RecorderMediaIncompatible = IMAPI_E_RECORDER_MEDIA_INCOMPATIBLE,
    /// The medium is inserted upside down.
    RecorderMediaUpsideDown = IMAPI_E_RECORDER_MEDIA_UPSIDE_DOWN,
    /// The drive is becoming ready; try again shortly.
    RecorderMediaBecomingReady = IMAPI_E_RECORDER_MEDIA_BECOMING_READY,
    /// The medium is being formatted.
    RecorderMediaFormatInProgress = IMAPI_E_RECORDER_MEDIA_FORMAT_IN_PROGRESS,
    /// The drive is busy with a long operation.
    RecorderMediaBusy = IMAPI_E_RECORDER_MEDIA_BUSY,
    /// The drive refused the mode parameters.
    RecorderInvalidModeParameters = IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS,
    /// The medium is write-protected.
    RecorderMediaWriteProtected = IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED,
    /// The drive does not have that feature.
    RecorderNoSuchFeature = IMAPI_E_RECORDER_NO_SUCH_FEATURE,
    /// The drive has the feature, but it is not current for the medium.
    RecorderFeatureIsNotCurrent = IMAPI_E_RECORDER_FEATURE_IS_NOT_CURRENT,
    /// The drive does not support GET CONFIGURATION.
    RecorderGetConfigurationNotSupported = IMAPI_E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED,
    /// The drive did not complete the command in time.
    RecorderCommandTimeout = IMAPI_E_RECORDER_COMMAND_TIMEOUT,
    /// The medium has no such DVD structure.
    RecorderDvdStructureNotPresent = IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT,
    /// The medium's speed does not fit the drive.
    RecorderMediaSpeedMismatch = IMAPI_E_RECORDER_MEDIA_SPEED_MISMATCH,
    /// Another handle or process holds the drive exclusively (the message names it), or the medium is mounted.
    RecorderLocked = IMAPI_E_RECORDER_LOCKED,
    /// The client name is not valid (1-64 letters, digits, spaces, `.`, `_` or `-`).
    RecorderClientNameIsNotValid = IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID,
    /// The medium is not formatted.
    RecorderMediaNotFormatted = IMAPI_E_RECORDER_MEDIA_NOT_FORMATTED,
    /// The drive answered with data the library could not use.
    RecorderInvalidResponseFromDevice = IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE,
    /// The write failed: the drive was not fed fast enough (buffer underrun).
    LossOfStreaming = IMAPI_E_LOSS_OF_STREAMING,
    /// The write failed with an error the drive reported (sense in [`Error::sense`](crate::Error::sense)).
    UnexpectedResponseFromDevice = IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE,
    /// An internal error of the image code.
    FsiInternalError = IMAPI_E_FSI_INTERNAL_ERROR,
    /// A parameter is invalid (a value IMAPI does not define, a file-system combination that cannot be).
    InvalidParam = IMAPI_E_INVALID_PARAM,
    /// The property or object is read-only.
    ReadOnly = IMAPI_E_READONLY,
    /// No file system to create was chosen.
    NoOutput = IMAPI_E_NO_OUTPUT,
    /// The volume name is not valid (too long, or a forbidden character).
    InvalidVolumeName = IMAPI_E_INVALID_VOLUME_NAME,
    /// The date is not valid (e.g. before the creation time).
    InvalidDate = IMAPI_E_INVALID_DATE,
    /// The image must be empty for this change.
    FileSystemNotEmpty = IMAPI_E_FILE_SYSTEM_NOT_EMPTY,
    /// The item is not a file (a directory or link).
    NotFile = IMAPI_E_NOT_FILE,
    /// The item is not a directory.
    NotDir = IMAPI_E_NOT_DIR,
    /// The directory is not empty.
    DirNotEmpty = IMAPI_E_DIR_NOT_EMPTY,
    /// The item is not in the image (a detached item).
    NotInFileSystem = IMAPI_E_NOT_IN_FILE_SYSTEM,
    /// The path is not valid (e.g. a host name that is not UTF-8).
    InvalidPath = IMAPI_E_INVALID_PATH,
    /// The name breaks the restricted character set (printable ASCII only).
    RestrictedNameViolation = IMAPI_E_RESTRICTED_NAME_VIOLATION,
    /// An item of that name already exists.
    DupName = IMAPI_E_DUP_NAME,
    /// No unique name could be made for an item in a file system that shortens names.
    NoUniqueName = IMAPI_E_NO_UNIQUE_NAME,
    /// No item at that path.
    ItemNotFound = IMAPI_E_ITEM_NOT_FOUND,
    /// No file at that path.
    FileNotFound = IMAPI_E_FILE_NOT_FOUND,
    /// No directory at that path.
    DirNotFound = IMAPI_E_DIR_NOT_FOUND,
    /// Adding this would make the image larger than FreeMediaBlocks.
    ImageSizeLimit = IMAPI_E_IMAGE_SIZE_LIMIT,
    /// The image is larger than the FreeMediaBlocks asked for.
    ImageTooBig = IMAPI_E_IMAGE_TOO_BIG,
    /// A stream ended before the size it had when it was added.
    DataStreamInconsistency = IMAPI_E_DATA_STREAM_INCONSISTENCY,
    /// Reading a stream (a file's data, a source) failed; the message names it.
    DataStreamReadFailure = IMAPI_E_DATA_STREAM_READ_FAILURE,
    /// A stream could not be created (the file could not be opened; errno in [`Error::os_error`](crate::Error::os_error)).
    DataStreamCreateFailure = IMAPI_E_DATA_STREAM_CREATE_FAILURE,
    /// A host directory could not be read.
    DirectoryReadFailure = IMAPI_E_DIRECTORY_READ_FAILURE,
    /// Too many directories for ISO 9660's path table.
    TooManyDirs = IMAPI_E_TOO_MANY_DIRS,
    /// The tree needs a higher ISO 9660 interchange level.
    Iso9660Levels = IMAPI_E_ISO9660_LEVELS,
    /// A file or an extraction is too large for the file systems or the limit chosen.
    DataTooBig = IMAPI_E_DATA_TOO_BIG,
    /// The previous session cannot be continued by this image.
    IncompatiblePreviousSession = IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION,
    /// A stash file for staging could not be created.
    StashFileOpenFailure = IMAPI_E_STASHFILE_OPEN_FAILURE,
    /// Seeking in a stash file failed.
    StashFileSeekFailure = IMAPI_E_STASHFILE_SEEK_FAILURE,
    /// Writing a stash file failed.
    StashFileWriteFailure = IMAPI_E_STASHFILE_WRITE_FAILURE,
    /// Reading a stash file failed.
    StashFileReadFailure = IMAPI_E_STASHFILE_READ_FAILURE,
    /// The working directory is not valid.
    InvalidWorkingDirectory = IMAPI_E_INVALID_WORKING_DIRECTORY,
    /// The working directory has too little free space for staging.
    WorkingDirectorySpace = IMAPI_E_WORKING_DIRECTORY_SPACE,
    /// A stash file could not be moved.
    StashFileMove = IMAPI_E_STASHFILE_MOVE,
    /// The boot image data is not valid.
    BootImageData = IMAPI_E_BOOT_IMAGE_DATA,
    /// A boot object conflicts with another.
    BootObjectConflict = IMAPI_E_BOOT_OBJECT_CONFLICT,
    /// The boot image's size does not fit its emulation type.
    BootEmulationImageSizeMismatch = IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH,
    /// The disc holds nothing to read or import.
    EmptyDisc = IMAPI_E_EMPTY_DISC,
    /// None of the file systems named is one the library imports.
    NoSupportedFileSystem = IMAPI_E_NO_SUPPORTED_FILE_SYSTEM,
    /// The image has no such file system.
    FileSystemNotFound = IMAPI_E_FILE_SYSTEM_NOT_FOUND,
    /// A file system's structures are inconsistent (the block in [`Error::lba`](crate::Error::lba)).
    FileSystemReadConsistencyError = IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR,
    /// The image uses a file-system feature the library does not support.
    FileSystemFeatureNotSupported = IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED,
    /// Importing a file where the tree has a directory of that name.
    ImportTypeCollisionFileExistsAsDirectory = IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY,
    /// Seeking in the image being imported failed.
    ImportSeekFailure = IMAPI_E_IMPORT_SEEK_FAILURE,
    /// Reading the image being imported failed.
    ImportReadFailure = IMAPI_E_IMPORT_READ_FAILURE,
    /// The disc is not the one the import came from.
    DiscMismatch = IMAPI_E_DISC_MISMATCH,
    /// Importing from this medium is not allowed.
    ImportMediaNotAllowed = IMAPI_E_IMPORT_MEDIA_NOT_ALLOWED,
    /// The UDF revision cannot be written for this medium or session.
    UdfNotWriteCompatible = IMAPI_E_UDF_NOT_WRITE_COMPATIBLE,
    /// The multisession kind does not fit the medium.
    IncompatibleMultisessionType = IMAPI_E_INCOMPATIBLE_MULTISESSION_TYPE,
    /// No multisession kind fits the medium.
    NoCompatibleMultisessionType = IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE,
    /// A multisession interface must be set first.
    MultisessionNotSet = IMAPI_E_MULTISESSION_NOT_SET,
    /// Importing a directory where the tree has a file of that name.
    ImportTypeCollisionDirectoryExistsAsFile = IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE,
    /// Success, but a feature of the image is not supported.
    ImageFeatureNotSupported = IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED,
    /// The property cannot be read or set now.
    PropertyNotAccessible = IMAPI_E_PROPERTY_NOT_ACCESSIBLE,
    /// The UDF revision cannot change after an import.
    UdfRevisionChangeNotAllowed = IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED,
    /// A multisession parameter is not valid.
    BadMultisessionParameter = IMAPI_E_BAD_MULTISESSION_PARAMETER,
    /// The file systems cannot change after an import.
    FileSystemChangeNotAllowed = IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED,
    /// The image is not a whole number of 2048-byte blocks.
    ImageManagerImageNotAligned = IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED,
    /// The image has no valid primary volume descriptor.
    ImageManagerNoValidVdFound = IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND,
    /// No image path or stream was set.
    ImageManagerNoImage = IMAPI_E_IMAGEMANAGER_NO_IMAGE,
    /// The image is larger than 2^31-1 blocks.
    ImageManagerImageTooBig = IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG,
    /// imapi_job_wait(): the job is still running when the timeout expired.
    JobRunning = IMAPI_S_JOB_RUNNING,
    /// A job's result was asked for before it finished.
    JobNotFinished = IMAPI_E_JOB_NOT_FINISHED,
    /// An output file could not be created or written.
    OutputWriteFailure = IMAPI_E_OUTPUT_WRITE_FAILURE,
    /// SetWriteSpeed: the requested speed is not offered; the nearest lower one (or the slowest) is used.
    SpeedAdjusted = IMAPI_S_SPEEDADJUSTED,
    /// SetWriteSpeed: the requested rotation (pure CAV or not) is not offered; the other one is used.
    RotationAdjusted = IMAPI_S_ROTATIONADJUSTED,
    /// SetWriteSpeed: both speed and rotation were adjusted.
    BothAdjusted = IMAPI_S_BOTHADJUSTED,
    /// Burn verification found a difference; the message and imapi_error.lba name the first bad block.
    BurnVerificationFailed = IMAPI_E_BURN_VERIFICATION_FAILED,
    /// CancelWrite with no write running.
    WriteNotInProgress = IMAPI_S_WRITE_NOT_IN_PROGRESS,
    /// A write is running on this writer.
    Df2DataWriteInProgress = IMAPI_E_DF2DATA_WRITE_IN_PROGRESS,
    /// No write is running.
    Df2DataWriteNotInProgress = IMAPI_E_DF2DATA_WRITE_NOT_IN_PROGRESS,
    /// The medium's state does not allow this write (closed, or a state the writer cannot continue).
    Df2DataInvalidMediaState = IMAPI_E_DF2DATA_INVALID_MEDIA_STATE,
    /// The stream cannot be written (its size is 0 or not a multiple of 2048).
    Df2DataStreamNotSupported = IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED,
    /// The stream is larger than the free space of the medium.
    Df2DataStreamTooLargeForCurrentMedia = IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA,
    /// The medium is not blank (set ForceOverwrite, or write a new session).
    Df2DataMediaNotBlank = IMAPI_E_DF2DATA_MEDIA_NOT_BLANK,
    /// The writer does not write this medium.
    Df2DataMediaIsNotSupported = IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED,
    /// The writer does not support this recorder.
    Df2DataRecorderNotSupported = IMAPI_E_DF2DATA_RECORDER_NOT_SUPPORTED,
    /// The client name is not valid, or none was set.
    Df2DataClientNameIsNotValid = IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID,
    /// An erase or format is running on this object: wait for it to end.
    EraseRecorderInUse = IMAPI_E_ERASE_RECORDER_IN_USE,
    /// Erase: clear the current recorder before setting another.
    EraseOnlyOneRecorderSupported = IMAPI_E_ERASE_ONLY_ONE_RECORDER_SUPPORTED,
    /// Erase: the drive's disc information reply was too short.
    EraseDiscInformationTooSmall = IMAPI_E_ERASE_DISC_INFORMATION_TOO_SMALL,
    /// Erase: the drive's mode page 2Ah reply was too short.
    EraseModePage2aTooSmall = IMAPI_E_ERASE_MODE_PAGE_2A_TOO_SMALL,
    /// The drive reports the disc as not erasable.
    EraseMediaIsNotErasable = IMAPI_E_ERASE_MEDIA_IS_NOT_ERASABLE,
    /// The drive refused BLANK or FORMAT UNIT; nothing was changed.
    EraseDriveFailedEraseCommand = IMAPI_E_ERASE_DRIVE_FAILED_ERASE_COMMAND,
    /// The drive was still erasing or formatting after an hour.
    EraseTookLongerThanOneHour = IMAPI_E_ERASE_TOOK_LONGER_THAN_ONE_HOUR,
    /// The drive reported an error while erasing or formatting; the disc's state is unknown.
    EraseUnexpectedDriveResponseDuringErase = IMAPI_E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE,
    /// Erase: the drive did not spin up.
    EraseDriveFailedSpinupCommand = IMAPI_E_ERASE_DRIVE_FAILED_SPINUP_COMMAND,
    /// The disc has no such operation (erase: CD-RW and DVD-RW only; format: DVD+RW, DVD-RW, DVD-RAM, BD-RE, blank BD-R).
    EraseMediaIsNotSupported = IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
    /// The drive can erase none of the media it takes.
    EraseRecorderNotSupported = IMAPI_E_ERASE_RECORDER_NOT_SUPPORTED,
    /// The client name is missing or not valid: set one before erasing.
    EraseClientNameIsNotValid = IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID,
}

impl Status {
    /// True for failures (negative codes), false for success codes.
    pub fn is_error(self) -> bool {
        self.raw() < 0
    }
}

impl fmt::Display for Status {
    /// The IMAPI name, `IMAPI_E_DUP_NAME`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Status> for i32 {
    /// [`Status::raw`].
    fn from(s: Status) -> i32 {
        s.raw()
    }
}
