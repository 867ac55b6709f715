//! `FileSystemImageResult`: IMAPI2FS's IFileSystemImageResult.
use std::path::Path;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{borrowed, cpath, cstr, out, out_handle, owned_string, run_with_progress, Indices};
use crate::job::Job;
use crate::progress::Progress;
use crate::stream::Stream;

/// IProgressItem: one file's (or metadata area's) block range in the image.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgressItem {
    /// Its position among the result's progress items.
    pub index: i64,
    /// The file's image path, or a metadata label.
    pub description: String,
    /// The first block (2048 bytes) of the range.
    pub first_block: i64,
    /// The last block of the range.
    pub last_block: i64,
    /// The blocks in the range.
    pub block_count: i64,
}

/// IMAPI2FS's IFileSystemImageResult: a laid-out image, frozen (later changes to the
/// tree do not affect it). Read it as a [`Stream`] ([`FileSystemImageResult::image_stream`],
/// e.g. to burn it) or write it to a file. `Send`, not `Sync`; freed on drop (streams
/// made from it stay usable).
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
    /// TotalBlocks: the image's size in blocks.
    pub fn total_blocks(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsimage_result_get_total_blocks(self.p(), v) })
    }
    /// BlockSize: 2048.
    pub fn block_size(&self) -> Result<i32> {
        out(|v| unsafe { sys::imapi_fsimage_result_get_block_size(self.p(), v) })
    }
    /// DiscId: a string identifying this image's content (a hex digest of its metadata).
    pub fn disc_id(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsimage_result_get_disc_id(self.p(), v) })
    }

    /// ProgressItems\[index\]. Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) past the end.
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
    /// ProgressItems, in block order, read one by one as the iterator advances.
    pub fn progress_items(&self) -> Result<ProgressItems<'_>> {
        let count = out(|v| unsafe { sys::imapi_fsimage_result_get_progress_item_count(self.p(), v) })?;
        Ok(ProgressItems { result: self, indices: Indices::new(count) })
    }
    /// ProgressItemFromBlock: the item whose range holds `block`.
    pub fn progress_item_by_block(&self, block: i64) -> Result<ProgressItem> {
        let i = out(|v| unsafe { sys::imapi_fsimage_result_find_progress_item_by_block(self.p(), block, v) })?;
        self.progress_item(i)
    }
    /// ProgressItemFromDescription: the item of an image path (or metadata label).
    pub fn progress_item_by_description(&self, description: &str) -> Result<ProgressItem> {
        let d = cstr(description)?;
        let i = out(|v| unsafe { sys::imapi_fsimage_result_find_progress_item_by_description(self.p(), d.as_ptr(), v) })?;
        self.progress_item(i)
    }

    /// Writes the image to a file (created or truncated), copying file data in the kernel
    /// where possible. Errors: [`Status::OutputWriteFailure`](crate::Status::OutputWriteFailure),
    /// `Status::DataStream*` naming the source; on error the partial file is removed.
    pub fn write_file(&self, path: impl AsRef<Path>) -> Result<()> {
        let p = cpath(path.as_ref())?;
        check(unsafe { sys::imapi_fsimage_result_write_file(self.p(), p.as_ptr(), None, std::ptr::null_mut()) }).map(|_| ())
    }

    /// Writes the image to a file, calling `on_progress` on this thread; returning
    /// false cancels (Err([`Status::RequestCancelled`](crate::Status::RequestCancelled)), partial file removed). A panic
    /// in the closure is caught at the boundary and cancels the same way.
    pub fn write_file_with_progress(&self, path: impl AsRef<Path>, mut on_progress: impl FnMut(&Progress) -> bool) -> Result<()> {
        let p = cpath(path.as_ref())?;
        run_with_progress(&mut on_progress, |f, user| unsafe {
            sys::imapi_fsimage_result_write_file(self.p(), p.as_ptr(), f, user)
        })
    }

    /// The job form of [`FileSystemImageResult::write_file`]: writes on the library's worker
    /// threads; wait for it, poll it, `.await` it or cancel it through the [`Job`].
    pub fn start_write_file(&self, path: impl AsRef<Path>) -> Result<Job> {
        let p = cpath(path.as_ref())?;
        out_handle(|o| unsafe { sys::imapi_fsimage_result_write_file_start(self.p(), p.as_ptr(), o) }).map(Job::from_raw)
    }
}

impl Drop for FileSystemImageResult {
    /// Frees the handle; streams and jobs made from it stay usable.
    fn drop(&mut self) {
        unsafe { sys::imapi_fsimage_result_free(self.raw.as_ptr()) }
    }
}

/// The progress items of a result, in block order: made by [`FileSystemImageResult::progress_items`].
#[derive(Debug)]
pub struct ProgressItems<'a> {
    result: &'a FileSystemImageResult,
    indices: Indices,
}

impl Iterator for ProgressItems<'_> {
    type Item = Result<ProgressItem>;
    fn next(&mut self) -> Option<Result<ProgressItem>> {
        self.indices.next().map(|i| self.result.progress_item(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.indices.left(), Some(self.indices.left()))
    }
}

impl ExactSizeIterator for ProgressItems<'_> {}
impl std::iter::FusedIterator for ProgressItems<'_> {}
