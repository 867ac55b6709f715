//! Safe Rust API for libimapi, Microsoft's IMAPI2 and IMAPI2FS for Linux: file-system
//! images (ISO 9660, Joliet, Rock Ridge, UDF 1.02 to 2.60, and bridges of them), reading
//! images back, optical recorders (real drives and emulated ones) and burning, over the
//! C ABI of `include/imapi_c.h` (declared in `imapi-sys`).
//!
//! # The main types
//!
//! | type | IMAPI | what it does |
//! |---|---|---|
//! | [`FileSystemImage`] ([`FileSystemImage::builder`]) | IFileSystemImage | the tree and options of an image |
//! | [`FsiItem`] | IFsiDirectoryItem, IFsiFileItem | a directory, file or link of the tree ([`FsiItem::children`]) |
//! | [`FileSystemImageResult`] | IFileSystemImageResult | the laid-out image: a [`Stream`], a file, a [`Job`] |
//! | [`ImageReader`], [`IsoImageManager`] | IIsoImageManager | list ([`ImageReader::list`]), open and extract images |
//! | [`DiscMaster`], [`DiscRecorder`] | IDiscMaster2, IDiscRecorder2(Ex) | the drives and their media ([`MediaInfo`]) |
//! | [`DiscFormat2Data`], [`WriteEngine2`] | IDiscFormat2Data, IWriteEngine2 | burning, verification, multisession |
//! | [`Job`], [`JobMonitor`] | | long operations on the library's threads (`job.await`) |
//! | [`Error`], [`Status`] | HRESULTs | every failure: IMAPI's code, a message, errno, sense, LBA |
//!
//! Values are types, not integers: bit sets [`FileSystems`], [`MediaState`],
//! [`WriteProtect`]; enums [`MediaType`], [`Profile`], [`UdfRevision`], [`ItemType`],
//! [`EntryType`], [`WriteAction`], [`VerificationLevel`], [`MultisessionKind`]. An enum
//! value this crate does not know (from a newer library) comes back as `Other(raw)`.
//!
//! # An example
//!
//! Master a folder into an ISO 9660 + Joliet + UDF bridge image with a progress line,
//! read it back, and handle an error:
//!
//! ```
//! use imapi::{FileSystemImage, FileSystems, ImageReader, Status, UdfRevision};
//! use std::io::Read;
//! # let dir = std::env::temp_dir().join(format!("imapi-doc-lib-{}", std::process::id()));
//! # std::fs::create_dir_all(dir.join("photos/2024")).unwrap();
//! # std::fs::write(dir.join("photos/2024/первый.txt"), "hello").unwrap();
//! # let (photos, iso) = (dir.join("photos"), dir.join("photos.iso"));
//! let image = FileSystemImage::builder()
//!     .volume_name("Photos")
//!     .file_systems(FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::UDF)
//!     .udf_revision(UdfRevision::V2_01)
//!     .free_media_blocks(0) // no capacity limit
//!     .build()?;
//! let mut root = image.root()?;
//! root.add_tree(&photos, false)?;
//! let err = root.add_directory("2024").unwrap_err();
//! assert_eq!(err.code(), Status::DupName); // prints "IMAPI_E_DUP_NAME (0xC0AAB112): '2024' already exists"
//!
//! image.create_result_image()?.write_file_with_progress(&iso, |p| {
//!     eprint!("\r{}/{} sectors", p.done, p.total);
//!     true // false cancels
//! })?;
//!
//! let reader = ImageReader::open(&iso)?;
//! assert!(reader.file_systems()?.contains(FileSystems::UDF | FileSystems::JOLIET));
//! for entry in reader.list(FileSystems::UDF)? {
//!     let entry = entry?;
//!     println!("{:?} {} ({} bytes)", entry.entry_type, entry.path, entry.size);
//! }
//! let mut text = String::new();
//! reader.open_path(FileSystems::JOLIET, "/2024/первый.txt")?.read_to_string(&mut text)?;
//! assert_eq!(text, "hello");
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Burning goes through [`DiscRecorder`] and [`DiscFormat2Data`] (its page has an
//! example); the emulated drives (`emu:bd-r?dir=...`, [`DiscMaster::add_emulated_drive`])
//! behave as real ones, for tests.
//!
//! # Errors
//!
//! Every call returns [`Result`]; [`Error`] prints as
//! `IMAPI_E_DUP_NAME (0xC0AAB112): '2024' already exists` (so `?` in `main` says what
//! went wrong), names this crate's items in its messages, carries errno, SCSI sense, LBA
//! and path, and converts into [`std::io::Error`] with a fitting kind ([`Error::io_kind`]).
//!
//! # Ownership and threads
//!
//! Every handle is freed on `Drop`, in any order (the library keeps what a child
//! needs of its parent alive: an item outlives its image, a stream its result).
//! Handles are `Send` (they may move between threads) but not `Sync` (one thread at a
//! time, as the C rules say), except [`Job`] and [`JobMonitor`], whose `cancel`,
//! `progress`, `add` and `wake` work from any thread, and [`CancelHandle`]. Progress
//! closures run on the calling thread; a panic in one cancels the call, which then
//! fails with [`Status::RequestCancelled`], and never unwinds into C.
//!
//! What other bindings check at run time, the compiler checks here. A handle
//! used after it was dropped does not compile:
//!
//! ```compile_fail,E0382
//! let image = imapi::FileSystemImage::new().unwrap();
//! drop(image);
//! image.root().unwrap();
//! ```
//!
//! nor does sharing one handle between threads (it is not `Sync`):
//!
//! ```compile_fail,E0277
//! let image = imapi::FileSystemImage::new().unwrap();
//! std::thread::scope(|s| {
//!     s.spawn(|| image.used_blocks());
//!     image.used_blocks()
//! });
//! ```

#![deny(missing_docs, rustdoc::broken_intra_doc_links, rustdoc::private_intra_doc_links)]

/// The examples of README.md, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[macro_use]
mod enums;
#[macro_use]
mod flags;
mod burn;
mod erase;
mod error;
mod extract_limit;
mod ffi;
mod helper_streams;
mod image;
mod item;
mod job;
mod monitor;
mod progress;
mod reader;
mod recorder;
mod relocation;
mod result;
mod rust_names;
mod skipped;
mod status;
mod stream;
mod symlinks;

pub use burn::{
    BurnProgress, CancelHandle, DiscFormat2Data, Multisession, MultisessionKind, SpeedAdjustment, VerificationLevel,
    WriteAction, WriteEngine2, WriteSpeedDescriptor,
};
pub use enums::{MediaType, Profile, UdfRevision};
pub use erase::{DiscFormat2Erase, FormatSpares};
pub use error::{Error, Result};
pub use flags::{FileSystems, MediaState, WriteProtect};
pub use image::{FileSystemImage, FileSystemImageBuilder};
pub use item::{Children, FsiItem, ItemType};
pub use job::Job;
pub use monitor::{JobEvent, JobFuture, JobMonitor};
pub use progress::{Operation, Progress};
pub use reader::{Entries, EntryType, ImageEntry, ImageReader, IsoImageManager};
pub use recorder::{CommandResult, DiscMaster, DiscRecorder, MediaInfo, ModePageRequest, TrackAddress};
pub use result::{FileSystemImageResult, ProgressItem, ProgressItems};
pub use skipped::{SkipReason, SkippedEntry, SKIPPED_PATHS_PER_KIND};
pub use status::Status;
pub use stream::Stream;
pub use symlinks::SymlinkPolicy;

use imapi_sys as sys;

/// The native library's version string ("0.1.0").
pub fn version() -> String {
    ffi::borrowed(unsafe { sys::imapi_version() })
}

/// MAJOR*1000000 + MINOR*1000 + PATCH of the native library.
pub fn version_number() -> i32 {
    unsafe { sys::imapi_version_number() }
}

/// Live native handles, process-wide (a leak check).
pub fn live_handles() -> i64 {
    unsafe { sys::imapi_live_handles() }
}

/// Forgets the calling thread's last native error.
pub fn clear_last_error() {
    unsafe { sys::imapi_error_clear() }
}
