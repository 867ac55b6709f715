//! Reading images: `IsoImageManager` (IIsoImageManager) and `ImageReader`.
use std::cell::Cell;
use std::path::Path;
use std::ptr::NonNull;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use imapi_sys as sys;

use crate::error::{check, Error, Result};
use crate::status::Status;
use crate::ffi::{borrowed, cpath, cstr, out, out_handle, owned_string, run_with_progress, Indices};
use crate::flags::FileSystems;
use crate::progress::Progress;
use crate::stream::Stream;

/// IMAPI2FS's IIsoImageManager: checks an ISO image given by path or stream
/// ([`IsoImageManager::validate`]). `Send`, not `Sync`; freed on drop.
#[derive(Debug)]
pub struct IsoImageManager {
    raw: NonNull<sys::imapi_iso_image_manager>,
}

// SAFETY: a handle may move between threads; not Sync.
unsafe impl Send for IsoImageManager {}

impl IsoImageManager {
    /// A manager with no image yet.
    pub fn new() -> Result<IsoImageManager> {
        out_handle(|o| unsafe { sys::imapi_iso_image_manager_create(o) }).map(|raw| IsoImageManager { raw })
    }
    fn p(&self) -> *mut sys::imapi_iso_image_manager {
        self.raw.as_ptr()
    }
    /// SetPath: opens the image file now (replacing any stream).
    /// Errors: [`Status::ImportReadFailure`](crate::Status::ImportReadFailure).
    pub fn set_path(&mut self, path: impl AsRef<Path>) -> Result<()> {
        let p = cpath(path.as_ref())?;
        check(unsafe { sys::imapi_iso_image_manager_set_path(self.p(), p.as_ptr()) }).map(|_| ())
    }
    /// SetStream: uses `stream` (shared); [`IsoImageManager::path`] becomes "".
    pub fn set_stream(&mut self, stream: &Stream) -> Result<()> {
        check(unsafe { sys::imapi_iso_image_manager_set_stream(self.p(), stream.as_ptr()) }).map(|_| ())
    }
    /// Path: "" when a stream was set. Errors: [`Status::ImageManagerNoImage`](crate::Status::ImageManagerNoImage).
    pub fn path(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_iso_image_manager_get_path(self.p(), v) })
    }
    /// Stream: a new handle on the image. Errors: [`Status::ImageManagerNoImage`](crate::Status::ImageManagerNoImage).
    pub fn stream(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_iso_image_manager_get_stream(self.p(), o) }).map(Stream::from_raw)
    }
    /// Validate: the size is whole 2048-byte blocks ([`Status::ImageManagerImageNotAligned`](crate::Status::ImageManagerImageNotAligned))
    /// and at most 2^31-1 of them ([`Status::ImageManagerImageTooBig`](crate::Status::ImageManagerImageTooBig)), a valid
    /// primary volume descriptor exists ([`Status::ImageManagerNoValidVdFound`](crate::Status::ImageManagerNoValidVdFound)), and,
    /// beyond IMAPI, every directory tree reads without error
    /// ([`Status::FileSystemReadConsistencyError`](crate::Status::FileSystemReadConsistencyError), the block in [`Error::lba`](crate::Error::lba)).
    pub fn validate(&self) -> Result<()> {
        check(unsafe { sys::imapi_iso_image_manager_validate(self.p()) }).map(|_| ())
    }
}

impl Drop for IsoImageManager {
    /// Frees the handle.
    fn drop(&mut self) {
        unsafe { sys::imapi_iso_image_manager_free(self.raw.as_ptr()) }
    }
}

int_enum! {
    /// The kind of an [`ImageEntry`] (`IMAPI_ENTRY_*`).
    EntryType {
        /// A directory.
        Directory = sys::IMAPI_ENTRY_DIRECTORY,
        /// A file (open it with [`ImageReader::open_file`]).
        File = sys::IMAPI_ENTRY_FILE,
        /// A symbolic link ([`ImageEntry::target`] names its target).
        Symlink = sys::IMAPI_ENTRY_SYMLINK,
    }
}

/// One entry of an image's tree, named by its file system and path, so that
/// [`ImageReader::open_file`] opens this file whatever was listed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageEntry {
    /// The file system whose tree lists it.
    pub file_system: FileSystems,
    /// Its position in the listing it came from.
    pub index: i64,
    /// "/a/b" from the root of that tree.
    pub path: String,
    /// Directory, file or symbolic link.
    pub entry_type: EntryType,
    /// Bytes (files).
    pub size: i64,
    /// Rock Ridge permission bits, if recorded.
    pub mode: Option<i32>,
    /// The modification time.
    pub modified: SystemTime,
    /// Symbolic links: the target; "" otherwise.
    pub target: String,
}

