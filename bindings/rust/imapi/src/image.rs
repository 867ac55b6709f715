//! `FileSystemImage` (IMAPI2FS's IFileSystemImage) and its builder.
use std::path::Path;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{cpath, cstr, out, out_handle, owned_string};
use crate::enums::{MediaType, UdfRevision};
use crate::flags::FileSystems;
use crate::item::{FsiItem, ItemType};
use crate::result::FileSystemImageResult;
use crate::stream::Stream;

/// IMAPI2FS's IFileSystemImage: a tree of items and the options of the image made
/// from it (file systems, labels, capacity, UDF revision, ...).
///
/// Make one with [`FileSystemImage::new`] or [`FileSystemImage::builder`], fill its
/// tree through [`FileSystemImage::root`], then lay it out with
/// [`FileSystemImage::create_result_image`]. Dropping it frees the handle; items,
/// results and streams made from it stay usable (they keep what they need alive).
/// `Send` (it may move to another thread), not `Sync` (one thread at a time, as the
/// C rules say); setters take `&mut self`.
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

macro_rules! flag {
    ($(#[$m:meta])* $get:ident, $set:ident, $cget:ident, $cset:ident) => {
        $(#[$m])*
        pub fn $get(&self) -> Result<bool> {
            out(|v| unsafe { sys::$cget(self.p(), v) }).map(|v: i32| v != 0)
        }
        #[doc = concat!("Sets [`FileSystemImage::", stringify!($get), "`].")]
        pub fn $set(&mut self, on: bool) -> Result<()> {
            check(unsafe { sys::$cset(self.p(), on as i32) }).map(|_| ())
        }
    };
}

impl FileSystemImage {
    /// A new, empty image: ISO 9660 + Joliet + Rock Ridge, interchange level 2,
    /// FreeMediaBlocks 332800 (a 74-minute CD), no volume name (one is made from the
    /// date when the result is created). Errors: [`Status::OutOfMemory`](crate::Status::OutOfMemory).
    pub fn new() -> Result<FileSystemImage> {
        out_handle(|o| unsafe { sys::imapi_fsimage_create(o) }).map(|raw| FileSystemImage { raw })
    }

    /// A builder for the common options, checked at [`FileSystemImageBuilder::build`].
    pub fn builder() -> FileSystemImageBuilder {
        FileSystemImageBuilder::default()
    }

    pub(crate) fn p(&self) -> *mut sys::imapi_fsimage {
        self.raw.as_ptr()
    }

    /// The root directory (IFileSystemImage.Root); a new handle each call, freed on drop.
    pub fn root(&self) -> Result<FsiItem> {
        out_handle(|o| unsafe { sys::imapi_fsimage_get_root(self.p(), o) }).map(FsiItem::from_raw)
    }

    /// VolumeName: at most 32 characters, no control characters or `/ \ * ? : ; " < > |`;
    /// each file system derives its own label from it. "" means not set.
    /// Errors: [`Status::InvalidVolumeName`](crate::Status::InvalidVolumeName).
    pub fn set_volume_name(&mut self, name: &str) -> Result<()> {
        let n = cstr(name)?;
        check(unsafe { sys::imapi_fsimage_set_volume_name(self.p(), n.as_ptr()) }).map(|_| ())
    }
    string_getter!(
        /// VolumeName as set ("" when not set).
        volume_name, imapi_fsimage_get_volume_name);
    string_getter!(
        /// The label as ISO 9660 records it (d-characters, at most 32).
        volume_name_iso9660, imapi_fsimage_get_volume_name_iso9660);
    string_getter!(
        /// The label as Joliet records it (at most 16 UCS-2 characters).
        volume_name_joliet, imapi_fsimage_get_volume_name_joliet);
    string_getter!(
        /// The label as UDF records it (at most 30 characters in CS0).
        volume_name_udf, imapi_fsimage_get_volume_name_udf);

    /// FileSystemsToCreate. Joliet and Rock Ridge need ISO 9660.
    /// Errors: [`Status::InvalidParam`](crate::Status::InvalidParam) for bits outside
    /// [`FileSystemImage::file_systems_supported`] or an impossible combination,
    /// [`Status::NoOutput`](crate::Status::NoOutput) for an empty set.
    pub fn set_file_systems_to_create(&mut self, fs: FileSystems) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_file_systems_to_create(self.p(), fs.bits()) }).map(|_| ())
    }
    /// FileSystemsToCreate.
    pub fn file_systems_to_create(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_file_systems_to_create(self.p(), v) }).map(FileSystems::from_bits_retain)
    }
    /// FileSystemsSupported: the file systems this build can write.
    pub fn file_systems_supported(&self) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_file_systems_supported(self.p(), v) }).map(FileSystems::from_bits_retain)
    }

    /// ISO9660InterchangeLevel: 1 (8.3 names), 2 (31-character names) or 3 (also files
    /// of 4 GiB and more, in several extents). Errors: [`Status::InvalidParam`](crate::Status::InvalidParam).
    pub fn set_iso9660_level(&mut self, level: i32) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_iso9660_level(self.p(), level) }).map(|_| ())
    }
    getter!(
        /// ISO9660InterchangeLevel (1, 2 or 3).
        iso9660_level, imapi_fsimage_get_iso9660_level, i32);
    /// ISO9660InterchangeLevelsSupported.
    pub fn iso9660_levels_supported(&self) -> Result<Vec<i32>> {
        let p = self.p();
        int_list(|buf, cap, count| unsafe { sys::imapi_fsimage_get_iso9660_levels_supported(p, buf, cap, count) })
    }

    /// GetDefaultFileSystemForImport: of `file_systems` (e.g. [`ImageReader::file_systems`](crate::ImageReader::file_systems)),
    /// the one [`FileSystemImage::import`] reads: Rock Ridge, then UDF, then Joliet, then ISO 9660.
    /// Errors: [`Status::NoSupportedFileSystem`](crate::Status::NoSupportedFileSystem).
    pub fn default_file_system_for_import(&self, file_systems: FileSystems) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_get_default_file_system_for_import(self.p(), file_systems.bits(), v) })
            .map(FileSystems::from_bits_retain)
    }

    /// ChooseImageDefaultsForMediaType: file systems, UDF revision, ISO 9660 level and
    /// FreeMediaBlocks for a blank medium of `media_type` (CDs: ISO 9660 + Joliet + Rock
    /// Ridge + UDF 1.02; DVDs the same at level 3; BDs UDF 2.50 only; ...).
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) for [`MediaType::Unknown`],
    /// [`Status::FileSystemChangeNotAllowed`](crate::Status::FileSystemChangeNotAllowed) after an import.
    pub fn choose_image_defaults_for_media_type(&mut self, media_type: MediaType) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_choose_image_defaults_for_media_type(self.p(), media_type.raw()) }).map(|_| ())
    }

    /// UDFRevision, used when the file systems include UDF (default [`UdfRevision::V1_02`]).
    /// Errors: [`Status::InvalidParam`](crate::Status::InvalidParam) for an `Other` value,
    /// [`Status::UdfRevisionChangeNotAllowed`](crate::Status::UdfRevisionChangeNotAllowed) once a session was imported.
    pub fn set_udf_revision(&mut self, revision: UdfRevision) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_udf_revision(self.p(), revision.raw()) }).map(|_| ())
    }
    /// UDFRevision.
    pub fn udf_revision(&self) -> Result<UdfRevision> {
        out(|v| unsafe { sys::imapi_fsimage_get_udf_revision(self.p(), v) }).map(UdfRevision::from_raw)
    }
    /// UDFRevisionsSupported, oldest first.
    pub fn udf_revisions_supported(&self) -> Result<Vec<UdfRevision>> {
        let p = self.p();
        int_list(|buf, cap, count| unsafe { sys::imapi_fsimage_get_udf_revisions_supported(p, buf, cap, count) })
            .map(|v| v.into_iter().map(UdfRevision::from_raw).collect())
    }
    flag!(
        /// CreateRedundantUdfMetadataFiles (default true): for UDF 2.50 and 2.60, whether the
        /// metadata mirror file holds a copy of the file tree (true) or shares the metadata
        /// file's blocks (false, a smaller image).
        create_redundant_udf_metadata_files, set_create_redundant_udf_metadata_files,
        imapi_fsimage_get_create_redundant_udf_metadata_files, imapi_fsimage_set_create_redundant_udf_metadata_files);

    flag!(
        /// StrictFileSystemCompliance: what the standards forbid is an error instead of
        /// tolerated (ISO 9660 depth beyond 8 without Rock Ridge, paths over 255); with Rock
        /// Ridge, deep directories are relocated. Settable only on an empty image
        /// ([`Status::FileSystemNotEmpty`](crate::Status::FileSystemNotEmpty)).
        strict_compliance, set_strict_compliance, imapi_fsimage_get_strict_compliance, imapi_fsimage_set_strict_compliance);
    flag!(
        /// UseRestrictedCharacterSet: names of items added afterwards must be printable ASCII
        /// ([`Status::RestrictedNameViolation`](crate::Status::RestrictedNameViolation) otherwise).
        restricted_charset, set_restricted_charset, imapi_fsimage_get_restricted_charset, imapi_fsimage_set_restricted_charset);

    /// FreeMediaBlocks: the capacity in 2048-byte blocks, 0 = unlimited. Below
    /// [`FileSystemImage::used_blocks`]: [`Status::ImageTooBig`](crate::Status::ImageTooBig);
    /// adding beyond it later: [`Status::ImageSizeLimit`](crate::Status::ImageSizeLimit).
    pub fn set_free_media_blocks(&mut self, blocks: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_free_media_blocks(self.p(), blocks) }).map(|_| ())
    }
    getter!(
        /// FreeMediaBlocks (0 = unlimited).
        free_media_blocks, imapi_fsimage_get_free_media_blocks, i64);
    getter!(
        /// UsedBlocks: the blocks the image would take now (an exact layout of the current tree).
        used_blocks, imapi_fsimage_get_used_blocks, i64);
    getter!(
        /// FileCount.
        file_count, imapi_fsimage_get_file_count, i64);
    getter!(
        /// DirectoryCount (the root is not counted).
        directory_count, imapi_fsimage_get_directory_count, i64);
    /// SessionStartBlock: the LBA the image will be written at (0 for a standalone image;
    /// a new session's start for multisession).
    pub fn set_session_start_block(&mut self, lba: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_session_start_block(self.p(), lba) }).map(|_| ())
    }
    getter!(
        /// SessionStartBlock.
        session_start_block, imapi_fsimage_get_session_start_block, i64);

    getter!(
        /// ChangePoint: the id of the tree's current state, for [`FileSystemImage::rollback_to_change_point`].
        change_point, imapi_fsimage_get_change_point, i64);
    /// RollbackToChangePoint: undoes every change made since `id`. An id from before
    /// [`FileSystemImage::lock_in_change_point`]: [`Status::InvalidParam`](crate::Status::InvalidParam).
    pub fn rollback_to_change_point(&mut self, id: i64) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_rollback_to_change_point(self.p(), id) }).map(|_| ())
    }
    /// LockInChangePoint: makes the current state permanent (earlier ids become invalid).
    pub fn lock_in_change_point(&mut self) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_lock_in_change_point(self.p()) }).map(|_| ())
    }

    /// WorkingDirectory: where staged files are stashed (default `$TMPDIR` or /tmp).
    /// Errors: [`Status::InvalidWorkingDirectory`](crate::Status::InvalidWorkingDirectory).
    pub fn set_working_directory(&mut self, dir: impl AsRef<Path>) -> Result<()> {
        let d = cpath(dir.as_ref())?;
        check(unsafe { sys::imapi_fsimage_set_working_directory(self.p(), d.as_ptr()) }).map(|_| ())
    }
    string_getter!(
        /// WorkingDirectory.
        working_directory, imapi_fsimage_get_working_directory);
    flag!(
        /// StageFiles: the data of files added afterwards is copied at once into unnamed
        /// stash files in the working directory, so later changes to the sources do not
        /// matter. Errors when adding: `Status::StashFile*`, [`Status::WorkingDirectorySpace`](crate::Status::WorkingDirectorySpace).
        stage_files, set_stage_files, imapi_fsimage_get_stage_files, imapi_fsimage_set_stage_files);

    /// Exists: what is at an absolute image path ("/a/b"), [`ItemType::NotFound`] if nothing.
    pub fn exists(&self, path: &str) -> Result<ItemType> {
        let p = cstr(path)?;
        out(|v| unsafe { sys::imapi_fsimage_exists(self.p(), p.as_ptr(), v) }).map(ItemType::from_raw)
    }
    /// The item at an absolute image path. Errors: [`Status::ItemNotFound`](crate::Status::ItemNotFound)
    /// (also for malformed paths).
    pub fn item(&self, path: &str) -> Result<FsiItem> {
        let p = cstr(path)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_get_item(self.p(), p.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    /// CreateDirectoryItem: a detached directory, placed later with [`FsiItem::add`].
    pub fn create_directory_item(&self, name: &str) -> Result<FsiItem> {
        let n = cstr(name)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_create_directory_item(self.p(), n.as_ptr(), o) }).map(FsiItem::from_raw)
    }
    /// CreateFileItem: a detached file, placed later with [`FsiItem::add`].
    pub fn create_file_item(&self, name: &str) -> Result<FsiItem> {
        let n = cstr(name)?;
        out_handle(|o| unsafe { sys::imapi_fsimage_create_file_item(self.p(), n.as_ptr(), o) }).map(FsiItem::from_raw)
    }

    /// CreateResultImage: lays out the current tree (fast: metadata only) into a frozen
    /// result; later changes to the tree do not affect it, file data is read when the
    /// image stream reaches it. Errors: [`Status::NoOutput`](crate::Status::NoOutput),
    /// [`Status::ImageSizeLimit`](crate::Status::ImageSizeLimit), [`Status::Iso9660Levels`](crate::Status::Iso9660Levels)
    /// (strict), [`Status::DataTooBig`](crate::Status::DataTooBig), [`Status::TooManyDirs`](crate::Status::TooManyDirs),
    /// [`Status::NoUniqueName`](crate::Status::NoUniqueName).
    pub fn create_result_image(&self) -> Result<FileSystemImageResult> {
        out_handle(|o| unsafe { sys::imapi_fsimage_create_result_image(self.p(), o) }).map(FileSystemImageResult::from_raw)
    }

    /// ImportFileSystem / ImportSpecificFileSystem: imports the session at block
    /// `session_block` of `previous` (0 for a single-session image); `fs` names one of
    /// Rock Ridge, UDF, Joliet, ISO 9660, or [`FileSystems::NONE`] lets the library
    /// choose. Returns the file system used. Items already in the tree win; imported
    /// files are not copied again, so set [`FileSystemImage::set_session_start_block`] to
    /// where the new session goes. On failure the image is as it was.
    /// Errors: [`Status::FileSystemNotFound`](crate::Status::FileSystemNotFound),
    /// [`Status::ImageManagerNoValidVdFound`](crate::Status::ImageManagerNoValidVdFound),
    /// [`Status::FileSystemReadConsistencyError`](crate::Status::FileSystemReadConsistencyError),
    /// [`Status::ImportReadFailure`](crate::Status::ImportReadFailure), the `ImportTypeCollision*` codes.
    pub fn import(&mut self, previous: &Stream, session_block: i64, fs: FileSystems) -> Result<FileSystems> {
        out(|v| unsafe { sys::imapi_fsimage_import_stream(self.p(), previous.as_ptr(), session_block, fs.bits(), v) })
            .map(FileSystems::from_bits_retain)
    }
}

