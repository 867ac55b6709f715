//! IDiscFormat2Erase, and formatting as libimapi's extension.
use std::sync::Arc;

use imapi_sys as sys;

use crate::burn::{run_with_burn_progress, BurnProgress, CancelHandle, CancelTarget, Shared};
use crate::enums::MediaType;
use crate::error::{check, Result};
use crate::ffi::{cstr, out, out_handle, owned_string};
use crate::job::Job;
use crate::recorder::DiscRecorder;

int_enum! {
    /// BD spare areas of [`DiscFormat2Erase::format_media`] (`IMAPI_FORMAT_SPARES_*`).
    FormatSpares {
        /// The drive's default spare areas (BD-RE format type 30h, BD-R 32h).
        Default = sys::IMAPI_FORMAT_SPARES_DEFAULT,
        /// No spare areas, no defect management (BD-RE format type 31h; a blank BD-R is left as it comes).
        None = sys::IMAPI_FORMAT_SPARES_NONE,
    }
}

/// IMAPI2's MsftDiscFormat2Erase: blanks a CD-RW or DVD-RW ([`DiscFormat2Erase::erase_media`])
/// and, as libimapi's extension, formats DVD+RW, DVD-RW (to restricted overwrite), DVD-RAM,
/// BD-RE and blank BD-R ([`DiscFormat2Erase::format_media`]). IMAPI's
/// Update(elapsedSeconds, estimatedTotalSeconds) is [`BurnProgress::elapsed`] and
/// [`BurnProgress::total`] (`None` until the drive reports progress). A cancel (the closure's
/// false, or [`CancelHandle::cancel`]) is honoured until the drive has been sent BLANK or
/// FORMAT UNIT; after that the operation runs to its end.
///
/// Errors: [`Status::RecorderRequired`](crate::Status::RecorderRequired),
/// [`Status::EraseClientNameIsNotValid`](crate::Status::EraseClientNameIsNotValid),
/// [`Status::EraseRecorderInUse`](crate::Status::EraseRecorderInUse),
/// [`Status::EraseMediaIsNotSupported`](crate::Status::EraseMediaIsNotSupported) (nothing sent),
/// [`Status::EraseDriveFailedEraseCommand`](crate::Status::EraseDriveFailedEraseCommand), and the device errors.
///
/// ```
/// use imapi::{DiscFormat2Erase, DiscMaster, DiscRecorder, MediaType};
/// # let dir = std::env::temp_dir().join(format!("imapi-doc-erase-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let uri = format!("emu:cd-rw?dir={}&polls=1", dir.display()); // an emulated CD-RW
/// DiscMaster::add_emulated_drive(&uri)?;
/// let recorder = DiscRecorder::open(&uri)?;
/// let mut eraser = DiscFormat2Erase::new()?;
/// eraser.set_recorder(&recorder)?;
/// eraser.set_client_name("my-app")?;
/// assert_eq!(eraser.current_physical_media_type()?, MediaType::CdRw);
/// let _cancel = eraser.cancel_handle(); // Send + Sync
/// eraser.erase_media(|p| {
///     eprint!("\r{:?} of {:?}", p.elapsed, p.total);
///     true
/// })?;
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), imapi::Error>(())
/// ```
pub struct DiscFormat2Erase {
    shared: Arc<Shared<sys::imapi_disc_format_erase>>,
}

