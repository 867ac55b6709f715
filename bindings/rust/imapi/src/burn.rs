//! Burning: IMAPI2's IDiscFormat2Data ([`DiscFormat2Data`]) and IWriteEngine2
//! ([`WriteEngine2`]), their Update event ([`BurnProgress`]), speeds,
//! multisession and verification.

use std::any::Any;
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::sync::Arc;
use std::time::Duration;

use imapi_sys as sys;

use crate::enums::MediaType;
use crate::error::{check, Error, Result};
use crate::flags::{MediaState, WriteProtect};
use crate::status::Status;
use crate::ffi::{cstr, out, out_handle, owned_string};
use crate::job::Job;
use crate::recorder::DiscRecorder;
use crate::stream::Stream;

int_enum! {
    /// IMAPI_FORMAT2_DATA_WRITE_ACTION: what a write is doing ([`BurnProgress::action`]).
    WriteAction {
        /// Checking that the medium is usable.
        ValidatingMedia = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA,
        /// Formatting (blank DVD+RW, BD-RE).
        FormattingMedia = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA,
        /// Setting up the drive (write parameters, speed).
        InitializingHardware = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_INITIALIZING_HARDWARE,
        /// Optimum power calibration.
        CalibratingPower = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_CALIBRATING_POWER,
        /// Writing the stream.
        WritingData = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA,
        /// Closing the track, session or disc.
        Finalization = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION,
        /// Done.
        Completed = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED,
        /// Reading the session back ([`VerificationLevel`]).
        Verifying = sys::IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING,
    }
}

int_enum! {
    /// IMAPI_BURN_VERIFICATION_LEVEL: what a write reads back afterwards.
    VerificationLevel {
        /// No read-back.
        None = sys::IMAPI_BURN_VERIFICATION_NONE,
        /// The track the drive reports for the session, plus checksums of sample areas
        /// compared with hashes taken while writing (IMAPI's default).
        Quick = sys::IMAPI_BURN_VERIFICATION_QUICK,
        /// Quick plus the whole session read back and compared with those hashes.
        Full = sys::IMAPI_BURN_VERIFICATION_FULL,
    }
}

/// The Update event's arguments (IDiscFormat2DataEventArgs and IWriteEngine2EventArgs),
/// plus the drive's buffer, the current speed and the underruns (libimapi extensions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BurnProgress {
    /// CurrentAction.
    pub action: WriteAction,
    /// ElapsedTime, since the write was called.
    pub elapsed: Duration,
    /// Estimated time left; None before an estimate exists.
    pub remaining: Option<Duration>,
    /// Elapsed plus remaining; None before an estimate exists.
    pub total: Option<Duration>,
    /// StartLba: the first LBA of this write.
    pub start_lba: i64,
    /// SectorCount: sectors this write records (stream plus post-gap).
    pub sector_count: i64,
    /// LastReadLba: the last LBA taken from the source into the ring (`start_lba - 1` before any).
    pub last_read_lba: i64,
    /// LastWrittenLba: the last LBA the drive accepted (`start_lba - 1` before any).
    pub last_written_lba: i64,
    /// TotalSystemBuffer: the host ring buffer's size in bytes.
    pub total_system_buffer: i64,
    /// UsedSystemBuffer: bytes read ahead and not yet written.
    pub used_system_buffer: i64,
    /// FreeSystemBuffer: total minus used.
    pub free_system_buffer: i64,
    /// Extension: the drive's buffer in bytes (0 if unknown).
    pub drive_buffer_size: i64,
    /// Extension: the drive buffer's free bytes at the last poll.
    pub drive_buffer_free: i64,
    /// Extension: the drive buffer's fill, 0-100; None if the drive does not say.
    pub drive_buffer_fill_percent: Option<i32>,
    /// Extension: the write rate over the last second, kB/s (1000 bytes); 0 when not writing.
    pub current_speed_kbps: i32,
    /// Extension: buffer underruns during this write (the drive's BUFE recoveries included).
    pub underrun_count: i64,
}

impl BurnProgress {
    fn raw() -> sys::imapi_burn_progress {
        // SAFETY: a plain C struct of integers; all-zero is a valid value.
        let mut p: sys::imapi_burn_progress = unsafe { std::mem::zeroed() };
        p.struct_size = std::mem::size_of::<sys::imapi_burn_progress>() as u32;
        p
    }

