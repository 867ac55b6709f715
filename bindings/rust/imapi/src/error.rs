//! [`Error`]: IMAPI's status plus the detail the library records for a failed call.
use std::ffi::CStr;
use std::fmt;
use std::io::ErrorKind;

use imapi_sys as sys;

use crate::rust_names::in_rust_terms;
use crate::status::Status;

/// A failed libimapi call: IMAPI's status code, a message saying what was wrong and
/// what to do, and the detail the library recorded (errno, SCSI sense, LBA, path).
///
/// `Display` gives `IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists` (the IMAPI
/// name and HRESULT, then the message), so `?` in `main` prints something useful;
/// messages name this crate's items, not the C functions behind them. It converts
/// into [`std::io::Error`] with the fitting [`ErrorKind`] ([`Error::io_kind`]),
/// keeping itself inside (`io_error.get_ref()` downcasts back to it).
///
/// ```
/// let image = imapi::FileSystemImage::new()?;
/// let mut root = image.root()?;
/// root.add_directory("dup")?;
/// let e = root.add_directory("dup").unwrap_err();
/// assert_eq!(e.code(), imapi::Status::DupName);
/// assert_eq!(e.to_string(), "IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists");
/// assert_eq!(e.io_kind(), std::io::ErrorKind::AlreadyExists);
/// # Ok::<(), imapi::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
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
            return Error::new(code, Status::from_raw(code).name());
        }
        let e = unsafe { &*e };
        Error {
            code,
            message: in_rust_terms(&borrowed(e.message)),
            os_error: e.os_error,
            sense: (e.sense_key >= 0).then_some((e.sense_key, e.asc, e.ascq)),
            lba: (e.lba >= 0).then_some(e.lba),
            path: borrowed(e.path),
        }
    }

    /// An error made on the Rust side (a NUL inside a string, a panicking callback).
    pub(crate) fn new(code: impl Into<i32>, message: impl Into<String>) -> Error {
        Error { code: code.into(), message: message.into(), os_error: 0, sense: None, lba: None, path: String::new() }
    }

    /// IMAPI's status ([`Status::DupName`], ...).
    pub fn code(&self) -> Status {
        Status::from_raw(self.code)
    }
    /// The raw status number (an HRESULT, negative), as IMAPI on Windows gives it.
    pub fn raw_code(&self) -> i32 {
        self.code
    }
    /// The status's IMAPI name (`"IMAPI_E_DUP_NAME"`).
    pub fn name(&self) -> &'static str {
        self.code().name()
    }
    /// What was wrong and what to do.
    pub fn message(&self) -> &str {
        &self.message
    }
    /// errno of the failing system call, or 0.
    pub fn os_error(&self) -> i32 {
        self.os_error
    }
    /// SCSI sense key, ASC and ASCQ, when a device answered with sense data.
    pub fn sense(&self) -> Option<(i32, i32, i32)> {
        self.sense
    }
    /// The sector address involved (e.g. the first bad block of a verification), if any.
    pub fn lba(&self) -> Option<i64> {
        self.lba
    }
    /// The file or image path involved, or "".
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The [`std::io::ErrorKind`] closest to this error: from errno when the library
    /// recorded one (ENOENT is `NotFound`, EACCES `PermissionDenied`, ENOSPC
    /// `StorageFull`, ...), else from the IMAPI status (`ItemNotFound` is `NotFound`,
    /// `DupName` `AlreadyExists`, `InvalidArg` `InvalidInput`, `RequestCancelled`
    /// `Interrupted`, `RecorderLocked` `ResourceBusy`, ...); `Other` when none fits.
    pub fn io_kind(&self) -> ErrorKind {
        errno_kind(self.os_error).unwrap_or_else(|| status_kind(self.code()))
    }
}

/// Linux errno values (no libc crate for a dozen numbers).
fn errno_kind(errno: i32) -> Option<ErrorKind> {
    Some(match errno {
        1 | 13 => ErrorKind::PermissionDenied, // EPERM, EACCES
        2 => ErrorKind::NotFound,              // ENOENT
        4 => ErrorKind::Interrupted,           // EINTR
        11 => ErrorKind::WouldBlock,           // EAGAIN
        12 => ErrorKind::OutOfMemory,          // ENOMEM
        16 => ErrorKind::ResourceBusy,         // EBUSY
        17 => ErrorKind::AlreadyExists,        // EEXIST
        20 => ErrorKind::NotADirectory,        // ENOTDIR
        21 => ErrorKind::IsADirectory,         // EISDIR
        22 => ErrorKind::InvalidInput,         // EINVAL
        27 => ErrorKind::FileTooLarge,         // EFBIG
        28 => ErrorKind::StorageFull,          // ENOSPC
        30 => ErrorKind::ReadOnlyFilesystem,   // EROFS
        36 => ErrorKind::InvalidInput,         // ENAMETOOLONG
        39 => ErrorKind::DirectoryNotEmpty,    // ENOTEMPTY
        95 => ErrorKind::Unsupported,          // EOPNOTSUPP
        110 => ErrorKind::TimedOut,            // ETIMEDOUT
        _ => return None,
    })
}

