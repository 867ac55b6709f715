//! `Stream`: IMAPI's IStream, readable and seekable with std::io.
use std::io::{self, Read, Seek, SeekFrom};
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::status::Status;
use crate::ffi::{cpath, out, out_handle};

/// IMAPI's IStream: a stream of bytes, seekable and sized; file data for images, an
/// image ([`FileSystemImageResult::image_stream`](crate::FileSystemImageResult::image_stream)),
/// a file inside an image ([`ImageReader::open_file`](crate::ImageReader::open_file)), what a
/// burn writes. It implements [`std::io::Read`] (straight into the caller's buffer) and
/// [`std::io::Seek`]; their errors are [`Error`](crate::Error)s inside `io::Error` with the
/// fitting kind. Dropping it frees this handle; an image or composed stream using the
/// data keeps it alive. One thread at a time (it is `Send`, not `Sync`), as the C rules say.
#[derive(Debug)]
pub struct Stream {
    raw: NonNull<sys::imapi_stream>,
}

// SAFETY: a handle may move between threads; &mut self serializes its use.
unsafe impl Send for Stream {}

impl Stream {
    pub(crate) fn from_raw(raw: NonNull<sys::imapi_stream>) -> Stream {
        Stream { raw }
    }
    pub(crate) fn as_ptr(&self) -> *mut sys::imapi_stream {
        self.raw.as_ptr()
    }

    /// A stream over a file, opened now. Errors: [`Status::DataStreamCreateFailure`](crate::Status::DataStreamCreateFailure)
    /// with errno ([`Error::os_error`](crate::Error::os_error); ENOENT is `io::ErrorKind::NotFound`).
    pub fn from_file(path: impl AsRef<Path>) -> Result<Stream> {
        let p = cpath(path.as_ref())?;
        out_handle(|o| unsafe { sys::imapi_stream_create_from_file(p.as_ptr(), o) }).map(Stream::from_raw)
    }

    /// A stream over a copy of `data` (the slice may be dropped at once).
    pub fn from_memory(data: &[u8]) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_stream_create_from_memory(data.as_ptr() as *const c_void, data.len() as i64, o) })
            .map(Stream::from_raw)
    }

    /// IMAPI's zero stream: `size` zero bytes, no memory.
    pub fn zero(size: i64) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_stream_create_zero(size, o) }).map(Stream::from_raw)
    }

    /// A stream whose data the library pulls from `source`, possibly from its worker
    /// threads (hence `Send`). Errors and panics of the source become
    /// [`Status::DataStreamReadFailure`](crate::Status::DataStreamReadFailure) in the library; a panic never unwinds into C.
    pub fn from_reader<R: Read + Seek + Send + 'static>(source: R) -> Result<Stream> {
        let user = Box::into_raw(Box::new(Box::new(source) as Box<dyn ReadSeek>));
        let vtable = sys::imapi_stream_vtable {
            struct_size: std::mem::size_of::<sys::imapi_stream_vtable>() as u32,
            read: Some(user_read),
            seek: Some(user_seek),
            size: Some(user_size),
            release: Some(user_release),
        };
        match out_handle(|o| unsafe { sys::imapi_stream_create_user(&vtable, user as *mut c_void, o) }) {
            Ok(raw) => Ok(Stream::from_raw(raw)),
            Err(e) => {
                // The library did not take it.
                drop(unsafe { Box::from_raw(user) });
                Err(e)
            }
        }
    }

    /// Total size in bytes (a user stream's size is asked of its source each time).
    pub fn size(&self) -> Result<i64> {
        out(|s| unsafe { sys::imapi_stream_get_size(self.as_ptr(), s) })
    }

    /// Moves without asking for the new position ([`std::io::Seek::seek`] returns it).
    /// Before 0: [`Status::InvalidArg`](crate::Status::InvalidArg).
    pub fn seek_only(&mut self, pos: SeekFrom) -> Result<()> {
        let (offset, whence) = whence(pos);
        check(unsafe { sys::imapi_stream_seek(self.as_ptr(), offset, whence, std::ptr::null_mut()) }).map(|_| ())
    }
}

fn whence(pos: SeekFrom) -> (i64, i32) {
    match pos {
        SeekFrom::Start(o) => (o as i64, sys::IMAPI_SEEK_SET),
        SeekFrom::Current(o) => (o, sys::IMAPI_SEEK_CUR),
        SeekFrom::End(o) => (o, sys::IMAPI_SEEK_END),
    }
}

impl Read for Stream {
    /// Reads straight into `buf`: no intermediate copy.
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let mut n: i64 = 0;
        check(unsafe { sys::imapi_stream_read(self.as_ptr(), buf.as_mut_ptr() as *mut c_void, buf.len() as i64, &mut n) })?;
        Ok(n as usize)
    }
}

impl Seek for Stream {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let (offset, whence) = whence(pos);
        let mut p: i64 = 0;
        check(unsafe { sys::imapi_stream_seek(self.as_ptr(), offset, whence, &mut p) })?;
        Ok(p as u64)
    }
}

impl Drop for Stream {
    fn drop(&mut self) {
        unsafe { sys::imapi_stream_free(self.as_ptr()) }
    }
}

trait ReadSeek: Read + Seek + Send {}
impl<T: Read + Seek + Send> ReadSeek for T {}

fn source<'a>(user: *mut c_void) -> &'a mut Box<dyn ReadSeek> {
    // SAFETY: user is the Box made by from_reader; the library calls one at a time.
    unsafe { &mut *(user as *mut Box<dyn ReadSeek>) }
}

unsafe extern "C" fn user_read(user: *mut c_void, buf: *mut c_void, cap: i64, n: *mut i64) -> i32 {
    let r = catch_unwind(AssertUnwindSafe(|| {
        let slice = std::slice::from_raw_parts_mut(buf as *mut u8, cap.clamp(0, isize::MAX as i64) as usize);
        loop {
            match source(user).read(slice) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                other => return other,
            }
        }
    }));
    match r {
        Ok(Ok(got)) => {
            *n = got as i64;
            0
        }
        _ => {
            *n = 0;
            Status::DataStreamReadFailure.raw()
        }
    }
}

unsafe extern "C" fn user_seek(user: *mut c_void, offset: i64, whence: i32, position: *mut i64) -> i32 {
    let pos = match whence {
        sys::IMAPI_SEEK_SET if offset >= 0 => SeekFrom::Start(offset as u64),
        sys::IMAPI_SEEK_CUR => SeekFrom::Current(offset),
        sys::IMAPI_SEEK_END => SeekFrom::End(offset),
        _ => return Status::InvalidArg.raw(),
    };
    match catch_unwind(AssertUnwindSafe(|| source(user).seek(pos))) {
        Ok(Ok(p)) => {
            if !position.is_null() {
                *position = p as i64;
            }
            0
        }
        _ => Status::DataStreamReadFailure.raw(),
    }
}

unsafe extern "C" fn user_size(user: *mut c_void, size: *mut i64) -> i32 {
    let r = catch_unwind(AssertUnwindSafe(|| -> io::Result<u64> {
        let s = source(user);
        let here = s.stream_position()?;
        let end = s.seek(SeekFrom::End(0))?;
        s.seek(SeekFrom::Start(here))?;
        Ok(end)
    }));
    match r {
        Ok(Ok(end)) => {
            *size = end as i64;
            0
        }
        _ => Status::DataStreamReadFailure.raw(),
    }
}

unsafe extern "C" fn user_release(user: *mut c_void) {
    // Dropping the source must not unwind into C either.
    let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(user as *mut Box<dyn ReadSeek>))));
}