    fn from_raw(p: &sys::imapi_burn_progress) -> BurnProgress {
        let ms = |v: i64| (v >= 0).then(|| Duration::from_millis(v as u64));
        BurnProgress {
            action: WriteAction::from_raw(p.current_action),
            elapsed: Duration::from_millis(p.elapsed_time_ms.max(0) as u64),
            remaining: ms(p.remaining_time_ms),
            total: ms(p.total_time_ms),
            start_lba: p.start_lba,
            sector_count: p.sector_count,
            last_read_lba: p.last_read_lba,
            last_written_lba: p.last_written_lba,
            total_system_buffer: p.total_system_buffer,
            used_system_buffer: p.used_system_buffer,
            free_system_buffer: p.free_system_buffer,
            drive_buffer_size: p.drive_buffer_size,
            drive_buffer_free: p.drive_buffer_free,
            drive_buffer_fill_percent: (p.drive_buffer_fill_percent >= 0).then_some(p.drive_buffer_fill_percent),
            current_speed_kbps: p.current_speed_kbps,
            underrun_count: p.underrun_count,
        }
    }

    /// Sectors the drive has accepted so far.
    pub fn sectors_written(&self) -> i64 {
        (self.last_written_lba - self.start_lba + 1).max(0)
    }
}

/// IWriteSpeedDescriptor: one speed the drive offers for the medium.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteSpeedDescriptor {
    /// MediaType: the medium the speed is for.
    pub media_type: MediaType,
    /// RotationTypeIsPureCAV.
    pub rotation_type_is_pure_cav: bool,
    /// Sectors per second (`imapi_sys::IMAPI_SECTORS_PER_SECOND_AT_1X_*` is 1x).
    pub write_speed: i32,
}

/// What SetWriteSpeed did with the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeedAdjustment {
    /// Offered as asked.
    Exact,
    /// Not offered: the nearest lower one (or the slowest) is used.
    SpeedAdjusted,
    /// The other rotation type is used.
    RotationAdjusted,
    /// Both speed and rotation were adjusted.
    BothAdjusted,
}

int_enum! {
    /// The kind of an IMultisession element (`IMAPI_MULTISESSION_*`).
    MultisessionKind {
        /// IMultisessionSequential2: a new session after the last (CD-R/RW, DVD±R,
        /// DVD+R DL, DVD-RW sequential, BD-R).
        Sequential = sys::IMAPI_MULTISESSION_SEQUENTIAL,
        /// IMultisessionRandomWrite: a logical session on overwritable media (DVD+RW,
        /// DVD-RAM, BD-RE, DVD-RW restricted overwrite).
        RandomWrite = sys::IMAPI_MULTISESSION_RANDOM_WRITE,
    }
}

/// One element of MultisessionInterfaces: addresses are LBAs, counts 2048-byte
/// sectors; the fields of the other kind are 0 (and the "-1 if none" ones None).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Multisession {
    /// Its position in MultisessionInterfaces (for [`DiscFormat2Data::set_multisession_in_use`]).
    pub index: i32,
    /// Sequential or random-write.
    pub kind: MultisessionKind,
    /// IsSupportedOnCurrentMediaState.
    pub is_supported_on_current_media_state: bool,
    /// InUse: the kind the next write continues.
    pub in_use: bool,
    /// Sequential: IsFirstDataSession (the disc holds no data session yet).
    pub is_first_data_session: bool,
    /// WriteUnitSize: sectors a write is a multiple of (16 DVD, 32 BD, 1 CD).
    pub write_unit_size: i32,
    /// Sequential: StartAddressOfPreviousSession (the `session_block` of
    /// [`FileSystemImage::import`](crate::FileSystemImage::import)).
    pub start_address_of_previous_session: Option<i64>,
    /// Sequential: LastWrittenAddressOfPreviousSession.
    pub last_written_address_of_previous_session: Option<i64>,
    /// Sequential: NextWritableAddress; random-write: where the next logical session starts.
    pub next_writable_address: i64,
    /// Sequential: FreeSectorsOnMedia.
    pub free_sectors_on_media: i64,
    /// Random-write: LastWrittenAddress (the end of the file system), None if blank.
    pub last_written_address: Option<i64>,
    /// Random-write: TotalSectorsOnMedia.
    pub total_sectors_on_media: i64,
}

// ---- the progress callback ------------------------------------------------

struct BurnContext<'a> {
    handler: &'a mut dyn FnMut(&BurnProgress) -> bool,
    panic: Option<Box<dyn Any + Send>>,
}

unsafe extern "C" fn on_burn_progress(user: *mut c_void, p: *const sys::imapi_burn_progress) -> i32 {
    // SAFETY: user is the BurnContext of run_with_burn_progress, alive for the call.
    let ctx = &mut *(user as *mut BurnContext);
    if p.is_null() {
        return 0;
    }
    let progress = BurnProgress::from_raw(&*p);
    // A panic must not unwind into C: it cancels, and is reported after the call.
    match catch_unwind(AssertUnwindSafe(|| (ctx.handler)(&progress))) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(payload) => {
            ctx.panic = Some(payload);
            1
        }
    }
}

