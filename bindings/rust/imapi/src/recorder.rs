//! IDiscMaster2 (`DiscMaster`) and IDiscRecorder2 / IDiscRecorder2Ex (`DiscRecorder`).
use std::os::raw::c_void;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::enums::{MediaType, Profile};
use crate::error::{check, Result};
use crate::ffi::{cstr, out, out_handle, owned_string};
use crate::flags::{MediaState, WriteProtect};

/// IMAPI2's IDiscMaster2: the recorders this process sees, the Linux optical drives
/// (unique IDs `linux-scsi:` + the drive's sysfs path, stable across reboots), then
/// the emulated drives of the `IMAPI_EMU_DRIVES` environment variable and of
/// [`DiscMaster::add_emulated_drive`] (an emulated drive's unique ID is its URI).
/// Every call enumerates afresh; any thread.
///
/// ```
/// # let dir = std::env::temp_dir().join(format!("imapi-doc-master-{}", std::process::id()));
/// # std::fs::create_dir_all(&dir).unwrap();
/// let uri = format!("emu:bd-r?dir={}", dir.display());
/// imapi::DiscMaster::add_emulated_drive(&uri)?;
/// assert!(imapi::DiscMaster::unique_ids()?.contains(&uri));
/// let recorder = imapi::DiscRecorder::open(&uri)?;
/// let media = recorder.media_info()?;
/// assert_eq!(media.physical_type, imapi::MediaType::BdR);
/// assert!(media.state.contains(imapi::MediaState::BLANK));
/// # std::fs::remove_dir_all(&dir).ok();
/// # Ok::<(), imapi::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DiscMaster;

impl DiscMaster {
    /// Extension: adds the emulated drive `uri` (`emu:bd-r?dir=/tmp/disc`) to this
    /// process's recorders (twice is a no-op); it is opened now, so an empty directory
    /// receives a blank disc. Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) naming
    /// the bad part of the URI or the missing directory.
    pub fn add_emulated_drive(uri: &str) -> Result<()> {
        let uri = cstr(uri)?;
        check(unsafe { sys::imapi_disc_master_add_emulated_drive(uri.as_ptr()) }).map(|_| ())
    }
    /// Count: the number of recorders.
    pub fn count() -> Result<i32> {
        out(|c| unsafe { sys::imapi_disc_master_get_count(c) })
    }
    /// Item: the unique ID of recorder `index` (0-based), for [`DiscRecorder::open`].
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) past the end.
    pub fn item(index: i32) -> Result<String> {
        owned_string(|s| unsafe { sys::imapi_disc_master_get_unique_id(index, s) })
    }
    /// The unique IDs of every recorder, in [`DiscMaster::item`] order.
    pub fn unique_ids() -> Result<Vec<String>> {
        (0..Self::count()?).map(Self::item).collect()
    }
    /// IsSupportedEnvironment: true when at least one recorder can be opened by this process.
    pub fn is_supported_environment() -> Result<bool> {
        out(|v| unsafe { sys::imapi_disc_master_is_supported_environment(v) }).map(|v: i32| v != 0)
    }
}

/// IMAPI_MODE_PAGE_REQUEST_TYPE: which values of a mode page to read or set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum ModePageRequest {
    /// The values in effect.
    CurrentValues = sys::IMAPI_MODE_PAGE_REQUEST_TYPE_CURRENT_VALUES,
    /// A mask of the settable bits.
    ChangeableValues = sys::IMAPI_MODE_PAGE_REQUEST_TYPE_CHANGEABLE_VALUES,
    /// The power-on values.
    DefaultValues = sys::IMAPI_MODE_PAGE_REQUEST_TYPE_DEFAULT_VALUES,
    /// The saved values.
    SavedValues = sys::IMAPI_MODE_PAGE_REQUEST_TYPE_SAVED_VALUES,
}

/// IMAPI_READ_TRACK_ADDRESS_TYPE: what the address of [`DiscRecorder::track_information`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(i32)]
pub enum TrackAddress {
    /// A logical block address.
    Lba = sys::IMAPI_READ_TRACK_ADDRESS_TYPE_LBA,
    /// A track number (255 is the invisible track).
    Track = sys::IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK,
    /// A session number.
    Session = sys::IMAPI_READ_TRACK_ADDRESS_TYPE_SESSION,
}

