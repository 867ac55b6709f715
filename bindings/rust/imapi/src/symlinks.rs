//! What AddTree does with host symbolic links (an extension beyond IMAPI).
use crate::error::{check, Result};
use crate::ffi::out;
use crate::image::{FileSystemImage, FileSystemImageBuilder};
use imapi_sys as sys;

int_enum! {
    /// What [`FsiItem::add_tree`](crate::FsiItem::add_tree) does with a symbolic link of
    /// the host tree (`IMAPI_SYMLINKS_*`); set with [`FileSystemImage::set_symlink_policy`].
    SymlinkPolicy {
        /// The default: the link itself is recorded (Rock Ridge and UDF show a link, plain
        /// ISO 9660 an empty file, Joliet nothing). 7-Zip refuses a whole UDF volume that holds a link.
        Record = sys::IMAPI_SYMLINKS_RECORD,
        /// A link to a file is added as a file with the target's content, a link to a
        /// directory as that directory's contents. A dangling link fails `add_tree` with
        /// [`Status::FileNotFound`](crate::Status::FileNotFound), a link to a directory above
        /// it (a loop) with [`Status::DirectoryReadFailure`](crate::Status::DirectoryReadFailure);
        /// the image is then left as it was.
        Follow = sys::IMAPI_SYMLINKS_FOLLOW,
        /// Links are left out.
        Skip = sys::IMAPI_SYMLINKS_SKIP,
    }
}

impl FileSystemImage {
    /// What `add_tree` calls made afterwards do with host symbolic links
    /// ([`SymlinkPolicy::Record`] by default).
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) for a value the library does not know
    /// (a [`SymlinkPolicy::Other`]); the policy is then unchanged.
    pub fn set_symlink_policy(&mut self, policy: SymlinkPolicy) -> Result<()> {
        check(unsafe { sys::imapi_fsimage_set_symlink_policy(self.p(), policy.raw()) }).map(|_| ())
    }
    /// What `add_tree` does with host symbolic links; see [`FileSystemImage::set_symlink_policy`].
    pub fn symlink_policy(&self) -> Result<SymlinkPolicy> {
        out(|v| unsafe { sys::imapi_fsimage_get_symlink_policy(self.p(), v) }).map(SymlinkPolicy::from_raw)
    }
}

impl FileSystemImageBuilder {
    /// See [`FileSystemImage::set_symlink_policy`].
    pub fn symlinks(mut self, policy: SymlinkPolicy) -> Self {
        self.symlink_policy = Some(policy);
        self
    }
}