pub(crate) fn run_with_burn_progress(
    handler: &mut dyn FnMut(&BurnProgress) -> bool,
    call: impl FnOnce(sys::imapi_burn_progress_fn, *mut c_void) -> i32,
) -> Result<()> {
    let mut ctx = BurnContext { handler, panic: None };
    let code = call(Some(on_burn_progress), &mut ctx as *mut BurnContext as *mut c_void);
    if ctx.panic.is_some() {
        return Err(Error::new(Status::RequestCancelled, "the progress closure panicked, so the write was cancelled"));
    }
    check(code).map(|_| ())
}

// ---- handles shared with cancel handles -----------------------------------

/// Owns a format or engine handle; freed when the last owner (the writer or a
/// cancel handle) goes.
pub(crate) struct Shared<T> {
    pub(crate) raw: NonNull<T>,
    pub(crate) free: unsafe extern "C" fn(*mut T),
}
// SAFETY: the handle may move between threads; only the any-thread calls
// (cancel, progress) are made through a shared reference from other threads.
unsafe impl<T> Send for Shared<T> {}
unsafe impl<T> Sync for Shared<T> {}
impl<T> Drop for Shared<T> {
    fn drop(&mut self) {
        unsafe { (self.free)(self.raw.as_ptr()) }
    }
}

pub(crate) enum CancelTarget {
    Format(Arc<Shared<sys::imapi_disc_format_data>>),
    Engine(Arc<Shared<sys::imapi_write_engine>>),
    Erase(Arc<Shared<sys::imapi_disc_format_erase>>),
}

/// Cancels the running write of a [`DiscFormat2Data`] or [`WriteEngine2`] (or the
/// erase of a [`DiscFormat2Erase`](crate::DiscFormat2Erase), before the drive starts) from
/// any thread (CancelWrite). It keeps the native writer alive, so it may outlive
/// the value it came from.
#[derive(Clone)]
pub struct CancelHandle(pub(crate) Arc<CancelTarget>);

impl std::fmt::Debug for CancelHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CancelHandle")
    }
}

impl CancelHandle {
    /// Asks the running write to stop; it then fails with [`Status::RequestCancelled`](crate::Status::RequestCancelled).
    /// Ok(false) when no write was running.
    pub fn cancel(&self) -> Result<bool> {
        let code = match &*self.0 {
            CancelTarget::Format(f) => unsafe { sys::imapi_disc_format_data_cancel_write(f.raw.as_ptr()) },
            CancelTarget::Engine(e) => unsafe { sys::imapi_write_engine_cancel_write(e.raw.as_ptr()) },
            CancelTarget::Erase(e) => unsafe { sys::imapi_disc_format_erase_cancel(e.raw.as_ptr()) },
        };
        Ok(check(code)? != sys::IMAPI_S_WRITE_NOT_IN_PROGRESS)
    }

    /// A snapshot of the running (or last) write's event arguments.
    pub fn progress(&self) -> Result<BurnProgress> {
        let mut p = BurnProgress::raw();
        check(match &*self.0 {
            CancelTarget::Format(f) => unsafe { sys::imapi_disc_format_data_get_progress(f.raw.as_ptr(), &mut p) },
            CancelTarget::Engine(e) => unsafe { sys::imapi_write_engine_get_progress(e.raw.as_ptr(), &mut p) },
            CancelTarget::Erase(e) => unsafe { sys::imapi_disc_format_erase_get_progress(e.raw.as_ptr(), &mut p) },
        })?;
        Ok(BurnProgress::from_raw(&p))
    }
}

// ---- IDiscFormat2Data -------------------------------------------------------