fn status_kind(status: Status) -> ErrorKind {
    use Status as S;
    match status {
        S::ItemNotFound | S::FileNotFound | S::DirNotFound | S::FileSystemNotFound | S::ImageManagerNoImage => {
            ErrorKind::NotFound
        }
        S::AccessDenied => ErrorKind::PermissionDenied,
        S::DupName => ErrorKind::AlreadyExists,
        S::NotDir => ErrorKind::NotADirectory,
        S::NotFile => ErrorKind::IsADirectory,
        S::DirNotEmpty => ErrorKind::DirectoryNotEmpty,
        S::InvalidArg
        | S::InvalidParam
        | S::Pointer
        | S::InvalidHandle
        | S::InvalidPath
        | S::InvalidVolumeName
        | S::InvalidDate
        | S::RestrictedNameViolation
        | S::InvalidWorkingDirectory
        | S::BadMultisessionParameter
        | S::RecorderClientNameIsNotValid
        | S::Df2DataClientNameIsNotValid
        | S::EraseClientNameIsNotValid => ErrorKind::InvalidInput,
        S::RequestCancelled | S::Abort => ErrorKind::Interrupted,
        S::OutOfMemory => ErrorKind::OutOfMemory,
        S::RecorderLocked | S::RecorderMediaBusy | S::Df2DataWriteInProgress | S::EraseRecorderInUse => {
            ErrorKind::ResourceBusy
        }
        S::EraseTookLongerThanOneHour => ErrorKind::TimedOut,
        S::RecorderCommandTimeout => ErrorKind::TimedOut,
        S::RecorderMediaWriteProtected => ErrorKind::ReadOnlyFilesystem,
        S::ImageSizeLimit | S::WorkingDirectorySpace | S::Df2DataStreamTooLargeForCurrentMedia => {
            ErrorKind::StorageFull
        }
        S::DataTooBig | S::ImageManagerImageTooBig => ErrorKind::FileTooLarge,
        S::NotImpl => ErrorKind::Unsupported,
        S::FileSystemReadConsistencyError
        | S::ImageManagerNoValidVdFound
        | S::ImageManagerImageNotAligned
        | S::DataStreamInconsistency => ErrorKind::InvalidData,
        _ => ErrorKind::Other,
    }
}

impl fmt::Display for Error {
    /// `IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists`: what went wrong and the code to look up.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (0x{:08X}): {}", self.name(), self.code as u32, self.message)
    }
}

impl fmt::Debug for Error {
    /// The code by name and number, the message, and only the detail that is there:
    /// `Error { code: IMAPI_E_DUP_NAME (0xC0AAB112), message: "'dup' already exists" }`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Error");
        d.field("code", &format_args!("{} (0x{:08X})", self.name(), self.code as u32));
        d.field("message", &self.message);
        if self.os_error != 0 {
            d.field("os_error", &format_args!("{} ({})", self.os_error, std::io::Error::from_raw_os_error(self.os_error)));
        }
        if let Some((key, asc, ascq)) = self.sense {
            d.field("sense", &format_args!("{key:02X}/{asc:02X}/{ascq:02X}"));
        }
        if let Some(lba) = self.lba {
            d.field("lba", &lba);
        }
        if !self.path.is_empty() {
            d.field("path", &self.path);
        }
        d.finish()
    }
}

impl std::error::Error for Error {}

impl From<Error> for std::io::Error {
    /// An `io::Error` of kind [`Error::io_kind`] holding `e` (same `Display`; downcast it back
    /// with `get_ref().and_then(|e| e.downcast_ref::<imapi::Error>())`).
    fn from(e: Error) -> std::io::Error {
        std::io::Error::new(e.io_kind(), e)
    }
}

/// `Result<T, imapi::Error>`.
pub type Result<T> = std::result::Result<T, Error>;

/// Negative statuses become `Err` with the thread's last error detail.
pub(crate) fn check(code: i32) -> Result<i32> {
    if code < 0 {
        Err(Error::last(code))
    } else {
        Ok(code)
    }
}

#[cfg(test)]
mod tests {
    use super::{Error, Status};
    use std::io::ErrorKind as K;

    #[test]
    fn io_kind_from_errno_first_then_the_status() {
        let with_errno = |status: Status, errno: i32| Error { os_error: errno, ..Error::new(status, "m") };
        for (errno, kind) in [(1, K::PermissionDenied), (13, K::PermissionDenied), (2, K::NotFound), (17, K::AlreadyExists),
                              (22, K::InvalidInput), (28, K::StorageFull), (30, K::ReadOnlyFilesystem), (110, K::TimedOut)] {
            assert_eq!(with_errno(Status::OutputWriteFailure, errno).io_kind(), kind, "errno {errno}");
        }
        assert_eq!(with_errno(Status::DupName, 5).io_kind(), K::AlreadyExists, "EIO has no kind: the status decides");
        for (status, kind) in [
            (Status::ItemNotFound, K::NotFound),
            (Status::FileSystemNotFound, K::NotFound),
            (Status::AccessDenied, K::PermissionDenied),
            (Status::DupName, K::AlreadyExists),
            (Status::InvalidArg, K::InvalidInput),
            (Status::InvalidParam, K::InvalidInput),
            (Status::RequestCancelled, K::Interrupted),
            (Status::RecorderLocked, K::ResourceBusy),
            (Status::RecorderCommandTimeout, K::TimedOut),
            (Status::RecorderMediaWriteProtected, K::ReadOnlyFilesystem),
            (Status::ImageSizeLimit, K::StorageFull),
            (Status::DataTooBig, K::FileTooLarge),
            (Status::NotImpl, K::Unsupported),
            (Status::FileSystemReadConsistencyError, K::InvalidData),
            (Status::OutOfMemory, K::OutOfMemory),
            (Status::RecorderMediaNoMedia, K::Other),
        ] {
            assert_eq!(Error::new(status, "m").io_kind(), kind, "{status}");
        }
    }
}