/// The medium in a recorder, what IDiscFormat2Data reports of it ([`DiscRecorder::media_info`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaInfo {
    /// False without a medium (every other field is then empty or 0).
    pub present: bool,
    /// The current profile.
    pub profile: Profile,
    /// CurrentPhysicalMediaType.
    pub physical_type: MediaType,
    /// CurrentMediaStatus.
    pub state: MediaState,
    /// WriteProtectStatus.
    pub write_protect: WriteProtect,
    /// Sessions holding data (1 for random-access media).
    pub sessions: i32,
    /// TotalSectorsOnMedia: used + free, 2048-byte sectors.
    pub total_sectors: i64,
    /// FreeSectorsOnMedia (the whole medium on overwritable media).
    pub free_sectors: i64,
    /// NextWritableAddress (0 on overwritable media).
    pub next_writable_address: i64,
}

/// A pass-through command's outcome: bytes moved, and the sense bytes when the device
/// answered CHECK CONDITION (the command was still delivered).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandResult {
    /// Bytes moved in the data phase.
    pub transferred: i64,
    /// The sense bytes (18), empty when the device returned none.
    pub sense: Vec<u8>,
}

/// IMAPI2's IDiscRecorder2 and IDiscRecorder2Ex: one recorder, opened by unique ID
/// ([`DiscRecorder::open`], InitializeDiscRecorder). Opening does not lock the drive;
/// several handles and processes may share it ([`DiscRecorder::acquire_exclusive_access`]
/// holds it). Device errors carry the SCSI sense in [`Error::sense`](crate::Error::sense).
/// `Send`, not `Sync`; dropping it frees the handle and any exclusive access it holds.
#[derive(Debug)]
pub struct DiscRecorder {
    raw: NonNull<sys::imapi_recorder>,
}

// SAFETY: a handle may move between threads; not Sync.
unsafe impl Send for DiscRecorder {}

const MAX_REPLY: usize = 65538;