/// IMAPI2's MsftDiscFormat2Data: writes a data stream (an image) as a session, then
/// verifies it ([`VerificationLevel`]); multisession, speeds, and the medium's state
/// ([`DiscFormat2Data::current_media_status`]). A write holds the drive exclusively
/// under the client name for its whole duration. The writer keeps the recorder it was
/// given alive; while a write runs, open another [`DiscRecorder`] on the same unique ID
/// to query the drive. Dropping it cancels a running job-form write and waits for it.
/// One thread at a time (`Send`, not `Sync`); [`DiscFormat2Data::cancel_handle`]
/// reaches a running write from others.
///
/// Errors common to every write: [`Status::RecorderRequired`], [`Status::Df2DataClientNameIsNotValid`],
/// [`Status::Df2DataWriteInProgress`], [`Status::RecorderMediaNoMedia`], [`Status::RecorderLocked`],
/// [`Status::RequestCancelled`], [`Status::DataStreamReadFailure`], device errors (sense and LBA
/// in the [`Error`]), [`Status::LossOfStreaming`]; the message says what the disc holds afterwards.
///
/// ```
/// use imapi::{DiscFormat2Data, DiscMaster, DiscRecorder, FileSystemImage, MediaState, Stream, VerificationLevel};
/// # let dir = std::env::temp_dir().join(format!("imapi-doc-burn-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let uri = format!("emu:bd-r?dir={}&polls=0", dir.display()); // an emulated BD-R, blank
/// DiscMaster::add_emulated_drive(&uri)?;
/// let recorder = DiscRecorder::open(&uri)?;
///
/// let image = FileSystemImage::new()?;
/// image.root()?.add_file("hello.txt", &Stream::from_memory(b"hello")?)?;
/// let data = image.create_result_image()?.image_stream()?;
///
/// let mut format = DiscFormat2Data::new()?;
/// format.set_recorder(&recorder)?;
/// format.set_client_name("my-app")?;
/// format.set_burn_verification_level(VerificationLevel::Full)?;
/// let cancel = format.cancel_handle(); // Send + Sync: hand it to a UI thread or a signal watcher
/// format.write_with_progress(&data, |p| {
///     eprint!("\r{:?} {}/{}", p.action, p.sectors_written(), p.sector_count);
///     true // false cancels, as cancel.cancel() does from elsewhere
/// })?;
/// assert!(format.current_media_status()?.contains(MediaState::APPENDABLE));
/// # drop(cancel);
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), imapi::Error>(())
/// ```
pub struct DiscFormat2Data {
    shared: Arc<Shared<sys::imapi_disc_format_data>>,
}

macro_rules! flag {
    ($get:ident, $set:ident, $cget:ident, $cset:ident, $doc:literal) => {
        #[doc = $doc]
        pub fn $get(&self) -> Result<bool> {
            out::<i32>(|v| unsafe { sys::$cget(self.p(), v) }).map(|v| v != 0)
        }
        #[doc = $doc]
        pub fn $set(&mut self, value: bool) -> Result<()> {
            check(unsafe { sys::$cset(self.p(), value as i32) }).map(|_| ())
        }
    };
}

macro_rules! getter {
    ($name:ident, $c:ident, $t:ty, $doc:literal) => {
        #[doc = $doc]
        pub fn $name(&self) -> Result<$t> {
            out::<$t>(|v| unsafe { sys::$c(self.p(), v) })
        }
    };
}

fn list(call: impl Fn(*mut i32, i32, *mut i32) -> i32) -> Result<Vec<i32>> {
    let mut n = 0;
    check(call(std::ptr::null_mut(), 0, &mut n))?;
    let mut v = vec![0; n.max(0) as usize];
    check(call(v.as_mut_ptr(), n, &mut n))?;
    v.truncate(n.max(0) as usize);
    Ok(v)
}

impl DiscFormat2Data {
    /// A new writer with IMAPI's defaults (verification Quick, the fastest speed, a 64 MiB ring).
    pub fn new() -> Result<DiscFormat2Data> {
        let raw = out_handle(|o| unsafe { sys::imapi_disc_format_data_create(o) })?;
        Ok(DiscFormat2Data { shared: Arc::new(Shared { raw, free: sys::imapi_disc_format_data_free }) })
    }
    fn p(&self) -> *mut sys::imapi_disc_format_data {
        self.shared.raw.as_ptr()
    }

