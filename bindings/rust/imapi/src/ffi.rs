//! Crossing the C boundary: strings in and out, out parameters, progress callbacks.
use std::any::Any;
use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_void};
use std::os::unix::ffi::OsStrExt;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use imapi_sys as sys;

use crate::error::{check, Error, Result};
use crate::status::Status;
use crate::progress::Progress;

/// A UTF-8 string for the C side; a NUL inside is IMAPI_E_INVALIDARG, not a truncation.
pub(crate) fn cstr(s: &str) -> Result<CString> {
    CString::new(s).map_err(|_| Error::new(Status::InvalidArg, format!("{s:?} contains a NUL character")))
}

/// A host path for the C side (its bytes as they are).
pub(crate) fn cpath(p: &Path) -> Result<CString> {
    CString::new(p.as_os_str().as_bytes())
        .map_err(|_| Error::new(Status::InvalidArg, format!("{p:?} contains a NUL character")))
}

/// A borrowed or static C string, copied.
pub(crate) fn borrowed(p: *const c_char) -> String {
    if p.is_null() {
        String::new()
    } else {
        unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
    }
}

/// Calls a `char **out` getter and takes ownership of the string (imapi_free).
pub(crate) fn owned_string(call: impl FnOnce(*mut *mut c_char) -> i32) -> Result<String> {
    let mut p: *mut c_char = std::ptr::null_mut();
    let status = call(&mut p);
    let s = borrowed(p);
    // SAFETY: p is NULL or a string the library handed over.
    unsafe { sys::imapi_free(p as *mut c_void) };
    check(status)?;
    Ok(s)
}

/// Calls a getter with one out parameter.
pub(crate) fn out<T: Default>(call: impl FnOnce(*mut T) -> i32) -> Result<T> {
    let mut v = T::default();
    check(call(&mut v))?;
    Ok(v)
}

/// Calls a creator with a handle out parameter; a NULL success is reported, never wrapped.
pub(crate) fn out_handle<T>(call: impl FnOnce(*mut *mut T) -> i32) -> Result<std::ptr::NonNull<T>> {
    let mut p: *mut T = std::ptr::null_mut();
    check(call(&mut p))?;
    std::ptr::NonNull::new(p).ok_or_else(|| Error::new(Status::Fail, "the library returned no handle"))
}

struct ProgressContext<'a> {
    handler: &'a mut dyn FnMut(&Progress) -> bool,
    panic: Option<Box<dyn Any + Send>>,
}

unsafe extern "C" fn on_progress(user: *mut c_void, p: *const sys::imapi_progress) -> i32 {
    // SAFETY: user is the ProgressContext of run_with_progress, alive for the call.
    let ctx = &mut *(user as *mut ProgressContext);
    if p.is_null() {
        return 0;
    }
    let progress = Progress::from_raw(&*p);
    // A panic must not unwind into C: catch it here, cancel, report it after the call.
    match catch_unwind(AssertUnwindSafe(|| (ctx.handler)(&progress))) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(payload) => {
            ctx.panic = Some(payload);
            1
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        s.to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a non-string panic".to_string()
    }
}

/// Runs a blocking call with a progress closure (called on this thread; false cancels).
/// A panic in the closure cancels the call and comes back as IMAPI_E_REQUEST_CANCELLED.
pub(crate) fn run_with_progress(
    handler: &mut dyn FnMut(&Progress) -> bool,
    call: impl FnOnce(sys::imapi_progress_fn, *mut c_void) -> i32,
) -> Result<()> {
    let mut ctx = ProgressContext { handler, panic: None };
    let status = call(Some(on_progress), &mut ctx as *mut ProgressContext as *mut c_void);
    if let Some(payload) = ctx.panic {
        return Err(Error::new(
            Status::RequestCancelled,
            format!("the progress closure panicked, so the operation was cancelled: {}", panic_message(&*payload)),
        ));
    }
    check(status).map(|_| ())
}

/// The indexes `0..count` of a C list read one element per call, as the iterators over
/// children, listings and progress items walk them (`count` from the C side, never negative).
#[derive(Debug)]
pub(crate) struct Indices(std::ops::Range<i64>);

impl Indices {
    pub(crate) fn new(count: i64) -> Indices {
        Indices(0..count.max(0))
    }
    /// The next index, or None at the end.
    pub(crate) fn next(&mut self) -> Option<i64> {
        self.0.next()
    }
    /// Skips what is left (the iterator ends).
    pub(crate) fn finish(&mut self) {
        self.0.start = self.0.end;
    }
    /// How many are left.
    pub(crate) fn left(&self) -> usize {
        (self.0.end - self.0.start) as usize
    }
}
