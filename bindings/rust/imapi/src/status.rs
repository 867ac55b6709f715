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
    NotImpl = IMAPI_E_NOTIMPL,
    Pointer = IMAPI_E_POINTER,
    Abort = IMAPI_E_ABORT,
    Fail = IMAPI_E_FAIL,
    AccessDenied = IMAPI_E_ACCESSDENIED,
    /// HRESULT_FROM_WIN32(ERROR_INVALID_HANDLE): a NULL, freed or wrong-type handle.
    InvalidHandle = IMAPI_E_INVALID_HANDLE,
    OutOfMemory = IMAPI_E_OUTOFMEMORY,
    InvalidArg = IMAPI_E_INVALIDARG,
    RequestCancelled = IMAPI_E_REQUEST_CANCELLED,
    /// The command completed but the device returned sense data (raw pass-through).
    CommandHasSenseData = IMAPI_S_COMMAND_HAS_SENSE_DATA,
    RecorderRequired = IMAPI_E_RECORDER_REQUIRED,
    RecorderNoSuchModePage = IMAPI_E_RECORDER_NO_SUCH_MODE_PAGE,
    RecorderMediaNoMedia = IMAPI_E_RECORDER_MEDIA_NO_MEDIA,
    RecorderMediaIncompatible = IMAPI_E_RECORDER_MEDIA_INCOMPATIBLE,
    RecorderMediaUpsideDown = IMAPI_E_RECORDER_MEDIA_UPSIDE_DOWN,
    RecorderMediaBecomingReady = IMAPI_E_RECORDER_MEDIA_BECOMING_READY,
    RecorderMediaFormatInProgress = IMAPI_E_RECORDER_MEDIA_FORMAT_IN_PROGRESS,
    RecorderMediaBusy = IMAPI_E_RECORDER_MEDIA_BUSY,
    RecorderInvalidModeParameters = IMAPI_E_RECORDER_INVALID_MODE_PARAMETERS,
    RecorderMediaWriteProtected = IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED,
    RecorderNoSuchFeature = IMAPI_E_RECORDER_NO_SUCH_FEATURE,
    RecorderFeatureIsNotCurrent = IMAPI_E_RECORDER_FEATURE_IS_NOT_CURRENT,
    RecorderGetConfigurationNotSupported = IMAPI_E_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED,
    RecorderCommandTimeout = IMAPI_E_RECORDER_COMMAND_TIMEOUT,
    RecorderDvdStructureNotPresent = IMAPI_E_RECORDER_DVD_STRUCTURE_NOT_PRESENT,
    RecorderMediaSpeedMismatch = IMAPI_E_RECORDER_MEDIA_SPEED_MISMATCH,
    RecorderLocked = IMAPI_E_RECORDER_LOCKED,
    RecorderClientNameIsNotValid = IMAPI_E_RECORDER_CLIENT_NAME_IS_NOT_VALID,
    RecorderMediaNotFormatted = IMAPI_E_RECORDER_MEDIA_NOT_FORMATTED,
    RecorderInvalidResponseFromDevice = IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE,
    LossOfStreaming = IMAPI_E_LOSS_OF_STREAMING,
    UnexpectedResponseFromDevice = IMAPI_E_UNEXPECTED_RESPONSE_FROM_DEVICE,
    FsiInternalError = IMAPI_E_FSI_INTERNAL_ERROR,
    InvalidParam = IMAPI_E_INVALID_PARAM,
    Readonly = IMAPI_E_READONLY,
    NoOutput = IMAPI_E_NO_OUTPUT,
    InvalidVolumeName = IMAPI_E_INVALID_VOLUME_NAME,
    InvalidDate = IMAPI_E_INVALID_DATE,
    FileSystemNotEmpty = IMAPI_E_FILE_SYSTEM_NOT_EMPTY,
    NotFile = IMAPI_E_NOT_FILE,
    NotDir = IMAPI_E_NOT_DIR,
    DirNotEmpty = IMAPI_E_DIR_NOT_EMPTY,
    NotInFileSystem = IMAPI_E_NOT_IN_FILE_SYSTEM,
    InvalidPath = IMAPI_E_INVALID_PATH,
    RestrictedNameViolation = IMAPI_E_RESTRICTED_NAME_VIOLATION,
    DupName = IMAPI_E_DUP_NAME,
    NoUniqueName = IMAPI_E_NO_UNIQUE_NAME,
    ItemNotFound = IMAPI_E_ITEM_NOT_FOUND,
    FileNotFound = IMAPI_E_FILE_NOT_FOUND,
    DirNotFound = IMAPI_E_DIR_NOT_FOUND,
    ImageSizeLimit = IMAPI_E_IMAGE_SIZE_LIMIT,
    ImageTooBig = IMAPI_E_IMAGE_TOO_BIG,
    DataStreamInconsistency = IMAPI_E_DATA_STREAM_INCONSISTENCY,
    DataStreamReadFailure = IMAPI_E_DATA_STREAM_READ_FAILURE,
    DataStreamCreateFailure = IMAPI_E_DATA_STREAM_CREATE_FAILURE,
    DirectoryReadFailure = IMAPI_E_DIRECTORY_READ_FAILURE,
    TooManyDirs = IMAPI_E_TOO_MANY_DIRS,
    Iso9660Levels = IMAPI_E_ISO9660_LEVELS,
    DataTooBig = IMAPI_E_DATA_TOO_BIG,
    IncompatiblePreviousSession = IMAPI_E_INCOMPATIBLE_PREVIOUS_SESSION,
    StashFileOpenFailure = IMAPI_E_STASHFILE_OPEN_FAILURE,
    StashFileSeekFailure = IMAPI_E_STASHFILE_SEEK_FAILURE,
    StashFileWriteFailure = IMAPI_E_STASHFILE_WRITE_FAILURE,
    StashFileReadFailure = IMAPI_E_STASHFILE_READ_FAILURE,
    InvalidWorkingDirectory = IMAPI_E_INVALID_WORKING_DIRECTORY,
    WorkingDirectorySpace = IMAPI_E_WORKING_DIRECTORY_SPACE,
    StashFileMove = IMAPI_E_STASHFILE_MOVE,
    BootImageData = IMAPI_E_BOOT_IMAGE_DATA,
    BootObjectConflict = IMAPI_E_BOOT_OBJECT_CONFLICT,
    BootEmulationImageSizeMismatch = IMAPI_E_BOOT_EMULATION_IMAGE_SIZE_MISMATCH,
    EmptyDisc = IMAPI_E_EMPTY_DISC,
    NoSupportedFileSystem = IMAPI_E_NO_SUPPORTED_FILE_SYSTEM,
    FileSystemNotFound = IMAPI_E_FILE_SYSTEM_NOT_FOUND,
    FileSystemReadConsistencyError = IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR,
    FileSystemFeatureNotSupported = IMAPI_E_FILE_SYSTEM_FEATURE_NOT_SUPPORTED,
    ImportTypeCollisionFileExistsAsDirectory = IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY,
    ImportSeekFailure = IMAPI_E_IMPORT_SEEK_FAILURE,
    ImportReadFailure = IMAPI_E_IMPORT_READ_FAILURE,
    DiscMismatch = IMAPI_E_DISC_MISMATCH,
    ImportMediaNotAllowed = IMAPI_E_IMPORT_MEDIA_NOT_ALLOWED,
    UdfNotWriteCompatible = IMAPI_E_UDF_NOT_WRITE_COMPATIBLE,
    IncompatibleMultisessionType = IMAPI_E_INCOMPATIBLE_MULTISESSION_TYPE,
    NoCompatibleMultisessionType = IMAPI_E_NO_COMPATIBLE_MULTISESSION_TYPE,
    MultisessionNotSet = IMAPI_E_MULTISESSION_NOT_SET,
    ImportTypeCollisionDirectoryExistsAsFile = IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE,
    ImageFeatureNotSupported = IMAPI_S_IMAGE_FEATURE_NOT_SUPPORTED,
    PropertyNotAccessible = IMAPI_E_PROPERTY_NOT_ACCESSIBLE,
    UdfRevisionChangeNotAllowed = IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED,
    BadMultisessionParameter = IMAPI_E_BAD_MULTISESSION_PARAMETER,
    FileSystemChangeNotAllowed = IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED,
    ImageManagerImageNotAligned = IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED,
    ImageManagerNoValidVdFound = IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND,
    ImageManagerNoImage = IMAPI_E_IMAGEMANAGER_NO_IMAGE,
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
    Df2DataWriteInProgress = IMAPI_E_DF2DATA_WRITE_IN_PROGRESS,
    Df2DataWriteNotInProgress = IMAPI_E_DF2DATA_WRITE_NOT_IN_PROGRESS,
    Df2DataInvalidMediaState = IMAPI_E_DF2DATA_INVALID_MEDIA_STATE,
    Df2DataStreamNotSupported = IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED,
    Df2DataStreamTooLargeForCurrentMedia = IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA,
    Df2DataMediaNotBlank = IMAPI_E_DF2DATA_MEDIA_NOT_BLANK,
    Df2DataMediaIsNotSupported = IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED,
    Df2DataRecorderNotSupported = IMAPI_E_DF2DATA_RECORDER_NOT_SUPPORTED,
    Df2DataClientNameIsNotValid = IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID,
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