    /// Recorder (put): the writer shares the recorder object; `recorder` may be dropped afterwards.
    pub fn set_recorder(&mut self, recorder: &DiscRecorder) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_data_set_recorder(self.p(), recorder.as_ptr()) }).map(|_| ())
    }
    /// Recorder (get): a new handle on the same recorder object.
    pub fn recorder(&self) -> Result<DiscRecorder> {
        out_handle(|o| unsafe { sys::imapi_disc_format_data_get_recorder(self.p(), o) }).map(DiscRecorder::from_raw)
    }
    /// ClientName: the name the write holds the drive under (required before writing).
    pub fn set_client_name(&mut self, name: &str) -> Result<()> {
        let n = cstr(name)?;
        check(unsafe { sys::imapi_disc_format_data_set_client_name(self.p(), n.as_ptr()) }).map(|_| ())
    }
    /// ClientName ("" when none was set).
    pub fn client_name(&self) -> Result<String> {
        owned_string(|v| unsafe { sys::imapi_disc_format_data_get_client_name(self.p(), v) })
    }

    /// IsRecorderSupported: the drive writes at least one medium this writer supports.
    pub fn is_recorder_supported(&self, recorder: &DiscRecorder) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_is_recorder_supported(self.p(), recorder.as_ptr(), v) })
            .map(|v| v != 0)
    }
    /// IsCurrentMediaSupported: the medium in `recorder` is one this writer writes (whatever its state).
    pub fn is_current_media_supported(&self, recorder: &DiscRecorder) -> Result<bool> {
        out::<i32>(|v| unsafe {
            sys::imapi_disc_format_data_is_current_media_supported(self.p(), recorder.as_ptr(), v)
        })
        .map(|v| v != 0)
    }
    /// MediaPhysicallyBlank.
    pub fn media_physically_blank(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_media_physically_blank(self.p(), v) }).map(|v| v != 0)
    }
    /// MediaHeuristicallyBlank: blank, or overwritable media whose first 64 KiB are zeros.
    pub fn media_heuristically_blank(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_media_heuristically_blank(self.p(), v) })
            .map(|v| v != 0)
    }
    /// SupportedMediaTypes: the media this writer can write with the recorder set.
    pub fn supported_media_types(&self) -> Result<Vec<MediaType>> {
        list(|b, c, n| unsafe { sys::imapi_disc_format_data_get_supported_media_types(self.p(), b, c, n) })
            .map(|v| v.into_iter().map(MediaType::from_raw).collect())
    }

    /// CurrentMediaStatus (empty without a medium), asked of the drive now.
    pub fn current_media_status(&self) -> Result<MediaState> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_current_media_status(self.p(), v) })
            .map(MediaState::from_bits_retain)
    }
    /// WriteProtectStatus: why the medium is write-protected (empty when it is not).
    pub fn write_protect_status(&self) -> Result<WriteProtect> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_write_protect_status(self.p(), v) })
            .map(WriteProtect::from_bits_retain)
    }
    /// CurrentPhysicalMediaType.
    pub fn current_physical_media_type(&self) -> Result<MediaType> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_current_physical_media_type(self.p(), v) })
            .map(MediaType::from_raw)
    }
    getter!(total_sectors_on_media, imapi_disc_format_data_get_total_sectors_on_media, i64,
            "TotalSectorsOnMedia: used + free 2048-byte sectors.");
    getter!(free_sectors_on_media, imapi_disc_format_data_get_free_sectors_on_media, i64,
            "FreeSectorsOnMedia: what the next write can record.");
    getter!(next_writable_address, imapi_disc_format_data_get_next_writable_address, i64,
            "NextWritableAddress: where the next session starts (0 on overwritable media).");
    getter!(start_address_of_previous_session, imapi_disc_format_data_get_start_address_of_previous_session, i64,
            "StartAddressOfPreviousSession: -1 on a blank disc.");
    getter!(last_written_address_of_previous_session,
            imapi_disc_format_data_get_last_written_address_of_previous_session, i64,
            "LastWrittenAddressOfPreviousSession: -1 on a blank disc.");

    flag!(force_media_to_be_closed, set_force_media_to_be_closed, imapi_disc_format_data_get_force_media_to_be_closed,
          imapi_disc_format_data_set_force_media_to_be_closed,
          "ForceMediaToBeClosed: close the disc after the write (it is closed anyway when 2% or less stays free).");
    flag!(disable_consumer_dvd_compatibility_mode, set_disable_consumer_dvd_compatibility_mode,
          imapi_disc_format_data_get_disable_consumer_dvd_compatibility_mode,
          imapi_disc_format_data_set_disable_consumer_dvd_compatibility_mode,
          "DisableConsumerDvdCompatibilityMode (DVD+R, DVD+R DL): how a closing write closes.");
    flag!(force_overwrite, set_force_overwrite, imapi_disc_format_data_get_force_overwrite,
          imapi_disc_format_data_set_force_overwrite, "ForceOverwrite: overwrite overwritable media holding data.");
    flag!(buffer_underrun_free_disabled, set_buffer_underrun_free_disabled,
          imapi_disc_format_data_get_buffer_underrun_free_disabled,
          imapi_disc_format_data_set_buffer_underrun_free_disabled, "BufferUnderrunFreeDisabled: BUFE off (CD only).");
    flag!(postgap_already_in_image, set_postgap_already_in_image, imapi_disc_format_data_get_postgap_already_in_image,
          imapi_disc_format_data_set_postgap_already_in_image,
          "PostgapAlreadyInImage: the stream ends with the CD's 150-sector post-gap (CD only).");
    flag!(use_streaming_write12, set_use_streaming_write12, imapi_disc_format_data_get_use_streaming_write12,
          imapi_disc_format_data_set_use_streaming_write12,
          "Extension: WRITE(12) with the Streaming bit on BD-RE and DVD-RAM (full speed, no defect management).");
    flag!(test_write, set_test_write, imapi_disc_format_data_get_test_write, imapi_disc_format_data_set_test_write,
          "Extension: a test write (laser off) where the medium has one (CD-R/RW, DVD-R/RW).");

    /// IBurnVerification.BurnVerificationLevel (default [`VerificationLevel::Quick`]).
    pub fn burn_verification_level(&self) -> Result<VerificationLevel> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_burn_verification_level(self.p(), v) })
            .map(VerificationLevel::from_raw)
    }
    /// Sets [`DiscFormat2Data::burn_verification_level`]; an `Other` value is
    /// [`Status::InvalidArg`].
    pub fn set_burn_verification_level(&mut self, level: VerificationLevel) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_data_set_burn_verification_level(self.p(), level.raw()) }).map(|_| ())
    }
    /// Extension: the ring buffer in bytes (0 restores the 64 MiB default).
    pub fn set_buffer_size(&mut self, bytes: i64) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_data_set_buffer_size(self.p(), bytes) }).map(|_| ())
    }
    getter!(buffer_size, imapi_disc_format_data_get_buffer_size, i64, "Extension: the ring buffer of the next writes, bytes.");

    /// SetWriteSpeed: sectors per second (None: the fastest), pure CAV or not.
    pub fn set_write_speed(&mut self, sectors_per_second: Option<i32>, pure_cav: bool) -> Result<SpeedAdjustment> {
        let code = check(unsafe {
            sys::imapi_disc_format_data_set_write_speed(self.p(), sectors_per_second.unwrap_or(-1), pure_cav as i32)
        })?;
        Ok(match code {
            sys::IMAPI_S_SPEEDADJUSTED => SpeedAdjustment::SpeedAdjusted,
            sys::IMAPI_S_ROTATIONADJUSTED => SpeedAdjustment::RotationAdjusted,
            sys::IMAPI_S_BOTHADJUSTED => SpeedAdjustment::BothAdjusted,
            _ => SpeedAdjustment::Exact,
        })
    }
    getter!(requested_write_speed, imapi_disc_format_data_get_requested_write_speed, i32,
            "RequestedWriteSpeed: sectors per second; -1 = the fastest.");
    getter!(current_write_speed, imapi_disc_format_data_get_current_write_speed, i32,
            "CurrentWriteSpeed: sectors per second.");
    /// RequestedRotationTypeIsPureCAV.
    pub fn requested_rotation_type_is_pure_cav(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_requested_rotation_type_is_pure_cav(self.p(), v) })
            .map(|v| v != 0)
    }
    /// CurrentRotationTypeIsPureCAV.
    pub fn current_rotation_type_is_pure_cav(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_current_rotation_type_is_pure_cav(self.p(), v) })
            .map(|v| v != 0)
    }
    /// SupportedWriteSpeeds: sectors per second, fastest first.
    pub fn supported_write_speeds(&self) -> Result<Vec<i32>> {
        list(|b, c, n| unsafe { sys::imapi_disc_format_data_get_supported_write_speeds(self.p(), b, c, n) })
    }
    /// SupportedWriteSpeedDescriptors.
    pub fn supported_write_speed_descriptors(&self) -> Result<Vec<WriteSpeedDescriptor>> {
        let n = out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_write_speed_descriptor_count(self.p(), v) })?;
        (0..n)
            .map(|i| {
                let mut d = sys::imapi_write_speed_descriptor {
                    struct_size: std::mem::size_of::<sys::imapi_write_speed_descriptor>() as u32,
                    media_type: 0,
                    rotation_type_is_pure_cav: 0,
                    write_speed: 0,
                };
                check(unsafe { sys::imapi_disc_format_data_get_write_speed_descriptor(self.p(), i, &mut d) })?;
                Ok(WriteSpeedDescriptor {
                    media_type: MediaType::from_raw(d.media_type),
                    rotation_type_is_pure_cav: d.rotation_type_is_pure_cav != 0,
                    write_speed: d.write_speed,
                })
            })
            .collect()
    }

    /// MultisessionInterfaces, read from the drive now (never empty with a medium).
    pub fn multisession_interfaces(&self) -> Result<Vec<Multisession>> {
        let n = out::<i32>(|v| unsafe { sys::imapi_disc_format_data_get_multisession_count(self.p(), v) })?;
        (0..n)
            .map(|index| {
                // SAFETY: a plain C struct of integers.
                let mut m: sys::imapi_multisession = unsafe { std::mem::zeroed() };
                m.struct_size = std::mem::size_of::<sys::imapi_multisession>() as u32;
                check(unsafe { sys::imapi_disc_format_data_get_multisession(self.p(), index, &mut m) })?;
                let lba = |v: i64| (v >= 0).then_some(v);
                Ok(Multisession {
                    index,
                    kind: MultisessionKind::from_raw(m.type_),
                    is_supported_on_current_media_state: m.is_supported_on_current_media_state != 0,
                    in_use: m.in_use != 0,
                    is_first_data_session: m.is_first_data_session != 0,
                    write_unit_size: m.write_unit_size,
                    start_address_of_previous_session: lba(m.start_address_of_previous_session),
                    last_written_address_of_previous_session: lba(m.last_written_address_of_previous_session),
                    next_writable_address: m.next_writable_address,
                    free_sectors_on_media: m.free_sectors_on_media,
                    last_written_address: lba(m.last_written_address),
                    total_sectors_on_media: m.total_sectors_on_media,
                })
            })
            .collect()
    }
    /// IMultisession.InUse of MultisessionInterfaces\[index\]: the kind the next write continues.
    pub fn set_multisession_in_use(&mut self, index: i32, in_use: bool) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_data_set_multisession_in_use(self.p(), index, in_use as i32) }).map(|_| ())
    }
    /// A read-only stream over the recorded medium, for
    /// [`crate::FileSystemImage::import`] (read it only while no write runs).
    pub fn media_stream(&self) -> Result<Stream> {
        out_handle(|o| unsafe { sys::imapi_disc_format_data_create_media_stream(self.p(), o) }).map(Stream::from_raw)
    }

    /// Write: burns the whole stream as one session, blocking.
    pub fn write(&mut self, data: &Stream) -> Result<()> {
        check(unsafe { sys::imapi_disc_format_data_write(self.p(), data.as_ptr(), None, std::ptr::null_mut()) })
            .map(|_| ())
    }
    /// Write with the Update event: `on_progress` runs on this thread (at least every
    /// 0.5 s while writing); false cancels (Err([`Status::RequestCancelled`](crate::Status::RequestCancelled))), and so
    /// does a panic in it.
    pub fn write_with_progress(&mut self, data: &Stream, mut on_progress: impl FnMut(&BurnProgress) -> bool) -> Result<()> {
        let p = self.p();
        run_with_burn_progress(&mut on_progress, |f, user| unsafe {
            sys::imapi_disc_format_data_write(p, data.as_ptr(), f, user)
        })
    }
    /// The job form of Write, on the library's worker pool; the job's progress is in
    /// sectors, [`CancelHandle::progress`] has the full event arguments.
    pub fn start_write(&mut self, data: &Stream) -> Result<Job> {
        out_handle(|o| unsafe { sys::imapi_disc_format_data_write_start(self.p(), data.as_ptr(), o) }).map(Job::from_raw)
    }
    /// Extension: compares the last session on the disc with `image`; a difference is
    /// [`Status::BurnVerificationFailed`](crate::Status::BurnVerificationFailed) with its first LBA in [`Error::lba`].
    pub fn verify(&mut self, image: &Stream, mut on_progress: impl FnMut(&BurnProgress) -> bool) -> Result<()> {
        let p = self.p();
        run_with_burn_progress(&mut on_progress, |f, user| unsafe {
            sys::imapi_disc_format_data_verify(p, image.as_ptr(), f, user)
        })
    }
    /// A handle that cancels this writer's running write from any thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::new(CancelTarget::Format(self.shared.clone())))
    }
    /// CancelWrite from this thread (e.g. between polls of a job); Ok(false) when none runs.
    pub fn cancel_write(&self) -> Result<bool> {
        self.cancel_handle().cancel()
    }
    /// Extension: a snapshot of the running (or last) write's event arguments.
    pub fn progress(&self) -> Result<BurnProgress> {
        self.cancel_handle().progress()
    }
}

