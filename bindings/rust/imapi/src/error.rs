//! `imapi::Error`: IMAPI's HRESULT plus the detail `imapi_error_last` records.
use std::ffi::CStr;
use std::fmt;

use imapi_sys as sys;

/// IMAPI's status numbers (HRESULTs), as the C header names them.
pub mod status {
    pub use imapi_sys::{
        IMAPI_E_ACCESSDENIED as ACCESS_DENIED, IMAPI_E_DATA_STREAM_CREATE_FAILURE as DATA_STREAM_CREATE_FAILURE,
        IMAPI_E_DATA_STREAM_READ_FAILURE as DATA_STREAM_READ_FAILURE, IMAPI_E_DIRECTORY_READ_FAILURE as DIRECTORY_READ_FAILURE,
        IMAPI_E_DIR_NOT_EMPTY as DIR_NOT_EMPTY, IMAPI_E_DUP_NAME as DUP_NAME, IMAPI_E_FAIL as FAIL,
        IMAPI_E_FILE_SYSTEM_NOT_FOUND as FILE_SYSTEM_NOT_FOUND, IMAPI_E_IMAGEMANAGER_NO_IMAGE as IMAGEMANAGER_NO_IMAGE,
        IMAPI_E_IMAGE_SIZE_LIMIT as IMAGE_SIZE_LIMIT, IMAPI_E_IMAGE_TOO_BIG as IMAGE_TOO_BIG,
        IMAPI_E_INVALIDARG as INVALIDARG, IMAPI_E_INVALID_HANDLE as INVALID_HANDLE, IMAPI_E_INVALID_PARAM as INVALID_PARAM,
        IMAPI_E_INVALID_PATH as INVALID_PATH, IMAPI_E_INVALID_VOLUME_NAME as INVALID_VOLUME_NAME,
        IMAPI_E_ITEM_NOT_FOUND as ITEM_NOT_FOUND, IMAPI_E_JOB_NOT_FINISHED as JOB_NOT_FINISHED,
        IMAPI_E_NOT_DIR as NOT_DIR, IMAPI_E_NOT_FILE as NOT_FILE, IMAPI_E_NO_OUTPUT as NO_OUTPUT,
        IMAPI_E_OUTPUT_WRITE_FAILURE as OUTPUT_WRITE_FAILURE, IMAPI_E_POINTER as POINTER,
        IMAPI_E_REQUEST_CANCELLED as REQUEST_CANCELLED, IMAPI_S_JOB_RUNNING as JOB_RUNNING,
    };
    // Every other code is in imapi_sys under its C name (imapi_sys::IMAPI_E_...).
}

/// A failed libimapi call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    code: i32,
    message: String,
    os_error: i32,
    sense: Option<(i32, i32, i32)>,
    lba: Option<i64>,
    path: String,
}

fn borrowed(p: *const std::os::raw::c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        // SAFETY: the library gives NUL-terminated UTF-8 that lives at least until the next call.
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

impl Error {
    /// The calling thread's last error, which the failing call that returned `code` recorded.
    pub(crate) fn last(code: i32) -> Error {
        // SAFETY: imapi_error_last never fails; the pointer is valid until this thread's next failing call.
        let e = unsafe { sys::imapi_error_last() };
        if e.is_null() || unsafe { (*e).code } != code {
            return Error::new(code, status_name(code));
        }
        let e = unsafe { &*e };
        Error {
            code,
            message: borrowed(e.message),
            os_error: e.os_error,
            sense: (e.sense_key >= 0).then_some((e.sense_key, e.asc, e.ascq)),
            lba: (e.lba >= 0).then_some(e.lba),
            path: borrowed(e.path),
        }
    }

    /// An error made on the Rust side (a NUL inside a string, a panicking callback).
    pub(crate) fn new(code: i32, message: impl Into<String>) -> Error {
        Error { code, message: message.into(), os_error: 0, sense: None, lba: None, path: String::new() }
    }

    /// IMAPI's status number (an HRESULT, negative); compare with [`status`].
    pub fn code(&self) -> i32 {
        self.code
    }
    /// The code's C name ("IMAPI_E_DUP_NAME").
    pub fn name(&self) -> &'static str {
        status_name(self.code)
    }
    /// What was wrong and what to do.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// errno of the failing system call, or 0.
    pub fn os_error(&self) -> i32 {
        self.os_error
    }
    /// SCSI sense key, ASC, ASCQ when a device was involved.
    pub fn sense(&self) -> Option<(i32, i32, i32)> {
        self.sense
    }
    /// The sector address involved, if any.
    pub fn lba(&self) -> Option<i64> {
        self.lba
    }
    /// The file or image path involved, or "".
    pub fn path(&self) -> &str {
        &self.path
    }
}