/// Extension: lists and extracts ISO 9660, Joliet, Rock Ridge and UDF images (bridge
/// images too), from a file or a [`Stream`]. The input is treated as hostile: a
/// malformed image is an `Err`, never a crash. `Send`, not `Sync`; freed on drop.
///
/// ```
/// use imapi::{EntryType, FileSystemImage, FileSystems, ImageReader, Stream};
/// use std::io::Read;
/// # let iso = std::env::temp_dir().join(format!("imapi-doc-reader-{}.iso", std::process::id()));
/// let image = FileSystemImage::builder().file_systems(FileSystems::ISO9660 | FileSystems::UDF).build()?;
/// image.root()?.add_directory("notes")?;
/// image.root()?.add_file("notes/😀.txt", &Stream::from_memory(b"smile")?)?;
/// image.create_result_image()?.write_file(&iso)?;
///
/// let reader = ImageReader::open(&iso)?;
/// assert_eq!(reader.file_systems()?, FileSystems::ISO9660 | FileSystems::UDF);
/// for entry in reader.list(FileSystems::UDF)? {
///     let entry = entry?;
///     if entry.entry_type == EntryType::File {
///         let mut data = Vec::new();
///         reader.open_file(&entry)?.read_to_end(&mut data)?;
///         assert_eq!((entry.path.as_str(), data.as_slice()), ("/notes/😀.txt", &b"smile"[..]));
///     }
/// }
/// # std::fs::remove_file(&iso).ok();
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct ImageReader {
    raw: NonNull<sys::imapi_image_reader>,
    /// Bumped by each listing, so that an [`Entries`] of an earlier one stops instead of
    /// reading the entries of the new one.
    listing: Cell<u64>,
}

// SAFETY: a handle may move between threads; not Sync (the Cell says so too).
unsafe impl Send for ImageReader {}

