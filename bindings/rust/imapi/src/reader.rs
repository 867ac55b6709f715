//! Reading images: `IsoImageManager` (IIsoImageManager) and `ImageReader`.
use std::path::Path;
use std::ptr::NonNull;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{borrowed, cpath, cstr, out, out_handle, owned_string, run_with_progress};
use crate::image::FileSystems;
use crate::progress::Progress;
use crate::stream::Stream;

/// IIsoImageManager: checks an ISO image given by path or stream.
#[derive(Debug)]
pub struct IsoImageManager {
    raw: NonNull<sys::imapi_iso_image_manager>,
}

// SAFETY: a handle may move between threads; not Sync.
unsafe impl Send for IsoImageManager {}

impl IsoImageManager {
    pub fn new() -> Result<IsoImageManager> {
        out_handle(|o| unsafe { sys::imapi_iso_image_manager_create(o) }).map(|raw| IsoImageManager { raw })
    }
    fn p(&self) -> *mut sys::imapi_iso_image_manager {
        self.raw.as_ptr()
    }
    /// Opens the image file now.
    pub fn set_path(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let p = cpath(path.as_ref())?;
        check(unsafe { sys::imapi_iso_image_manager_set_path(self.p(), p.as_ptr()) }).map(|_| ())
    }
    pub fn set_stream(&mut self, stream: &Stream) -> Result<()> {
        check(unsafe { sys::imapi_iso_image_manager_set_stream(self.p(), stream.as_ptr()) }).map(|_| ())
    }
    /// "" when a stream was set.
    pub fn path(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_iso_image_manager_get_path(self.p(), v) })
    }
    pub fn stream(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_iso_image_manager_get_stream(self.p(), o) }).map(Stream::from_raw)
    }
    /// Alignment, size, a valid volume descriptor, readable directory trees.
    pub fn validate(&self) -> Result<()> {
        check(unsafe { sys::imapi_iso_image_manager_validate(self.p()) }).map(|_| ())
    }
}

impl Drop for IsoImageManager {
    fn drop(&mut self) {
        unsafe { sys::imapi_iso_image_manager_free(self.raw.as_ptr()) }
    }
}

/// The kind of an image entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryType {
    Directory,
    File,
    Symlink,
    Other(i32),
}

/// One entry of an image's tree, named by its file system and path, so that
/// [`ImageReader::open_file`] opens this file whatever was listed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageEntry {
    /// The file system whose tree lists it.
    pub file_system: FileSystems,
    /// Its position in the listing it came from.
    pub index: i64,
    pub path: String,
    pub entry_type: EntryType,
    pub size: i64,
    /// Rock Ridge permission bits, if recorded.
    pub mode: Option<i32>,
    pub modified: SystemTime,
    pub target: String,
}

/// Lists and extracts ISO 9660 / Joliet / Rock Ridge / UDF images (bridges too); a malformed image is an Err, never a crash.
#[derive(Debug)]
pub struct ImageReader {
    raw: NonNull<sys::imapi_image_reader>,
}

// SAFETY: a handle may move between threads; not Sync.
unsafe impl Send for ImageReader {}

impl ImageReader {
    pub fn open(path: impl AsRef<Path>) -> Result<ImageReader> {
        let p = cpath(path.as_ref())?;
        out_handle(|o| unsafe { sys::imapi_image_reader_open_path(p.as_ptr(), o) }).map(|raw| ImageReader { raw })
    }
    pub fn open_stream(stream: &Stream) -> Result<ImageReader> {
        out_handle(|o| unsafe { sys::imapi_image_reader_open_stream(stream.as_ptr(), o) }).map(|raw| ImageReader { raw })
    }
    pub(crate) fn p(&self) -> *mut sys::imapi_image_reader {
        self.raw.as_ptr()
    }
    pub fn file_systems(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_image_reader_get_file_systems(self.p(), v) }).map(FileSystems)
    }
    pub fn volume_name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_image_reader_get_volume_name(self.p(), v) })
    }
    /// The tree of one file system, parents before children (replaces the last listing).
    pub fn list(&mut self, fs: FileSystems) -> Result<Vec<ImageEntry>> {
        let n = out(|v| unsafe { sys::imapi_image_reader_list(self.p(), fs.0, v) })?;
        let mut entries = Vec::with_capacity(n.clamp(0, 1 << 20) as usize);
        for index in 0..n {
            let mut e = sys::imapi_image_entry {
                struct_size: std::mem::size_of::<sys::imapi_image_entry>() as u32,
                path: std::ptr::null(),
                type_: 0,
                size: 0,
                mode: -1,
                modified: 0,
                target: std::ptr::null(),
            };
            check(unsafe { sys::imapi_image_reader_get_entry(self.p(), index, &mut e) })?;
            entries.push(ImageEntry {
                file_system: fs,
                index,
                path: borrowed(e.path),
                entry_type: match e.type_ {
                    sys::IMAPI_ENTRY_DIRECTORY => EntryType::Directory,
                    sys::IMAPI_ENTRY_FILE => EntryType::File,
                    sys::IMAPI_ENTRY_SYMLINK => EntryType::Symlink,
                    o => EntryType::Other(o),
                },
                size: e.size,
                mode: (e.mode >= 0).then_some(e.mode),
                modified: UNIX_EPOCH + Duration::from_nanos(e.modified.max(0) as u64),
                target: borrowed(e.target),
            });
        }
        Ok(entries)
    }
    /// The volume label one file system records, in Unicode where it allows: Joliet's,
    /// UDF's, or the primary descriptor's ([`ImageReader::volume_name`]) for ISO 9660
    /// and Rock Ridge. Err(IMAPI_E_FILE_SYSTEM_NOT_FOUND) when the image has no such file system.
    pub fn volume_name_of(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_image_reader_get_file_system_volume_name(self.p(), fs.0, v) })
    }
    /// A stream over the file `entry` names (its file system and path), whatever was listed since.
    pub fn open_file(&self, entry: &ImageEntry) -> Result<Stream> {
        self.open_path(entry.file_system, &entry.path)
    }
    /// A stream over the file at `path` ("/a/b") in one file system's tree
    /// (Err(IMAPI_E_ITEM_NOT_FOUND) when that tree has no such path).
    pub fn open_path(&self, fs: FileSystems, path: &str) -> Result<Stream> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_image_reader_open_file_by_path(self.p(), fs.0, p.as_ptr(), o) }).map(Stream::from_raw)
    }
    /// A stream over entry `index` of the last listing, whichever file system that was.
    pub fn open_index(&self, index: i64) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_image_reader_open_file(self.p(), index, o) }).map(Stream::from_raw)
    }
    /// Extracts the last listing into `dest`.
    pub fn extract(&mut self, dest: impl AsRef<Path>) -> Result<()> {
        self.extract_with_progress(dest, |_| true)
    }
    /// Extracts with a progress closure (bytes; false cancels; panics are caught).
    pub fn extract_with_progress(&mut self, dest: impl AsRef<Path>, mut on_progress: impl FnMut(&Progress) -> bool) -> Result<()> {
        let d = cpath(dest.as_ref())?;
        run_with_progress(&mut on_progress, |f, user| unsafe { sys::imapi_image_reader_extract(self.p(), d.as_ptr(), f, user) })
    }
}

impl Drop for ImageReader {
    fn drop(&mut self) {
        unsafe { sys::imapi_image_reader_free(self.raw.as_ptr()) }
    }
}
