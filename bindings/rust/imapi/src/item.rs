//! `FsiItem`: IMAPI2FS's IFsiItem / IFsiDirectoryItem / IFsiFileItem.
use std::path::Path;
use std::ptr::NonNull;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{cpath, cstr, out, out_handle, owned_string};
use crate::image::FileSystems;
use crate::stream::Stream;

/// IMAPI's FsiItemType, plus symbolic links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemType {
    NotFound,
    Directory,
    File,
    Symlink,
    Other(i32),
}

impl ItemType {
    pub(crate) fn from_raw(v: i32) -> ItemType {
        match v {
            sys::IMAPI_ITEM_NOT_FOUND => ItemType::NotFound,
            sys::IMAPI_ITEM_DIRECTORY => ItemType::Directory,
            sys::IMAPI_ITEM_FILE => ItemType::File,
            sys::IMAPI_ITEM_SYMLINK => ItemType::Symlink,
            o => ItemType::Other(o),
        }
    }
}

/// An item of an image: a directory, a file or a symbolic link. The directory
/// calls fail with IMAPI_E_NOT_DIR on files, the file calls with IMAPI_E_NOT_FILE
/// on directories, as in IMAPI. One thread at a time (`Send`, not `Sync`).
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
    ($get:ident, $set:ident, $cget:ident, $cset:ident) => {
        pub fn $get(&self) -> Result<SystemTime> {
            out(|v| unsafe { sys::$cget(self.p(), v) }).map(to_time)
        }
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

    pub fn item_type(&self) -> Result<ItemType> {
        out(|v| unsafe { sys::imapi_fsitem_get_type(self.p(), v) }).map(ItemType::from_raw)
    }
    /// The last path component ("" for the root).
    pub fn name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_name(self.p(), v) })
    }
    /// "/a/b" from the image root.
    pub fn full_path(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_full_path(self.p(), v) })
    }
    /// The name one file system records, after mangling.
    pub fn file_system_name(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_file_system_name(self.p(), fs.0, v) })
    }
    /// The path one file system records, after mangling.
    pub fn file_system_path(&self, fs: FileSystems) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_file_system_path(self.p(), fs.0, v) })
    }

    time_property!(creation_time, set_creation_time, imapi_fsitem_get_creation_time, imapi_fsitem_set_creation_time);
    time_property!(
        last_accessed_time,
        set_last_accessed_time,
        imapi_fsitem_get_last_accessed_time,
        imapi_fsitem_set_last_accessed_time
    );
    time_property!(
        last_modified_time,
        set_last_modified_time,
        imapi_fsitem_get_last_modified_time,
        imapi_fsitem_set_last_modified_time
    );

    pub fn is_hidden(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsitem_get_hidden(self.p(), v) }).map(|v| v != 0)
    }
    pub fn set_hidden(&mut self, hidden: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_hidden(self.p(), hidden as i32) }).map(|_| ())
    }
    /// POSIX permission bits (0o7777) recorded by Rock Ridge.
    pub fn posix_mode(&self) -> Result<i32> {
        out(|v| unsafe { sys::imapi_fsitem_get_posix_mode(self.p(), v) })
    }
    pub fn set_posix_mode(&mut self, mode: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_posix_mode(self.p(), mode) }).map(|_| ())
    }
    /// (uid, gid) recorded by Rock Ridge.
    pub fn posix_owner(&self) -> Result<(i32, i32)> {
        let (mut uid, mut gid) = (0, 0);
        check(unsafe { sys::imapi_fsitem_get_posix_owner(self.p(), &mut uid, &mut gid) })?;
        Ok((uid, gid))
    }
    pub fn set_posix_owner(&mut self, uid: i32, gid: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_posix_owner(self.p(), uid, gid) }).map(|_| ())
    }

    // Directories.

    /// The number of direct children.
    pub fn count(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsitem_get_count(self.p(), v) })
    }
    /// The index-th child in name order.
    pub fn child(&self, index: i64) -> Result<FsiItem> {
        out_handle(|o| unsafe { sys::imapi_fsitem_get_child(self.p(), index, o) }).map(FsiItem::from_raw)
    }
    /// The direct children, in name order.
    pub fn children(&self) -> Result<Vec<FsiItem>> {
        (0..self.count()?).map(|i| self.child(i)).collect()
    }
    /// A descendant by relative path ("a/b").
    pub fn item(&self, path: &str) -> Result<FsiItem> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_fsitem_get_item(self.p(), p.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    pub fn add_directory(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_add_directory(self.p(), p.as_ptr()) }).map(|_| ())
    }
    /// A file whose data is `data` (shared; read when the image is).
    pub fn add_file(&mut self, path: &str, data: &Stream) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_add_file(self.p(), p.as_ptr(), data.as_ptr()) }).map(|_| ())
    }
    /// A file read from `source` when the image is written.
    pub fn add_file_from_path(&mut self, path: &str, source: impl AsRef<Path>) -> Result<()> {
        let p = cstr(path)?;
        let s = cpath(source.as_ref())?;
        check(unsafe { sys::imapi_fsitem_add_file_from_path(self.p(), p.as_ptr(), s.as_ptr()) }).map(|_| ())
    }
    pub fn add_symlink(&mut self, path: &str, target: &str) -> Result<()> {
        let p = cstr(path)?;
        let t = cstr(target)?;
        check(unsafe { sys::imapi_fsitem_add_symlink(self.p(), p.as_ptr(), t.as_ptr()) }).map(|_| ())
    }
    /// AddTree: a host directory, recursively; rolled back whole on failure.
    pub fn add_tree(&mut self, source_dir: impl AsRef<Path>, include_base_dir: bool) -> Result<()> {
        let s = cpath(source_dir.as_ref())?;
        check(unsafe { sys::imapi_fsitem_add_tree(self.p(), s.as_ptr(), include_base_dir as i32) }).map(|_| ())
    }
    /// Places a detached item (create_file_item / create_directory_item) here.
    pub fn add(&mut self, item: &FsiItem) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_add(self.p(), item.p()) }).map(|_| ())
    }
    pub fn remove(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_remove(self.p(), p.as_ptr()) }).map(|_| ())
    }
    pub fn remove_tree(&mut self, path: &str) -> Result<()> {
        let p = cstr(path)?;
        check(unsafe { sys::imapi_fsitem_remove_tree(self.p(), p.as_ptr()) }).map(|_| ())
    }

    // Files and links.

    pub fn data_size(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_fsitem_get_data_size(self.p(), v) })
    }
    /// A new stream over the file's data.
    pub fn data(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_fsitem_get_data(self.p(), o) }).map(Stream::from_raw)
    }
    pub fn set_data(&mut self, data: &Stream) -> Result<()> {
        check(unsafe { sys::imapi_fsitem_set_data(self.p(), data.as_ptr()) }).map(|_| ())
    }
    pub fn symlink_target(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_fsitem_get_symlink_target(self.p(), v) })
    }
}

impl Drop for FsiItem {
    fn drop(&mut self) {
        unsafe { sys::imapi_fsitem_free(self.raw.as_ptr()) }
    }
}