impl ImageReader {
    /// Opens an image file. Errors as [`IsoImageManager::validate`].
    pub fn open(path: impl AsRef<Path>) -> Result<ImageReader> {
        let p = cpath(path.as_ref())?;
        out_handle(|o| unsafe { sys::imapi_image_reader_open_path(p.as_ptr(), o) }).map(ImageReader::from_raw)
    }
    /// Opens an image read from `stream` (shared).
    pub fn open_stream(stream: &Stream) -> Result<ImageReader> {
        out_handle(|o| unsafe { sys::imapi_image_reader_open_stream(stream.as_ptr(), o) }).map(ImageReader::from_raw)
    }
    fn from_raw(raw: NonNull<sys::imapi_image_reader>) -> ImageReader {
        ImageReader { raw, listing: Cell::new(0) }
    }
    pub(crate) fn p(&self) -> *mut sys::imapi_image_reader {
        self.raw.as_ptr()
    }
    /// The file systems on the image (IdentifyFileSystemsOnDisc): ISO 9660, Joliet, Rock Ridge, UDF.
    pub fn file_systems(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_image_reader_get_file_systems(self.p(), v) }).map(FileSystems::from_bits_retain)
    }
    /// The volume label as the primary descriptor records it (d-characters, so
    /// "_N_C_D__TREE" for "Ünïcödé Tree"), or UDF's on a UDF-only image; for the label
    /// in Unicode see [`ImageReader::volume_name_of`].
    pub fn volume_name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_image_reader_get_volume_name(self.p(), v) })
    }
    /// The tree of one file system ([`FileSystems::ROCK_RIDGE`], `JOLIET`, `ISO9660` or
    /// `UDF`), parents before children. The entries are read one by one as the iterator
    /// advances; listing again (any file system) ends an earlier iterator with an error
    /// rather than letting it read the new listing.
    /// Errors: [`Status::FileSystemNotFound`](crate::Status::FileSystemNotFound),
    /// [`Status::FileSystemReadConsistencyError`](crate::Status::FileSystemReadConsistencyError).
    pub fn list(&self, fs: FileSystems) -> Result<Entries<'_>> {
        let count = out(|v| unsafe { sys::imapi_image_reader_list(self.p(), fs.bits(), v) })?;
        self.listing.set(self.listing.get() + 1);
        Ok(Entries { reader: self, listing: self.listing.get(), file_system: fs, indices: Indices::new(count) })
    }
    fn entry(&self, fs: FileSystems, index: i64) -> Result<ImageEntry> {
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
        Ok(ImageEntry {
            file_system: fs,
            index,
            path: borrowed(e.path),
            entry_type: EntryType::from_raw(e.type_),
            size: e.size,
            mode: (e.mode >= 0).then_some(e.mode),
            modified: UNIX_EPOCH + Duration::from_nanos(e.modified.max(0) as u64),
            target: borrowed(e.target),
        })
    }
    /// The volume label one file system records, in Unicode where it allows: Joliet's
    /// (up to 16 UCS-2 characters), UDF's (up to 126 bytes), or the primary descriptor's
    /// ([`ImageReader::volume_name`]) for ISO 9660 and Rock Ridge.
    /// Errors: [`Status::FileSystemNotFound`](crate::Status::FileSystemNotFound) when the image has
    /// no such file system, [`Status::InvalidArg`](crate::Status::InvalidArg) for not exactly one.
    pub fn volume_name_of(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_image_reader_get_file_system_volume_name(self.p(), fs.bits(), v) })
    }
    /// A stream over the file `entry` names (its file system and path), whatever was listed since.
    pub fn open_file(&self, entry: &ImageEntry) -> Result<Stream> {
        self.open_path(entry.file_system, &entry.path)
    }
    /// A stream over the file at `path` ("/a/b") in one file system's tree; it keeps the
    /// image open and is independent of this reader. Errors: [`Status::ItemNotFound`](crate::Status::ItemNotFound)
    /// (no such path there), [`Status::NotFile`](crate::Status::NotFile) (a directory or link),
    /// [`Status::FileSystemNotFound`](crate::Status::FileSystemNotFound).
    pub fn open_path(&self, fs: FileSystems, path: &str) -> Result<Stream> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_image_reader_open_file_by_path(self.p(), fs.bits(), p.as_ptr(), o) })
            .map(Stream::from_raw)
    }
    /// A stream over entry `index` of the last listing, whichever file system that was
    /// (prefer [`ImageReader::open_file`], which does not depend on what was listed last).
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) (index), [`Status::NotFile`](crate::Status::NotFile).
    pub fn open_index(&self, index: i64) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_image_reader_open_file(self.p(), index, o) }).map(Stream::from_raw)
    }
    /// Extracts the last listing (or, before any, the richest file system) into `dest`
    /// (created if missing): directories, files
    /// with contents and modification times, symbolic links, Rock Ridge permissions.
    /// Names that would leave `dest` are refused; existing files and links of an entry's
    /// name give way, directories are kept and filled. Beyond
    /// [`ImageReader::set_extract_limit`]: [`Status::DataTooBig`](crate::Status::DataTooBig).
    pub fn extract(&mut self, dest: impl AsRef<Path>) -> Result<()> {
        self.extract_with_progress(dest, |_| true)
    }
    /// [`ImageReader::extract`] calling `on_progress` on this thread with the bytes written;
    /// returning false cancels ([`Status::RequestCancelled`](crate::Status::RequestCancelled)), and so does a panic in it.
    pub fn extract_with_progress(&mut self, dest: impl AsRef<Path>, mut on_progress: impl FnMut(&Progress) -> bool) -> Result<()> {
        let d = cpath(dest.as_ref())?;
        run_with_progress(&mut on_progress, |f, user| unsafe { sys::imapi_image_reader_extract(self.p(), d.as_ptr(), f, user) })
    }
}

impl Drop for ImageReader {
    /// Frees the handle; streams opened from it stay usable.
    fn drop(&mut self) {
        unsafe { sys::imapi_image_reader_free(self.raw.as_ptr()) }
    }
}

/// The entries of one listing, parents before children: made by [`ImageReader::list`].
/// Each item is `Ok(entry)` or the error of reading it; once the reader lists again,
/// the next item is an [`Status::InvalidHandle`](crate::Status::InvalidHandle) error
/// saying so, and the iterator ends.
#[derive(Debug)]
pub struct Entries<'a> {
    reader: &'a ImageReader,
    listing: u64,
    file_system: FileSystems,
    indices: Indices,
}

impl Iterator for Entries<'_> {
    type Item = Result<ImageEntry>;
    fn next(&mut self) -> Option<Result<ImageEntry>> {
        let index = self.indices.next()?;
        if self.reader.listing.get() != self.listing {
            self.indices.finish();
            return Some(Err(Error::new(
                Status::InvalidHandle,
                "the reader listed again since this iterator was made (ImageReader::list): list once per iteration",
            )));
        }
        Some(self.reader.entry(self.file_system, index))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.indices.left(), Some(self.indices.left()))
    }
}

impl ExactSizeIterator for Entries<'_> {}
impl std::iter::FusedIterator for Entries<'_> {}
