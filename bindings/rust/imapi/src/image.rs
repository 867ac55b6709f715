//! `FileSystemImage` (IMAPI2FS's IFileSystemImage) and its builder.
use std::ops::{BitAnd, BitOr};
use std::path::Path;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{cpath, cstr, out, out_handle, owned_string};
use crate::item::{FsiItem, ItemType};
use crate::result::FileSystemImageResult;
use crate::stream::Stream;

/// IMAPI's FsiFileSystems mask, plus Rock Ridge (a libimapi extension bit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileSystems(pub i32);

impl FileSystems {
    pub const NONE: FileSystems = FileSystems(sys::IMAPI_FS_NONE);
    pub const ISO9660: FileSystems = FileSystems(sys::IMAPI_FS_ISO9660);
    pub const JOLIET: FileSystems = FileSystems(sys::IMAPI_FS_JOLIET);
    pub const UDF: FileSystems = FileSystems(sys::IMAPI_FS_UDF);
    pub const ROCK_RIDGE: FileSystems = FileSystems(sys::IMAPI_FS_ROCKRIDGE);
    pub const UNKNOWN: FileSystems = FileSystems(sys::IMAPI_FS_UNKNOWN);

    pub fn contains(self, other: FileSystems) -> bool {
        self.0 & other.0 == other.0
    }
}

impl BitOr for FileSystems {
    type Output = FileSystems;
    fn bitor(self, o: FileSystems) -> FileSystems {
        FileSystems(self.0 | o.0)
    }
}

impl BitAnd for FileSystems {
    type Output = FileSystems;
    fn bitand(self, o: FileSystems) -> FileSystems {
        FileSystems(self.0 & o.0)
    }
}

/// A tree of items and the options of the image made from it.
/// One thread at a time (`Send`, not `Sync`).
#[derive(Debug)]
pub struct FileSystemImage {
    raw: NonNull<sys::imapi_fsimage>,
}

// SAFETY: a handle may move between threads; &mut/& borrows keep one user at a time
// (the type is not Sync, so & cannot be shared across threads).
unsafe impl Send for FileSystemImage {}