// ---- IWriteEngine2 ----------------------------------------------------------

/// IMAPI2's MsftWriteEngine2: writes blocks of a stream at an LBA, no session
/// handling and no closing (the caller prepares the medium).
pub struct WriteEngine2 {
    shared: Arc<Shared<sys::imapi_write_engine>>,
}

impl WriteEngine2 {
    /// A new engine: 2048 bytes per sector, WRITE(10), a 64 MiB ring.
    pub fn new() -> Result<WriteEngine2> {
        let raw = out_handle(|o| unsafe { sys::imapi_write_engine_create(o) })?;
        Ok(WriteEngine2 { shared: Arc::new(Shared { raw, free: sys::imapi_write_engine_free }) })
    }
    fn p(&self) -> *mut sys::imapi_write_engine {
        self.shared.raw.as_ptr()
    }
    /// Recorder (put); the engine shares the recorder object.
    pub fn set_recorder(&mut self, recorder: &DiscRecorder) -> Result<()> {
        check(unsafe { sys::imapi_write_engine_set_recorder(self.p(), recorder.as_ptr()) }).map(|_| ())
    }
    /// Recorder (get): a new handle on the same recorder object.
    pub fn recorder(&self) -> Result<DiscRecorder> {
        out_handle(|o| unsafe { sys::imapi_write_engine_get_recorder(self.p(), o) }).map(DiscRecorder::from_raw)
    }
    flag!(use_streaming_write12, set_use_streaming_write12, imapi_write_engine_get_use_streaming_write12,
          imapi_write_engine_set_use_streaming_write12,
          "UseStreamingWrite12: WRITE(12) with the Streaming bit (IMAPI answers E_NOTIMPL; libimapi does it).");
    getter!(starting_sectors_per_second, imapi_write_engine_get_starting_sectors_per_second, i32,
            "StartingSectorsPerSecond: the speed expected at the start (0: unknown).");
    getter!(ending_sectors_per_second, imapi_write_engine_get_ending_sectors_per_second, i32,
            "EndingSectorsPerSecond: the speed expected at the end (0: unknown).");
    getter!(bytes_per_sector, imapi_write_engine_get_bytes_per_sector, i32, "BytesPerSector (2048 for data).");
    getter!(buffer_size, imapi_write_engine_get_buffer_size, i64, "Extension: the ring buffer, bytes.");
    /// StartingSectorsPerSecond.
    pub fn set_starting_sectors_per_second(&mut self, value: i32) -> Result<()> {
        check(unsafe { sys::imapi_write_engine_set_starting_sectors_per_second(self.p(), value) }).map(|_| ())
    }
    /// EndingSectorsPerSecond.
    pub fn set_ending_sectors_per_second(&mut self, value: i32) -> Result<()> {
        check(unsafe { sys::imapi_write_engine_set_ending_sectors_per_second(self.p(), value) }).map(|_| ())
    }
    /// BytesPerSector: 2048 to 2448, a multiple of 4.
    pub fn set_bytes_per_sector(&mut self, bytes: i32) -> Result<()> {
        check(unsafe { sys::imapi_write_engine_set_bytes_per_sector(self.p(), bytes) }).map(|_| ())
    }
    /// Extension: the ring buffer in bytes (0 restores the default).
    pub fn set_buffer_size(&mut self, bytes: i64) -> Result<()> {
        check(unsafe { sys::imapi_write_engine_set_buffer_size(self.p(), bytes) }).map(|_| ())
    }
    /// WriteInProgress.
    pub fn write_in_progress(&self) -> Result<bool> {
        out::<i32>(|v| unsafe { sys::imapi_write_engine_get_write_in_progress(self.p(), v) }).map(|v| v != 0)
    }
    /// WriteSection: `block_count` blocks from the stream's start to the medium at
    /// `start_lba`, blocking, with the Update event on this thread (false cancels).
    pub fn write_section(&mut self, data: &Stream, start_lba: i64, block_count: i64,
                         mut on_progress: impl FnMut(&BurnProgress) -> bool) -> Result<()> {
        let p = self.p();
        run_with_burn_progress(&mut on_progress, |f, user| unsafe {
            sys::imapi_write_engine_write_section(p, data.as_ptr(), start_lba, block_count, f, user)
        })
    }
    /// The job form of WriteSection.
    pub fn start_write_section(&mut self, data: &Stream, start_lba: i64, block_count: i64) -> Result<Job> {
        out_handle(|o| unsafe { sys::imapi_write_engine_write_section_start(self.p(), data.as_ptr(), start_lba, block_count, o) })
            .map(Job::from_raw)
    }
    /// A handle that cancels the running section from any thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(Arc::new(CancelTarget::Engine(self.shared.clone())))
    }
    /// CancelWrite; Ok(false) when none runs.
    pub fn cancel_write(&self) -> Result<bool> {
        self.cancel_handle().cancel()
    }
    /// Extension: the running (or last) section's event arguments.
    pub fn progress(&self) -> Result<BurnProgress> {
        self.cancel_handle().progress()
    }
}

impl std::fmt::Debug for DiscFormat2Data {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscFormat2Data").field("raw", &self.shared.raw).finish()
    }
}

impl std::fmt::Debug for WriteEngine2 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WriteEngine2").field("raw", &self.shared.raw).finish()
    }
}

// SAFETY: a handle may move between threads; &mut self serializes its use.
unsafe impl Send for DiscFormat2Data {}
unsafe impl Send for WriteEngine2 {}
