//! Safe Rust API for libimapi: IMAPI2FS's file-system images (ISO 9660, Joliet,
//! Rock Ridge, UDF), image reading, recorders and burning (IMAPI2's
//! IDiscFormat2Data as [`DiscFormat2Data`], IWriteEngine2 as [`WriteEngine2`]), over
//! the C ABI in `imapi-sys`.
//!
//! ```no_run
//! let image = imapi::FileSystemImage::builder().volume_name("Photos").free_media_blocks(0).build()?;
//! image.root()?.add_tree("/home/me/photos", false)?;
//! let result = image.create_result_image()?;
//! result.write_file_with_progress("photos.iso", |p| { eprint!("\r{}/{}", p.done, p.total); true })?;
//! # Ok::<(), imapi::Error>(())
//! ```
//!
//! Every handle is freed on `Drop`, in any order (the library keeps what a child
//! needs of its parent alive). Handles are `Send` (they may move between
//! threads) but not `Sync` (one thread at a time), except [`Job`], whose
//! `cancel` and `progress` work from any thread.
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

mod burn;
mod error;
mod extract_limit;
mod ffi;
mod image;
mod item;
mod job;
mod monitor;
mod progress;
mod reader;
mod recorder;
mod relocation;
mod result;
mod stream;
mod helper_streams;

pub use burn::{
    BurnProgress, CancelHandle, DiscFormat2Data, Multisession, MultisessionKind, SpeedAdjustment, VerificationLevel,
    WriteAction, WriteEngine2, WriteSpeedDescriptor,
};
pub use error::{status, status_name, Error, Result};
pub use image::{FileSystemImage, FileSystemImageBuilder, FileSystems};
pub use item::{FsiItem, ItemType};
pub use job::Job;
pub use monitor::{JobEvent, JobFuture, JobMonitor};
pub use progress::{Operation, Progress};
pub use reader::{EntryType, ImageEntry, ImageReader, IsoImageManager};
pub use recorder::{CommandResult, DiscMaster, DiscRecorder, MediaInfo, ModePageRequest, TrackAddress};
pub use result::{FileSystemImageResult, ProgressItem};
pub use stream::Stream;

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