macro_rules! getter {
    ($(#[$m:meta])* $name:ident, $f:ident, $t:ty) => {
        $(#[$m])*
        pub fn $name(&self) -> Result<$t> {
            out(|v| unsafe { sys::$f(self.raw.as_ptr(), v) })
        }
    };
}

macro_rules! string_getter {
    ($(#[$m:meta])* $name:ident, $f:ident) => {
        $(#[$m])*
        pub fn $name(&self) -> Result<String> {
            owned_string(|v| unsafe { sys::$f(self.raw.as_ptr(), v) })
        }
    };
}

impl FileSystemImage {
    /// ISO 9660 + Joliet + Rock Ridge, level 2, FreeMediaBlocks 332800 (a 74-minute CD).
    pub fn new() -> Result<FileSystemImage> {
        out_handle(|o| unsafe { sys::imapi_fsimage_create(o) }).map(|raw| FileSystemImage { raw })
    }

    /// A builder for the common options.
    pub fn builder() -> FileSystemImageBuilder {
        FileSystemImageBuilder::default()
    }

    pub(crate) fn p(&self) -> *mut sys::imapi_fsimage {
        self.raw.as_ptr()
    }

    /// The root directory (a new handle each call).
    pub fn root(&self) -> Result<FsiItem> {
        out_handle(|o| unsafe { sys::imapi_fsimage_get_root(self.p(), o) }).map(FsiItem::from_raw)
    }

    pub fn set_volume_name(&mut self, name: &str) -> Result<()> {
        let n = cstr(name)?;
        check(unsafe { sys::imapi_fsimage_set_volume_name(self.p(), n.as_ptr()) }).map(|_| ())
    }
    string_getter!(volume_name, imapi_fsimage_get_volume_name);
    string_getter!(volume_name_iso9660, imapi_fsimage_get_volume_name_iso9660);
    string_getter!(volume_name_joliet, imapi_fsimage_get_volume_name_joliet);
    string_getter!(volume_name_udf, imapi_fsimage_get_volume_name_udf);

    pub fn set_file_systems_to_create(&mut self, fs: FileSystems) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_file_systems_to_create(self.p(), fs.0) }).map(|_| ())
    }
    pub fn file_systems_to_create(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_file_systems_to_create(self.p(), v) }).map(FileSystems)
    }
    pub fn file_systems_supported(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_file_systems_supported(self.p(), v) }).map(FileSystems)
    }

    pub fn set_iso9660_level(&mut self, level: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_iso9660_level(self.p(), level) }).map(|_| ())
    }
    getter!(iso9660_level, imapi_fsimage_get_iso9660_level, i32);
    /// ISO9660InterchangeLevelsSupported.
    pub fn iso9660_levels_supported(&self) -> Result<Vec<i32>> {
        let p = self.p();
        int_list(|buf, cap, count| unsafe { sys::imapi_fsimage_get_iso9660_levels_supported(p, buf, cap, count) })
    }

    /// GetDefaultFileSystemForImport: the file system of `file_systems` an import reads.
    pub fn default_file_system_for_import(&self, file_systems: FileSystems) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_default_file_system_for_import(self.p(), file_systems.0, v) })
            .map(FileSystems)
    }

    /// ChooseImageDefaultsForMediaType: file systems, UDF revision, ISO level and
    /// FreeMediaBlocks for a blank medium of `media_type` (`imapi_sys::IMAPI_MEDIA_TYPE_*`).
    pub fn choose_image_defaults_for_media_type(&mut self, media_type: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_choose_image_defaults_for_media_type(self.p(), media_type) }).map(|_| ())
    }

    /// UDFRevision in IMAPI's BCD form (0x102 ... 0x260).
    pub fn set_udf_revision(&mut self, revision: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_udf_revision(self.p(), revision) }).map(|_| ())
    }
    getter!(udf_revision, imapi_fsimage_get_udf_revision, i32);
    /// UDFRevisionsSupported.
    pub fn udf_revisions_supported(&self) -> Result<Vec<i32>> {
        let p = self.p();
        int_list(|buf, cap, count| unsafe { sys::imapi_fsimage_get_udf_revisions_supported(p, buf, cap, count) })
    }
    /// CreateRedundantUdfMetadataFiles (UDF 2.50 and 2.60).
    pub fn set_create_redundant_udf_metadata_files(&mut self, on: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_create_redundant_udf_metadata_files(self.p(), on as i32) }).map(|_| ())
    }
    pub fn create_redundant_udf_metadata_files(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsimage_get_create_redundant_udf_metadata_files(self.p(), v) }).map(|v| v != 0)
    }

    pub fn set_strict_compliance(&mut self, strict: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_strict_compliance(self.p(), strict as i32) }).map(|_| ())
    }
    pub fn strict_compliance(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsimage_get_strict_compliance(self.p(), v) }).map(|v| v != 0)
    }
    pub fn set_restricted_charset(&mut self, restricted: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_restricted_charset(self.p(), restricted as i32) }).map(|_| ())
    }
    pub fn restricted_charset(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsimage_get_restricted_charset(self.p(), v) }).map(|v| v != 0)
    }

    /// FreeMediaBlocks: capacity in 2048-byte blocks, 0 = unlimited.
    pub fn set_free_media_blocks(&mut self, blocks: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_free_media_blocks(self.p(), blocks) }).map(|_| ())
    }
    getter!(free_media_blocks, imapi_fsimage_get_free_media_blocks, i64);
    getter!(used_blocks, imapi_fsimage_get_used_blocks, i64);
    getter!(file_count, imapi_fsimage_get_file_count, i64);
    getter!(directory_count, imapi_fsimage_get_directory_count, i64);
    pub fn set_session_start_block(&mut self, lba: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_session_start_block(self.p(), lba) }).map(|_| ())
    }
    getter!(session_start_block, imapi_fsimage_get_session_start_block, i64);

    getter!(change_point, imapi_fsimage_get_change_point, i64);
    pub fn rollback_to_change_point(&mut self, id: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_rollback_to_change_point(self.p(), id) }).map(|_| ())
    }
    pub fn lock_in_change_point(&mut self) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_lock_in_change_point(self.p()) }).map(|_| ())
    }

    pub fn set_working_directory(&mut self, dir: impl AsRef<Path>) -> Result<()> {
        let d = cpath(dir.as_ref())?;
        check(unsafe { sys::imapi_fsimage_set_working_directory(self.p(), d.as_ptr()) }).map(|_| ())
    }
    string_getter!(working_directory, imapi_fsimage_get_working_directory);
    pub fn set_stage_files(&mut self, stage: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_stage_files(self.p(), stage as i32) }).map(|_| ())
    }
    pub fn stage_files(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsimage_get_stage_files(self.p(), v) }).map(|v| v != 0)
    }

    /// The type of the item at an absolute image path, `ItemType::NotFound` if none.
    pub fn exists(&self, path: &str) -> Result<ItemType> {
        let p = cstr(path)?;
        out(|v| unsafe { sys::imapi_fsimage_exists(self.p(), p.as_ptr(), v) }).map(ItemType::from_raw)
    }
    /// The item at an absolute image path; Err(IMAPI_E_ITEM_NOT_FOUND) if none.
    pub fn item(&self, path: &str) -> Result<FsiItem> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_get_item(self.p(), p.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    pub fn create_directory_item(&self, name: &str) -> Result<FsiItem> {
        let n = cstr(name)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_create_directory_item(self.p(), n.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    pub fn create_file_item(&self, name: &str) -> Result<FsiItem> {
        let n = cstr(name)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_create_file_item(self.p(), n.as_ptr(), o) }).map(FsiItem::from_raw)
    }

    /// Lays out the tree (metadata only): a frozen result to read or write.
    pub fn create_result_image(&self) -> Result<FileSystemImageResult> {
        out_handle(|o| unsafe { sys::imapi_fsimage_create_result_image(self.p(), o) }).map(FileSystemImageResult::from_raw)
    }

    /// Imports the session at `session_block` of `previous`; `FileSystems::NONE` lets the
    /// library choose. Returns the file system used.
    pub fn import(&mut self, previous: &Stream, session_block: i64, fs: FileSystems) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_import_stream(self.p(), previous.as_ptr(), session_block, fs.0, v) })
            .map(FileSystems)
    }
}