impl Drop for FileSystemImage {
    /// Frees the handle; what was made from it stays usable.
    fn drop(&mut self) {
        unsafe { sys::imapi_fsimage_free(self.raw.as_ptr()) }
    }
}

/// Builds a [`FileSystemImage`] with its options set; [`FileSystemImageBuilder::build`]
/// fails with the first option the library refuses.
///
/// ```
/// use imapi::{FileSystemImage, FileSystems, UdfRevision};
/// let image = FileSystemImage::builder()
///     .volume_name("Photos")
///     .file_systems(FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::UDF)
///     .udf_revision(UdfRevision::V2_01)
///     .free_media_blocks(0)
///     .build()?;
/// assert_eq!(image.udf_revision()?, UdfRevision::V2_01);
/// # Ok::<(), imapi::Error>(())
/// ```
#[derive(Debug, Default, Clone)]
pub struct FileSystemImageBuilder {
    volume_name: Option<String>,
    file_systems: Option<FileSystems>,
    iso9660_level: Option<i32>,
    free_media_blocks: Option<i64>,
    strict: Option<bool>,
    udf_revision: Option<UdfRevision>,
    pub(crate) symlink_policy: Option<crate::SymlinkPolicy>,
}

impl FileSystemImageBuilder {
    /// See [`FileSystemImage::set_volume_name`].
    pub fn volume_name(mut self, name: &str) -> Self {
        self.volume_name = Some(name.to_string());
        self
    }
    /// See [`FileSystemImage::set_file_systems_to_create`].
    pub fn file_systems(mut self, fs: FileSystems) -> Self {
        self.file_systems = Some(fs);
        self
    }
    /// See [`FileSystemImage::set_iso9660_level`].
    pub fn iso9660_level(mut self, level: i32) -> Self {
        self.iso9660_level = Some(level);
        self
    }
    /// See [`FileSystemImage::set_free_media_blocks`] (0 = no capacity limit).
    pub fn free_media_blocks(mut self, blocks: i64) -> Self {
        self.free_media_blocks = Some(blocks);
        self
    }
    /// See [`FileSystemImage::set_strict_compliance`].
    pub fn strict_compliance(mut self, strict: bool) -> Self {
        self.strict = Some(strict);
        self
    }
    /// See [`FileSystemImage::set_udf_revision`]; used when the file systems include UDF.
    pub fn udf_revision(mut self, revision: UdfRevision) -> Self {
        self.udf_revision = Some(revision);
        self
    }
    /// The image, with the options applied in an order the library accepts (strict
    /// compliance first, the volume name last); the first refusal is the error.
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
        if let Some(p) = self.symlink_policy {
            image.set_symlink_policy(p)?;
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
