//! Progress snapshots.
use std::time::Duration;

use imapi_sys as sys;

int_enum! {
    /// What a [`Progress`] counts (`IMAPI_OPERATION_*`).
    Operation {
        /// Nothing (a job before it reports).
        None = sys::IMAPI_OPERATION_NONE,
        /// Writing an image: `done`/`total` are sectors.
        ImageWrite = sys::IMAPI_OPERATION_IMAGE_WRITE,
        /// Extracting an image: `done`/`total` are bytes.
        Extract = sys::IMAPI_OPERATION_EXTRACT,
        /// Burning (the job of a write): `done`/`total` are sectors.
        Burn = sys::IMAPI_OPERATION_BURN,
        /// Erasing or formatting (the job of a [`DiscFormat2Erase`](crate::DiscFormat2Erase)): `done`/`total` are the medium's sectors.
        Erase = sys::IMAPI_OPERATION_ERASE,
    }
}

/// A progress snapshot: what a progress closure receives and [`Job::progress`](crate::Job::progress) returns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress {
    /// What `done` and `total` count.
    pub operation: Operation,
    /// The path being processed, or "".
    pub current_item: String,
    /// Units done.
    pub done: i64,
    /// Units in all.
    pub total: i64,
    /// Time since the operation started.
    pub elapsed: Duration,
}

impl Progress {
    pub(crate) fn from_raw(p: &sys::imapi_progress) -> Progress {
        Progress {
            operation: Operation::from_raw(p.operation),
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