impl fmt::Display for Error {
    /// `IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists`, so that `?` in
    /// `main` prints what went wrong and the code to look up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (0x{:08X}): {}", self.name(), self.code as u32, self.message)
    }
}

impl std::error::Error for Error {}

impl Error {
    /// The `std::io::ErrorKind` closest to this error: from errno when the library
    /// recorded one (ENOENT is NotFound, EACCES PermissionDenied, ...), else from the
    /// IMAPI code (ITEM_NOT_FOUND is NotFound, DUP_NAME AlreadyExists, INVALIDARG
    /// InvalidInput, REQUEST_CANCELLED Interrupted, ...); Other when none fits.
    pub fn kind(&self) -> std::io::ErrorKind {
        use std::io::ErrorKind as K;
        // Linux errno values (no libc crate for a dozen numbers).
        let by_errno = match self.os_error {
            1 | 13 => Some(K::PermissionDenied), // EPERM, EACCES
            2 => Some(K::NotFound),              // ENOENT
            16 => Some(K::ResourceBusy),         // EBUSY
            17 => Some(K::AlreadyExists),        // EEXIST
            20 => Some(K::NotADirectory),        // ENOTDIR
            21 => Some(K::IsADirectory),         // EISDIR
            22 => Some(K::InvalidInput),         // EINVAL
            28 => Some(K::StorageFull),          // ENOSPC
            30 => Some(K::ReadOnlyFilesystem),   // EROFS
            39 => Some(K::DirectoryNotEmpty),    // ENOTEMPTY
            _ => None,
        };
        if let Some(k) = by_errno {
            return k;
        }
        match self.code {
            sys::IMAPI_E_ITEM_NOT_FOUND | sys::IMAPI_E_FILE_SYSTEM_NOT_FOUND | sys::IMAPI_E_IMAGEMANAGER_NO_IMAGE => K::NotFound,
            sys::IMAPI_E_DUP_NAME => K::AlreadyExists,
            sys::IMAPI_E_NOT_DIR => K::NotADirectory,
            sys::IMAPI_E_DIR_NOT_EMPTY => K::DirectoryNotEmpty,
            sys::IMAPI_E_ACCESSDENIED => K::PermissionDenied,
            sys::IMAPI_E_INVALIDARG | sys::IMAPI_E_INVALID_PARAM | sys::IMAPI_E_INVALID_PATH | sys::IMAPI_E_POINTER
            | sys::IMAPI_E_INVALID_VOLUME_NAME => K::InvalidInput,
            sys::IMAPI_E_REQUEST_CANCELLED => K::Interrupted,
            sys::IMAPI_E_OUTOFMEMORY => K::OutOfMemory,
            sys::IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR
            | sys::IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND
            | sys::IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED => K::InvalidData,
            _ => K::Other,
        }
    }
}

impl From<Error> for std::io::Error {
    /// Keeps the error (its Display, code and detail) inside, with [`Error::kind`].
    fn from(e: Error) -> std::io::Error {
        std::io::Error::new(e.kind(), e)
    }
}

/// `Result<T, imapi::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// The C name of a status ("IMAPI_E_DUP_NAME", or "IMAPI_UNKNOWN_STATUS").
pub fn status_name(code: i32) -> &'static str {
    // SAFETY: static storage, never freed.
    let p = unsafe { sys::imapi_status_name(code) };
    if p.is_null() {
        return "IMAPI_UNKNOWN_STATUS";
    }
    unsafe { CStr::from_ptr(p) }.to_str().unwrap_or("IMAPI_UNKNOWN_STATUS")
}

/// Negative statuses become `Err` with the thread's last error detail.
pub(crate) fn check(code: i32) -> Result<i32> {
    if code < 0 {
        Err(Error::last(code))
    } else {
        Ok(code)
    }
}
