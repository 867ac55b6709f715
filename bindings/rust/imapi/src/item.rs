//! `FsiItem`: IMAPI2FS's IFsiItem / IFsiDirectoryItem / IFsiFileItem.
use std::path::Path;
use std::ptr::NonNull;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{cpath, cstr, out, out_handle, owned_string, Indices};
use crate::flags::FileSystems;
use crate::stream::Stream;

int_enum! {
    /// IMAPI's FsiItemType, plus symbolic links: what [`FileSystemImage::exists`](crate::FileSystemImage::exists)
    /// finds at a path and what an [`FsiItem`] is.
    ItemType {
        /// Nothing at that path (FsiItemNotFound).
        NotFound = sys::IMAPI_ITEM_NOT_FOUND,
        /// A directory (FsiItemDirectory).
        Directory = sys::IMAPI_ITEM_DIRECTORY,
        /// A file (FsiItemFile).
        File = sys::IMAPI_ITEM_FILE,
        /// Extension: a symbolic link.
        Symlink = sys::IMAPI_ITEM_SYMLINK,
    }
}

/// IMAPI2FS's IFsiItem, IFsiDirectoryItem and IFsiFileItem in one type: an item of an
/// image's tree, a directory, a file or a symbolic link ([`FsiItem::item_type`]).
///
/// The directory calls fail with [`Status::NotDir`](crate::Status::NotDir) on files, the
/// file calls with [`Status::NotFile`](crate::Status::NotFile) on directories, as in IMAPI.
/// Dropping it frees the handle only: the item stays in its image. `Send`, not `Sync`
/// (one thread at a time); the calls that change the tree take `&mut self`.
///
/// ```
/// let image = imapi::FileSystemImage::new()?;
/// let mut root = image.root()?;
/// root.add_directory("docs")?;
/// root.add_file("docs/readme.txt", &imapi::Stream::from_memory(b"hello")?)?;
/// let names: Vec<String> = root.item("docs")?.children()?.map(|c| c?.name()).collect::<imapi::Result<_>>()?;
/// assert_eq!(names, ["readme.txt"]);
/// # Ok::<(), imapi::Error>(())
/// ```
#[derive(Debug)]
pub struct FsiItem {
    raw: NonNull<sys::imapi_fsitem>,
}

// SAFETY: a handle may move between threads; not Sync, so one thread uses it at a time.
unsafe impl Send for FsiItem {}

fn to_time(ns: i64) -> SystemTime {
    if ns >= 0 {
        UNIX_EPOCH + Duration::from_nanos(ns as u64)
    } else {
        UNIX_EPOCH - Duration::from_nanos(ns.unsigned_abs())
    }
}

fn from_time(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos().min(i64::MAX as u128) as i64,
        Err(e) => -(e.duration().as_nanos().min(i64::MAX as u128) as i64),
    }
}

macro_rules! time_property {
    ($what:literal, $get:ident, $set:ident, $cget:ident, $cset:ident) => {
        #[doc = concat!("The ", $what, " time.")]
        pub fn $get(&self) -> Result<SystemTime> {
            out(|v| unsafe { sys::$cget(self.p(), v) }).map(to_time)
        }
        #[doc = concat!("Sets the ", $what, " time; one before the creation time is ")]
        #[doc = "[`Status::InvalidDate`](crate::Status::InvalidDate)."]
        pub fn $set(&mut self, t: SystemTime) -> Result<()> {
            check(unsafe { sys::$cset(self.p(), from_time(t)) }).map(|_| ())
        }
    };
}

impl FsiItem {
    pub(crate) fn from_raw(raw: NonNull<sys::imapi_fsitem>) -> FsiItem {
        FsiItem { raw }
    }
    fn p(&self) -> *mut sys::imapi_fsitem {
        self.raw.as_ptr()
    }