impl DiscFormat2Erase {
    /// MsftDiscFormat2Erase: no recorder, no client name, quick erase, default spares.
    pub fn new() -> Result<DiscFormat2Erase> {
        let raw = out_handle(|o| unsafe { sys::imapi_disc_format_erase_create(o) })?;
        Ok(DiscFormat2Erase { shared: Arc::new(Shared { raw, free: sys::imapi_disc_format_erase_free }) })
    }
    fn p(&self) -> *mut sys::imapi_disc_format_erase {
        self.shared.raw.as_ptr()
    }
    /// Recorder (put): the object shares the recorder object; `recorder` may be dropped afterwards.
    pub fn set_recorder(&mut self, recorder: &DiscRecorder) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_erase_set_recorder(self.p(), recorder.as_ptr()) }).map(|_| ())
    }
    /// Recorder (get): a new handle on the same recorder object.
    pub fn recorder(&self) -> Result<DiscRecorder> {
        out_handle(|o| unsafe { sys::imapi_disc_format_erase_get_recorder(self.p(), o) }).map(DiscRecorder::from_raw)
    }
    /// ClientName: the name the drive is held under (required before erasing).
    pub fn set_client_name(&mut self, name: &str) -> Result<()> {
        let n = cstr(name)?;
        check(unsafe { sys::imapi_disc_format_erase_set_client_name(self.p(), n.as_ptr()) }).map(|_| ())
    }
    /// ClientName ("" when none was set).
    pub fn client_name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_disc_format_erase_get_client_name(self.p(), v) })
    }
    /// FullErase: true blanks every block (slow), false only the PMA/TOC (quick); for
    /// [`DiscFormat2Erase::format_media`], a full format or certification.
    pub fn set_full_erase(&mut self, full: bool) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_erase_set_full_erase(self.p(), full as i32) }).map(|_| ())
    }
    /// FullErase.
    pub fn full_erase(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_erase_get_full_erase(self.p(), v) }).map(|v| v != 0)
    }
    /// Extension: the spare areas a BD format gets.
    pub fn set_spares(&mut self, spares: FormatSpares) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_erase_set_format_spares(self.p(), spares.raw()) }).map(|_| ())
    }
    /// The spare areas a BD format gets.
    pub fn spares(&self) -> Result<FormatSpares> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_erase_get_format_spares(self.p(), v) }).map(FormatSpares::from_raw)
    }
    /// IsRecorderSupported: the drive takes a medium erase blanks (CD-RW or DVD-RW).
    pub fn is_recorder_supported(&self, recorder: &DiscRecorder) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_erase_is_recorder_supported(self.p(), recorder.as_ptr(), v) })
            .map(|v| v != 0)
    }
    /// IsCurrentMediaSupported: the disc in the drive is a CD-RW or DVD-RW, whatever its state.
    pub fn is_current_media_supported(&self, recorder: &DiscRecorder) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_erase_is_current_media_supported(self.p(), recorder.as_ptr(), v) })
            .map(|v| v != 0)
    }
    /// CurrentPhysicalMediaType.
    pub fn current_physical_media_type(&self) -> Result<MediaType> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_erase_get_current_physical_media_type(self.p(), v) })
            .map(MediaType::from_raw)
    }
    /// EraseMedia: blanks the CD-RW or DVD-RW, blocking; `on_progress` runs on this thread at each
    /// poll of the drive; false cancels while the drive has not started.
    pub fn erase_media(&mut self, mut on_progress: impl FnMut(&BurnProgress) -> bool) -> Result<()> {
        let p = self.p();
        run_with_burn_progress(&mut on_progress, |f, user| unsafe { sys::imapi_disc_format_erase_erase_media(p, f, user) })
    }
    /// The job form of EraseMedia ([`Operation::Erase`](crate::Operation::Erase)).
    pub fn start_erase_media(&mut self) -> Result<Job> {
        out_handle(|o| unsafe { sys::imapi_disc_format_erase_erase_media_start(self.p(), o) }).map(Job::from_raw)
    }
    /// Extension: formats the DVD+RW, DVD-RW, DVD-RAM, BD-RE or blank BD-R, blocking; errors
    /// as erase, and [`Status::InvalidArg`](crate::Status::InvalidArg) for [`FormatSpares::None`] on other media.
    pub fn format_media(&mut self, mut on_progress: impl FnMut(&BurnProgress) -> bool) -> Result<()> {
        let p = self.p();
        run_with_burn_progress(&mut on_progress, |f, user| unsafe { sys::imapi_disc_format_erase_format_media(p, f, user) })
    }
    /// The job form of FormatMedia.
    pub fn start_format_media(&mut self) -> Result<Job> {
        out_handle(|o| unsafe { sys::imapi_disc_format_erase_format_media_start(self.p(), o) }).map(Job::from_raw)
    }
    /// A handle that cancels the running operation from any thread (before the drive starts).
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::new(CancelTarget::Erase(self.shared.clone())))
    }
    /// Extension: the running (or last) operation's event arguments.
    pub fn progress(&self) -> Result<BurnProgress> {
        self.cancel_handle().progress()
    }
}

impl std::fmt::Debug for DiscFormat2Erase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscFormat2Erase").field("raw", &self.shared.raw).finish()
    }
}

// SAFETY: a handle may move between threads; &mut self serializes its use.
unsafe impl Send for DiscFormat2Erase {}
