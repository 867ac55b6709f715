//! How much an extraction may write (an extension beyond IMAPI).
use crate::error::{check, Result};
use crate::ffi::out;
use crate::reader::ImageReader;
use imapi_sys as sys;

impl ImageReader {
    /// The most bytes the files of [`ImageReader::extract`] may add up to; more is
    /// refused ([`Status::DataTooBig`](crate::Status::DataTooBig) before anything is written. 0 restores the
    /// default (16 times the image plus 1 GiB), a negative value lifts the limit
    /// (for images of sparse files).
    pub fn set_extract_limit(&mut self, max_bytes: i64) -> Result<()> {
        check(unsafe { sys::imapi_image_reader_set_extract_limit(self.p(), max_bytes) }).map(|_| ())
    }
    /// The extraction limit in force for this image in bytes, or -1 when lifted.
    pub fn extract_limit(&self) -> Result<i64> {
        out(|v| unsafe { sys::imapi_image_reader_get_extract_limit(self.p(), v) })
    }
}