impl Drop for FileSystemImage {
    fn drop(&mut self) {
        unsafe { sys::imapi_fsimage_free(self.raw.as_ptr()) }
    }
}

/// Builds a [`FileSystemImage`] with its options set, failing at `build` if one is refused.
#[derive(Debug, Default, Clone)]
pub struct FileSystemImageBuilder {
    volume_name: Option<String>,
    file_systems: Option<FileSystems>,
    iso9660_level: Option<i32>,
    free_media_blocks: Option<i64>,
    strict: Option<bool>,
    udf_revision: Option<i32>,
}

impl FileSystemImageBuilder {
    pub fn volume_name(mut self, name: &str) -> Self {
        self.volume_name = Some(name.to_string());
        self
    }
    pub fn file_systems(mut self, fs: FileSystems) -> Self {
        self.file_systems = Some(fs);
        self
    }
    pub fn iso9660_level(mut self, level: i32) -> Self {
        self.iso9660_level = Some(level);
        self
    }
    /// 0 = no capacity limit.
    pub fn free_media_blocks(mut self, blocks: i64) -> Self {
        self.free_media_blocks = Some(blocks);
        self
    }
    pub fn strict_compliance(mut self, strict: bool) -> Self {
        self.strict = Some(strict);
        self
    }
    /// UdfRevision, e.g. 0x102, 0x150, 0x201, 0x250 (see `udf_revisions_supported`);
    /// used when the file systems include UDF.
    pub fn udf_revision(mut self, revision: i32) -> Self {
        self.udf_revision = Some(revision);
        self
    }
    pub fn build(self) -> Result<FileSystemImage> {
        let mut image = FileSystemImage::new()?;
        if let Some(s) = self.strict {
            image.set_strict_compliance(s)?;
        }
        if let Some(fs) = self.file_systems {
            image.set_file_systems_to_create(fs)?;
        }
        if let Some(l) = self.iso9660_level {
            image.set_iso9660_level(l)?;
        }
        if let Some(r) = self.udf_revision {
            image.set_udf_revision(r)?;
        }
        if let Some(b) = self.free_media_blocks {
            image.set_free_media_blocks(b)?;
        }
        if let Some(n) = &self.volume_name {
            image.set_volume_name(n)?;
        }
        Ok(image)
    }
}

/// A list of `int32_t` from a C function that takes (buffer, capacity, count):
/// asked once for the count, then for the values.
fn int_list(f: impl Fn(*mut i32, i32, *mut i32) -> sys::imapi_status) -> Result<Vec<i32>> {
    let count = out(|c| f(std::ptr::null_mut(), 0, c))?;
    let mut values = vec![0i32; count.max(0) as usize];
    let mut got = 0;
    check(f(values.as_mut_ptr(), values.len() as i32, &mut got))?;
    values.truncate(got.clamp(0, count) as usize);
    Ok(values)
}
