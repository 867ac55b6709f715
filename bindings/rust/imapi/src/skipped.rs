//! What AddTree left out of an image (an extension beyond IMAPI).
use std::ffi::{CStr, OsStr};
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use crate::error::{check, Result};
use crate::ffi::out;
use crate::image::FileSystemImage;
use imapi_sys as sys;

int_enum! {
    /// Why [`FsiItem::add_tree`](crate::FsiItem::add_tree) left a host entry out
    /// (`IMAPI_SKIPPED_*`). An image holds directories, files and symbolic links only.
    SkipReason {
        /// A FIFO (named pipe).
        Fifo = sys::IMAPI_SKIPPED_FIFO,
        /// A Unix domain socket.
        Socket = sys::IMAPI_SKIPPED_SOCKET,
        /// A character device.
        CharacterDevice = sys::IMAPI_SKIPPED_CHARACTER_DEVICE,
        /// A block device.
        BlockDevice = sys::IMAPI_SKIPPED_BLOCK_DEVICE,
        /// A symbolic link, under [`SymlinkPolicy::Skip`](crate::SymlinkPolicy::Skip).
        Symlink = sys::IMAPI_SKIPPED_SYMLINK,
        /// A file type the library does not know (none on Linux).
        Unknown = sys::IMAPI_SKIPPED_OTHER,
    }
}

/// One host entry `add_tree` left out, from [`FileSystemImage::skipped_entries`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedEntry {
    /// The source directory given to `add_tree`, joined with the path below it.
    pub host_path: PathBuf,
    /// Why it was left out.
    pub reason: SkipReason,
}

/// How many host paths of each [`SkipReason`] an image keeps (`IMAPI_SKIPPED_PATHS_PER_KIND`).
pub const SKIPPED_PATHS_PER_KIND: usize = sys::IMAPI_SKIPPED_PATHS_PER_KIND as usize;

impl FileSystemImage {
    /// The host entries `add_tree` calls on this image left out (FIFOs, sockets, devices,
    /// links under [`SymlinkPolicy::Skip`](crate::SymlinkPolicy::Skip)), in the order the walks
    /// met them: the first [`SKIPPED_PATHS_PER_KIND`] of each reason; the rest are only counted
    /// ([`FileSystemImage::skipped_count`]). A failed `add_tree` adds none, and
    /// [`FileSystemImage::rollback_to_change_point`] removes what later calls added.
    pub fn skipped_entries(&self) -> Result<Vec<SkippedEntry>> {
        let count = out(|v| unsafe { sys::imapi_fsimage_get_skipped_entry_count(self.p(), v) })?;
        let mut entries = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        for index in 0..count {
            let mut raw = sys::imapi_skipped_entry {
                struct_size: std::mem::size_of::<sys::imapi_skipped_entry>() as u32,
                reason: 0,
                host_path: std::ptr::null(),
            };
            check(unsafe { sys::imapi_fsimage_get_skipped_entry(self.p(), index, &mut raw) })?;
            // Borrowed from the image: copied now.
            let bytes = if raw.host_path.is_null() { &[][..] } else { unsafe { CStr::from_ptr(raw.host_path) }.to_bytes() };
            entries.push(SkippedEntry {
                host_path: PathBuf::from(OsStr::from_bytes(bytes)),
                reason: SkipReason::from_raw(raw.reason),
            });
        }
        Ok(entries)
    }

    /// How many host entries `add_tree` left out for `reason`, or for every reason with `None`:
    /// the true total, past what [`FileSystemImage::skipped_entries`] keeps.
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) for a value the library does not
    /// know (a [`SkipReason::Other`]).
    pub fn skipped_count(&self, reason: Option<SkipReason>) -> Result<i64> {
        let raw = reason.map_or(0, SkipReason::raw);
        out(|v| unsafe { sys::imapi_fsimage_get_skipped_total(self.p(), raw, v) })
    }
}
