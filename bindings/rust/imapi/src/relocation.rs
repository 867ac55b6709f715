//! Rock Ridge relocation of deep directories (an extension beyond IMAPI).
use crate::error::{check, Result};
use crate::ffi::out;
use crate::image::FileSystemImage;
use imapi_sys as sys;

impl FileSystemImage {
    /// Rock Ridge relocation of directories deeper than ISO 9660's 8 levels.
    /// `false` (the default) records deep directories where they are, so every
    /// reader shows the source tree in every namespace; `true` (also implied by
    /// strict compliance) moves them into a top-level `.rr_moved` that Rock Ridge
    /// readers hide (RRIP RE). Needs Rock Ridge among the file systems to create.
    pub fn set_rr_relocation(&mut self, relocate: bool) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_rr_relocation(self.p(), relocate as i32) }).map(|_| ())
    }
    /// Whether deep directories are relocated; see [`FileSystemImage::set_rr_relocation`].
    pub fn rr_relocation(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_fsimage_get_rr_relocation(self.p(), v) }).map(|v| v != 0)
    }
}
