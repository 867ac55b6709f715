//! `FileSystemImageResult`: IMAPI2FS's IFileSystemImageResult.
use std::path::Path;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{borrowed, cpath, cstr, out, out_handle, owned_string, run_with_progress};
use crate::job::Job;
use crate::progress::Progress;
use crate::stream::Stream;

/// One file's (or metadata area's) block range (IProgressItem).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressItem {
    pub index: i64,
    pub description: String,
    pub first_block: i64,
    pub last_block: i64,
    pub block_count: i64,
}

/// A laid-out image, frozen: read it as a stream or write it to a file.
#[derive(Debug)]
pub struct FileSystemImageResult {
    raw: NonNull<sys::imapi_fsimage_result>,
}

// SAFETY: a handle may move between threads; not Sync.
unsafe impl Send for FileSystemImageResult {}

impl FileSystemImageResult {
    pub(crate) fn from_raw(raw: NonNull<sys::imapi_fsimage_result>) -> Self {
        FileSystemImageResult { raw }
    }
    fn p(&self) -> *mut sys::imapi_fsimage_result {
        self.raw.as_ptr()
    }

    /// A new stream over the whole image, at 0.
    pub fn image_stream(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_fsimage_result_get_image_stream(self.p(), o) }).map(Stream::from_raw)
    }
    pub fn total_blocks(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsimage_result_get_total_blocks(self.p(), v) })
    }
    pub fn block_size(&self) -> Result<i32> {
        out(|v| unsafe { sys::imapi_fsimage_result_get_block_size(self.p(), v) })
    }
    pub fn disc_id(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsimage_result_get_disc_id(self.p(), v) })
    }

    pub fn progress_item(&self, index: i64) -> Result<ProgressItem> {
        let mut raw = sys::imapi_progress_item {
            struct_size: std::mem::size_of::<sys::imapi_progress_item>() as u32,
            description: std::ptr::null(),
            first_block: 0,
            last_block: 0,
            block_count: 0,
        };
        check(unsafe { sys::imapi_fsimage_result_get_progress_item(self.p(), index, &mut raw) })?;
        Ok(ProgressItem {
            index,
            description: borrowed(raw.description),
            first_block: raw.first_block,
            last_block: raw.last_block,
            block_count: raw.block_count,
        })
    }
    pub fn progress_items(&self) -> Result<Vec<ProgressItem>> {
        let n = out(|v| unsafe { sys::imapi_fsimage_result_get_progress_item_count(self.p(), v) })?;
        (0..n).map(|i| self.progress_item(i)).collect()
    }
    /// ProgressItemFromBlock.
    pub fn progress_item_by_block(&self, block: i64) -> Result<ProgressItem> {
        let i = out(|v| unsafe { sys::imapi_fsimage_result_find_progress_item_by_block(self.p(), block, v) })?;
        self.progress_item(i)
    }
    pub fn progress_item_by_description(&self, description: &str) -> Result<ProgressItem> {
        let d = cstr(description)?;
        let i = out(|v| unsafe { sys::imapi_fsimage_result_find_progress_item_by_description(self.p(), d.as_ptr(), v) })?;
        self.progress_item(i)
    }

    /// Writes the image to a file.
    pub fn write_file(&self, path: impl AsRef<Path>) -> Result<()> {
        let p = cpath(path.as_ref())?;
        check(unsafe { sys::imapi_fsimage_result_write_file(self.p(), p.as_ptr(), None, std::ptr::null_mut()) }).map(|_| ())
    }

    /// Writes the image to a file, calling `on_progress` on this thread; returning
    /// false cancels (Err(IMAPI_E_REQUEST_CANCELLED), partial file removed). A panic
    /// in the closure is caught at the boundary and cancels the same way.
    pub fn write_file_with_progress(&self, path: impl AsRef<Path>, mut on_progress: impl FnMut(&Progress) -> bool) -> Result<()> {
        let p = cpath(path.as_ref())?;
        run_with_progress(&mut on_progress, |f, user| unsafe {
            sys::imapi_fsimage_result_write_file(self.p(), p.as_ptr(), f, user)
        })
    }

    /// Starts writing the image to a file on the library's worker threads.
    pub fn start_write_file(&self, path: impl AsRef<Path>) -> Result<Job> {
        let p = cpath(path.as_ref())?;
        out_handle(|o| unsafe { sys::imapi_fsimage_result_write_file_start(self.p(), p.as_ptr(), o) }).map(Job::from_raw)
    }
}

impl Drop for FileSystemImageResult {
    fn drop(&mut self) {
        unsafe { sys::imapi_fsimage_result_free(self.raw.as_ptr()) }
    }
}
