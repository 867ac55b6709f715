//! Progress snapshots.
use std::time::Duration;

use imapi_sys as sys;

/// What a progress snapshot counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    None,
    /// Writing an image: `done`/`total` are sectors.
    ImageWrite,
    /// Extracting an image: `done`/`total` are bytes.
    Extract,
    Other(i32),
}

/// A progress snapshot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    pub operation: Operation,
    pub current_item: String,
    pub done: i64,
    pub total: i64,
    pub elapsed: Duration,
}

impl Progress {
    pub(crate) fn from_raw(p: &sys::imapi_progress) -> Progress {
        Progress {
            operation: match p.operation {
                sys::IMAPI_OPERATION_NONE => Operation::None,
                sys::IMAPI_OPERATION_IMAGE_WRITE => Operation::ImageWrite,
                sys::IMAPI_OPERATION_EXTRACT => Operation::Extract,
                o => Operation::Other(o),
            },
            current_item: crate::ffi::borrowed(p.current_item),
            done: p.done,
            total: p.total,
            elapsed: Duration::from_millis(p.elapsed_ms.max(0) as u64),
        }
    }

    pub(crate) fn raw() -> sys::imapi_progress {
        sys::imapi_progress {
            struct_size: std::mem::size_of::<sys::imapi_progress>() as u32,
            operation: 0,
            current_item: std::ptr::null(),
            done: 0,
            total: 0,
            elapsed_ms: 0,
        }
    }
}