    /// Directory, file or symbolic link.
    pub fn item_type(&self) -> Result<ItemType> {
        out(|v| unsafe { sys::imapi_fsitem_get_type(self.p(), v) }).map(ItemType::from_raw)
    }
    /// Name: the last path component ("" for the root).
    pub fn name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_name(self.p(), v) })
    }
    /// FullPath: "/a/b" from the image root ("/" for the root);
    /// [`Status::NotInFileSystem`](crate::Status::NotInFileSystem) for a detached item.
    pub fn full_path(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_full_path(self.p(), v) })
    }
    /// FileSystemName: the name one file system (one of ISO 9660, Joliet, UDF, Rock Ridge)
    /// records, after mangling. Errors: [`Status::InvalidParam`](crate::Status::InvalidParam) for another set.
    pub fn file_system_name(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_file_system_name(self.p(), fs.bits(), v) })
    }
    /// FileSystemPath: the path one file system records, after mangling (as [`FsiItem::file_system_name`]).
    pub fn file_system_path(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_file_system_path(self.p(), fs.bits(), v) })
    }

    time_property!("creation", creation_time, set_creation_time, imapi_fsitem_get_creation_time, imapi_fsitem_set_creation_time);
    time_property!("last access", last_accessed_time, set_last_accessed_time, imapi_fsitem_get_last_accessed_time,
                   imapi_fsitem_set_last_accessed_time);
    time_property!("last modification", last_modified_time, set_last_modified_time, imapi_fsitem_get_last_modified_time,
                   imapi_fsitem_set_last_modified_time);

    /// IsHidden: the ISO 9660 / Joliet "existence" (hidden) flag.
    pub fn is_hidden(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsitem_get_hidden(self.p(), v) }).map(|v| v != 0)
    }
    /// Sets [`FsiItem::is_hidden`].
    pub fn set_hidden(&mut self, hidden: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_hidden(self.p(), hidden as i32) }).map(|_| ())
    }
    /// Extension: the POSIX permission bits (0o7777) Rock Ridge records.
    pub fn posix_mode(&self) -> Result<i32> {
        out(|v| unsafe { sys::imapi_fsitem_get_posix_mode(self.p(), v) })
    }
    /// Sets [`FsiItem::posix_mode`] (permission bits only).
    pub fn set_posix_mode(&mut self, mode: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_posix_mode(self.p(), mode) }).map(|_| ())
    }
    /// Extension: (uid, gid) Rock Ridge records.
    pub fn posix_owner(&self) -> Result<(i32, i32)> {
        let (mut uid, mut gid) = (0, 0);
        check(unsafe { sys::imapi_fsitem_get_posix_owner(self.p(), &mut uid, &mut gid) })?;
        Ok((uid, gid))
    }
    /// Sets [`FsiItem::posix_owner`].
    pub fn set_posix_owner(&mut self, uid: i32, gid: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_posix_owner(self.p(), uid, gid) }).map(|_| ())
    }

    // Directories.

    /// Count: the number of direct children.
    pub fn count(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsitem_get_count(self.p(), v) })
    }
    /// The `index`-th child in name order (byte order of the UTF-8 names).
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) past the end.
    pub fn child(&self, index: i64) -> Result<FsiItem> {
        out_handle(|o| unsafe { sys::imapi_fsitem_get_child(self.p(), index, o) }).map(FsiItem::from_raw)
    }
    /// The direct children in name order, one handle each as the iterator reaches it
    /// (IFsiDirectoryItem's enumerator). This handle cannot change the directory while
    /// the iterator borrows it; a change made through another handle on the same
    /// directory meanwhile shifts what the remaining steps see (each step reads the
    /// child at its index; one past the new end is an [`Status::InvalidArg`](crate::Status::InvalidArg) item).
    pub fn children(&self) -> Result<Children<'_>> {
        Ok(Children { dir: self, indices: Indices::new(self.count()?) })
    }
    /// Item: a descendant by relative path ("a/b"). Errors: [`Status::ItemNotFound`](crate::Status::ItemNotFound).
    pub fn item(&self, path: &str) -> Result<FsiItem> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_fsitem_get_item(self.p(), p.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    /// AddDirectory: creates `path` (relative; its parent must exist).
    /// Errors: [`Status::DupName`](crate::Status::DupName), [`Status::InvalidPath`](crate::Status::InvalidPath), ...
    pub fn add_directory(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_add_directory(self.p(), p.as_ptr()) }).map(|_| ())
    }
    /// AddFile: a file whose data is `data` (the stream is shared, read when the image is).
    pub fn add_file(&mut self, path: &str, data: &Stream) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_add_file(self.p(), p.as_ptr(), data.as_ptr()) }).map(|_| ())
    }
    /// Extension: a file whose data is read from the host file `source` when the image
    /// is written (it must keep its size until then).
    pub fn add_file_from_path(&mut self, path: &str, source: impl AsRef<Path>) -> Result<()> {
        let p = cstr(path)?;
        let s = cpath(source.as_ref())?;
        check(unsafe { sys::imapi_fsitem_add_file_from_path(self.p(), p.as_ptr(), s.as_ptr()) }).map(|_| ())
    }
    /// Extension: a symbolic link at `path` to `target` (recorded by Rock Ridge; absent from Joliet).
    pub fn add_symlink(&mut self, path: &str, target: &str) -> Result<()> {
        let p = cstr(path)?;
        let t = cstr(target)?;
        check(unsafe { sys::imapi_fsitem_add_symlink(self.p(), p.as_ptr(), t.as_ptr()) }).map(|_| ())
    }
    /// AddTree: the host directory `source_dir`, recursively (files, directories, symbolic
    /// links; sockets, FIFOs and devices are skipped); with `include_base_dir` the
    /// directory itself becomes a child. Existing items are replaced by the source. On
    /// failure the image is rolled back whole. Errors: [`Status::DirectoryReadFailure`](crate::Status::DirectoryReadFailure),
    /// [`Status::DataStreamCreateFailure`](crate::Status::DataStreamCreateFailure),
    /// [`Status::InvalidPath`](crate::Status::InvalidPath) (a host name that is not UTF-8),
    /// [`Status::ImageSizeLimit`](crate::Status::ImageSizeLimit).
    pub fn add_tree(&mut self, source_dir: impl AsRef<Path>, include_base_dir: bool) -> Result<()> {
        let s = cpath(source_dir.as_ref())?;
        check(unsafe { sys::imapi_fsitem_add_tree(self.p(), s.as_ptr(), include_base_dir as i32) }).map(|_| ())
    }
    /// Add: places a detached item ([`FileSystemImage::create_file_item`](crate::FileSystemImage::create_file_item),
    /// [`FileSystemImage::create_directory_item`](crate::FileSystemImage::create_directory_item)) here.
    pub fn add(&mut self, item: &FsiItem) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_add(self.p(), item.p()) }).map(|_| ())
    }
    /// Remove: a file or an empty directory. Errors: [`Status::DirNotEmpty`](crate::Status::DirNotEmpty),
    /// [`Status::ItemNotFound`](crate::Status::ItemNotFound).
    pub fn remove(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_remove(self.p(), p.as_ptr()) }).map(|_| ())
    }
    /// RemoveTree: a directory and everything below it.
    pub fn remove_tree(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_remove_tree(self.p(), p.as_ptr()) }).map(|_| ())
    }

    // Files and links.

    /// DataSize in bytes.
    pub fn data_size(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsitem_get_data_size(self.p(), v) })
    }
    /// Data: a new stream over the file's data, at position 0.
    pub fn data(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_fsitem_get_data(self.p(), o) }).map(Stream::from_raw)
    }
    /// Data (put): the file's data becomes `data` (shared).
    pub fn set_data(&mut self, data: &Stream) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_data(self.p(), data.as_ptr()) }).map(|_| ())
    }
    /// Extension: the target of a symbolic link.
    pub fn symlink_target(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_symlink_target(self.p(), v) })
    }
}

impl Drop for FsiItem {
    /// Frees the handle; the item stays in its image.
    fn drop(&mut self) {
        unsafe { sys::imapi_fsitem_free(self.raw.as_ptr()) }
    }
}

/// The children of a directory, in name order: made by [`FsiItem::children`]. Each
/// item is `Ok(child)` (its own handle) or the error of reading it.
#[derive(Debug)]
pub struct Children<'a> {
    dir: &'a FsiItem,
    indices: Indices,
}

impl Iterator for Children<'_> {
    type Item = Result<FsiItem>;
    fn next(&mut self) -> Option<Result<FsiItem>> {
        self.indices.next().map(|i| self.dir.child(i))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.indices.left(), Some(self.indices.left()))
    }
}

impl ExactSizeIterator for Children<'_> {}
impl std::iter::FusedIterator for Children<'_> {}