macro_rules! string_getter {
    ($(#[$doc:meta])* $name:ident, $f:ident) => {
        $(#[$doc])*
        pub fn $name(&self) -> Result<String> {
            owned_string(|v| unsafe { sys::$f(self.p(), v) })
        }
    };
}

macro_rules! int_getter {
    ($(#[$doc:meta])* $name:ident, $f:ident) => {
        $(#[$doc])*
        pub fn $name(&self) -> Result<i32> {
            out(|v| unsafe { sys::$f(self.p(), v) })
        }
    };
}

macro_rules! action {
    ($(#[$doc:meta])* $name:ident, $f:ident) => {
        $(#[$doc])*
        pub fn $name(&mut self) -> Result<()> {
            check(unsafe { sys::$f(self.p()) }).map(|_| ())
        }
    };
}

impl DiscRecorder {
    /// MsftDiscRecorder2 + InitializeDiscRecorder: opens the recorder with this unique ID
    /// (from [`DiscMaster::item`], or an emulated drive's URI).
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg) when no recorder has the ID,
    /// [`Status::AccessDenied`](crate::Status::AccessDenied) when the device cannot be opened.
    pub fn open(unique_id: &str) -> Result<DiscRecorder> {
        let id = cstr(unique_id)?;
        Ok(DiscRecorder { raw: out_handle(|o| unsafe { sys::imapi_recorder_open(id.as_ptr(), o) })? })
    }
    fn p(&self) -> *mut sys::imapi_recorder {
        self.raw.as_ptr()
    }

    string_getter!(
        /// ActiveDiscRecorder: the unique ID the recorder was opened with.
        active_disc_recorder, imapi_recorder_get_active_disc_recorder);
    string_getter!(
        /// VendorId: the INQUIRY vendor, trailing blanks removed.
        vendor_id, imapi_recorder_get_vendor_id);
    string_getter!(
        /// ProductId: the INQUIRY product, trailing blanks removed.
        product_id, imapi_recorder_get_product_id);
    string_getter!(
        /// ProductRevision: the INQUIRY revision, trailing blanks removed.
        product_revision, imapi_recorder_get_product_revision);
    string_getter!(
        /// VolumeName: the drive's device node ("/dev/sr0"); for an emulated drive, its data image's path.
        volume_name, imapi_recorder_get_volume_name);
    string_getter!(
        /// ExclusiveAccessOwner: the client name holding the drive exclusively, "" when nobody does.
        exclusive_access_owner, imapi_recorder_get_exclusive_access_owner);
    int_getter!(
        /// LegacyDeviceNumber: N of /dev/srN; for an emulated drive, its position among the emulated drives.
        legacy_device_number, imapi_recorder_get_legacy_device_number);
    int_getter!(
        /// GetByteAlignmentMask: the transport's buffer alignment (0 for an emulated drive).
        byte_alignment_mask, imapi_recorder_get_byte_alignment_mask);
    int_getter!(
        /// GetMaximumNonPageAlignedTransferSize: the largest buffer not starting on a 4 KiB page, bytes.
        maximum_non_page_aligned_transfer_size, imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    int_getter!(
        /// GetMaximumPageAlignedTransferSize: the largest page-aligned buffer, bytes.
        maximum_page_aligned_transfer_size, imapi_recorder_get_maximum_page_aligned_transfer_size);
    action!(
        /// ReleaseExclusiveAccess: drops one level of [`DiscRecorder::acquire_exclusive_access`];
        /// releasing what this handle does not hold is [`Status::Fail`](crate::Status::Fail).
        release_exclusive_access, imapi_recorder_release_exclusive_access);
    action!(
        /// EjectMedia: unlocks the tray and ejects the medium.
        eject_media, imapi_recorder_eject_media);
    action!(
        /// CloseTray: loads the medium.
        close_tray, imapi_recorder_close_tray);
    action!(
        /// DisableMcn: a no-op on Linux (no per-drive media-change switch exists); hold
        /// exclusive access to keep automounters off a disc being written.
        disable_mcn, imapi_recorder_disable_mcn);
    action!(
        /// EnableMcn: a no-op on Linux (see [`DiscRecorder::disable_mcn`]).
        enable_mcn, imapi_recorder_enable_mcn);

    /// DeviceCanLoadMedia: the drive has a tray or changer it can close itself.
    pub fn device_can_load_media(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_recorder_get_device_can_load_media(self.p(), v) }).map(|v: i32| v != 0)
    }

    /// VolumePathNames: the mount points of the medium (emulated drives are never mounted).
    pub fn volume_path_names(&self) -> Result<Vec<String>> {
        let mut paths = Vec::new();
        let mut count = 1;
        let mut i = 0;
        while i < count {
            let s = owned_string(|s| unsafe { sys::imapi_recorder_get_volume_path_name(self.p(), i, s, &mut count) })?;
            if i < count {
                paths.push(s);
            }
            i += 1;
        }
        Ok(paths)
    }

    /// SupportedFeaturePages: the MMC feature codes (IMAPI_FEATURE_PAGE_TYPE) in the drive's
    /// order. Errors: [`Status::RecorderGetConfigurationNotSupported`](crate::Status::RecorderGetConfigurationNotSupported).
    pub fn supported_feature_pages(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_feature_pages(h, b, c, n) })
    }
    /// CurrentFeaturePages: the feature codes current for the medium.
    pub fn current_feature_pages(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_current_feature_pages(h, b, c, n) })
    }
    /// SupportedProfiles: the profiles the drive has.
    pub fn supported_profiles(&self) -> Result<Vec<Profile>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_profiles(h, b, c, n) })
            .map(|v| v.into_iter().map(Profile::from_raw).collect())
    }
    /// CurrentProfiles: the profiles current for the medium (empty without one).
    pub fn current_profiles(&self) -> Result<Vec<Profile>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_current_profiles(h, b, c, n) })
            .map(|v| v.into_iter().map(Profile::from_raw).collect())
    }
    /// GetSupportedModePages: the mode page codes MODE SENSE page 3Fh returns for
    /// `request` (SupportedModePages is `supported_mode_pages(ModePageRequest::CurrentValues)`).
    /// A drive keeping no saved values: [`Status::RecorderNoSuchModePage`](crate::Status::RecorderNoSuchModePage).
    pub fn supported_mode_pages(&self, request: ModePageRequest) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_mode_pages(h, request as i32, b, c, n) })
    }

    /// AcquireExclusiveAccess: one more level of exclusive access held by this handle
    /// (released by [`DiscRecorder::release_exclusive_access`] or drop). `client_name`:
    /// 1-64 letters, digits, spaces, '.', '_' or '-'. Another holder:
    /// [`Status::RecorderLocked`](crate::Status::RecorderLocked) naming it; a mounted medium
    /// is unmounted first with `force` (needs root: else [`Status::AccessDenied`](crate::Status::AccessDenied)).
    pub fn acquire_exclusive_access(&mut self, force: bool, client_name: &str) -> Result<()> {
        let name = cstr(client_name)?;
        check(unsafe { sys::imapi_recorder_acquire_exclusive_access(self.p(), force as i32, name.as_ptr()) }).map(|_| ())
    }

    /// Extension: the medium in the recorder; no medium is not an error (`present` false).
    pub fn media_info(&self) -> Result<MediaInfo> {
        let mut m: sys::imapi_media_info = unsafe { std::mem::zeroed() };
        m.struct_size = std::mem::size_of::<sys::imapi_media_info>() as u32;
        check(unsafe { sys::imapi_recorder_get_media_info(self.p(), &mut m) })?;
        Ok(MediaInfo {
            present: m.present != 0,
            profile: Profile::from_raw(m.profile),
            physical_type: MediaType::from_raw(m.physical_type),
            state: MediaState::from_bits_retain(m.state),
            write_protect: WriteProtect::from_bits_retain(m.write_protect),
            sessions: m.sessions,
            total_sectors: m.total_sectors,
            free_sectors: m.free_sectors,
            next_writable_address: m.next_writable_address,
        })
    }

    /// GetDiscInformation: the READ DISC INFORMATION reply.
    pub fn disc_information(&self) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_disc_information(h, b, c, n) })
    }
    /// GetTrackInformation: the READ TRACK INFORMATION reply for `address` of kind `kind`.
    pub fn track_information(&self, address: i64, kind: TrackAddress) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_track_information(h, address, kind as i32, b, c, n) })
    }
    /// GetFeaturePage: one GET CONFIGURATION feature descriptor, header included; with
    /// `current_only` a feature that is not current fails.
    /// Errors: [`Status::RecorderNoSuchFeature`](crate::Status::RecorderNoSuchFeature),
    /// [`Status::RecorderFeatureIsNotCurrent`](crate::Status::RecorderFeatureIsNotCurrent).
    pub fn feature_page(&self, feature: i32, current_only: bool) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_feature_page(h, feature, current_only as i32, b, c, n) })
    }
    /// GetModePage: one MODE SENSE(10) page (code and length bytes included).
    /// Errors: [`Status::RecorderNoSuchModePage`](crate::Status::RecorderNoSuchModePage).
    pub fn mode_page(&self, page: i32, request: ModePageRequest) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_mode_page(h, page, request as i32, b, c, n) })
    }
    /// SetModePage: MODE SELECT(10) of one whole page (code, length, then exactly length
    /// bytes), as current values or also saved.
    /// Errors: [`Status::RecorderInvalidModeParameters`](crate::Status::RecorderInvalidModeParameters).
    pub fn set_mode_page(&mut self, request: ModePageRequest, page: &[u8]) -> Result<()> {
        check(unsafe {
            sys::imapi_recorder_set_mode_page(self.p(), request as i32, page.as_ptr() as *const c_void, page.len() as i64)
        })
        .map(|_| ())
    }

    /// GetAdapterDescriptor: Windows' STORAGE_ADAPTER_DESCRIPTOR bytes (32, little-endian; imapi_c.h
    /// says where Linux takes each field). The three transfer-limit getters are its fields.
    pub fn adapter_descriptor(&self) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_adapter_descriptor(h, b, c, n) })
    }
    /// GetDeviceDescriptor: Windows' STORAGE_DEVICE_DESCRIPTOR bytes: the header, the INQUIRY data,
    /// then the NUL-terminated vendor, product, revision and serial strings its offsets point at.
    pub fn device_descriptor(&self) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_device_descriptor(h, b, c, n) })
    }

    /// ReadDvdStructure: the READ DISC STRUCTURE reply, header included.
    pub fn read_dvd_structure(&self, format: i32, address: i64, layer: i32, agid: i32) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_read_dvd_structure(h, format, address, layer, agid, b, c, n) })
    }
    /// SendDvdStructure: SEND DISC STRUCTURE of `format` with the parameter list `data`
    /// (1 to 65,535 bytes).
    pub fn send_dvd_structure(&mut self, format: i32, data: &[u8]) -> Result<()> {
        check(unsafe {
            sys::imapi_recorder_send_dvd_structure(self.p(), format, data.as_ptr() as *const c_void, data.len() as i64)
        })
        .map(|_| ())
    }

    /// SendCommandNoData: sends the CDB (6 to 16 bytes) once, waiting up to `timeout_s`
    /// seconds (0: 10 s). A CHECK CONDITION is a success with [`CommandResult::sense`].
    /// Errors: [`Status::InvalidArg`](crate::Status::InvalidArg), [`Status::RecorderCommandTimeout`](crate::Status::RecorderCommandTimeout).
    pub fn send_command_no_data(&mut self, cdb: &[u8], timeout_s: i32) -> Result<CommandResult> {
        self.send(cdb, sys::IMAPI_COMMAND_NO_DATA, std::ptr::null_mut(), 0, timeout_s)
    }
    /// SendCommandSendDataToDevice: as [`DiscRecorder::send_command_no_data`], with `data` sent to the device.
    pub fn send_command_send_data_to_device(&mut self, cdb: &[u8], timeout_s: i32, data: &[u8]) -> Result<CommandResult> {
        // The library only reads a data-out buffer.
        self.send(cdb, sys::IMAPI_COMMAND_TO_DEVICE, data.as_ptr() as *mut c_void, data.len(), timeout_s)
    }
    /// SendCommandGetDataFromDevice: as [`DiscRecorder::send_command_no_data`], filling `buf`.
    pub fn send_command_get_data_from_device(&mut self, cdb: &[u8], timeout_s: i32, buf: &mut [u8]) -> Result<CommandResult> {
        self.send(cdb, sys::IMAPI_COMMAND_FROM_DEVICE, buf.as_mut_ptr() as *mut c_void, buf.len(), timeout_s)
    }

    fn send(&mut self, cdb: &[u8], direction: i32, buf: *mut c_void, cap: usize, timeout_s: i32) -> Result<CommandResult> {
        let mut moved = 0i64;
        let status = check(unsafe {
            sys::imapi_recorder_send_command(
                self.p(),
                cdb.as_ptr() as *const c_void,
                cdb.len() as i64,
                direction,
                buf,
                cap as i64,
                timeout_s,
                &mut moved,
            )
        })?;
        let sense = if status == sys::IMAPI_S_COMMAND_HAS_SENSE_DATA {
            self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_last_sense(h, b, c, n) })?
        } else {
            Vec::new()
        };
        Ok(CommandResult { transferred: moved, sense })
    }

    fn list(&self, f: impl Fn(*mut sys::imapi_recorder, *mut i32, i32, *mut i32) -> sys::imapi_status) -> Result<Vec<i32>> {
        let count = out(|c| f(self.p(), std::ptr::null_mut(), 0, c))?;
        let mut values = vec![0i32; count.max(0) as usize];
        let mut got = 0;
        check(f(self.p(), values.as_mut_ptr(), values.len() as i32, &mut got))?;
        values.truncate(got.clamp(0, count) as usize);
        Ok(values)
    }

    // One call with room for the largest reply IMAPI defines, cut to the reported size.
    fn blob(
        &self,
        f: impl Fn(*mut sys::imapi_recorder, *mut c_void, i64, *mut i64) -> sys::imapi_status,
    ) -> Result<Vec<u8>> {
        let mut buf = vec![0u8; MAX_REPLY];
        let mut size = 0i64;
        check(f(self.p(), buf.as_mut_ptr() as *mut c_void, buf.len() as i64, &mut size))?;
        buf.truncate(size.clamp(0, MAX_REPLY as i64) as usize);
        Ok(buf)
    }
}

impl Drop for DiscRecorder {
    /// Frees the handle, dropping the exclusive access it still holds.
    fn drop(&mut self) {
        unsafe { sys::imapi_recorder_free(self.raw.as_ptr()) }
    }
}

impl DiscRecorder {
    pub(crate) fn from_raw(raw: NonNull<sys::imapi_recorder>) -> DiscRecorder {
        DiscRecorder { raw }
    }
    pub(crate) fn as_ptr(&self) -> *mut sys::imapi_recorder {
        self.raw.as_ptr()
    }
}
