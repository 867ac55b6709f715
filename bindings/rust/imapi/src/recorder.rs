//! IDiscMaster2 (`DiscMaster`) and IDiscRecorder2 / IDiscRecorder2Ex (`DiscRecorder`).
use std::os::raw::c_void;
use std::ptr::NonNull;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::{cstr, out, out_handle, owned_string};

/// The recorders this process sees: Linux optical drives, then the emulated
/// drives of `IMAPI_EMU_DRIVES` and [`DiscMaster::add_emulated_drive`].
pub struct DiscMaster;

impl DiscMaster {
    /// Extension: adds an emulated drive (`emu:bd-r?dir=/tmp/disc`) to this process's recorders.
    pub fn add_emulated_drive(uri: &str) -> Result<()> {
        let uri = cstr(uri)?;
        check(unsafe { sys::imapi_disc_master_add_emulated_drive(uri.as_ptr()) }).map(|_| ())
    }
    pub fn count() -> Result<i32> {
        out(|c| unsafe { sys::imapi_disc_master_get_count(c) })
    }
    /// Item: the unique ID of recorder `index`.
    pub fn item(index: i32) -> Result<String> {
        owned_string(|s| unsafe { sys::imapi_disc_master_get_unique_id(index, s) })
    }
    pub fn unique_ids() -> Result<Vec<String>> {
        (0..Self::count()?).map(Self::item).collect()
    }
    pub fn is_supported_environment() -> Result<bool> {
        out(|v| unsafe { sys::imapi_disc_master_is_supported_environment(v) }).map(|v: i32| v != 0)
    }
}

/// IMAPI_MODE_PAGE_REQUEST_TYPE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum ModePageRequest {
    CurrentValues = 0,
    ChangeableValues = 1,
    DefaultValues = 2,
    SavedValues = 3,
}

/// IMAPI_READ_TRACK_ADDRESS_TYPE.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(i32)]
pub enum TrackAddress {
    Lba = 0,
    Track = 1,
    Session = 2,
}

/// The medium in a recorder (`state`: IMAPI_FORMAT2_DATA_MEDIA_STATE bits;
/// `write_protect`: IMAPI_MEDIA_WRITE_PROTECT_STATE bits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaInfo {
    pub present: bool,
    pub profile: i32,
    pub physical_type: i32,
    pub state: i32,
    pub write_protect: i32,
    pub sessions: i32,
    pub total_sectors: i64,
    pub free_sectors: i64,
    pub next_writable_address: i64,
}

/// A pass-through command's outcome: bytes moved, and the sense bytes when the device returned any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandResult {
    pub transferred: i64,
    pub sense: Vec<u8>,
}

/// One recorder, opened by unique ID (InitializeDiscRecorder).
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
    pub fn open(unique_id: &str) -> Result<DiscRecorder> {
        let id = cstr(unique_id)?;
        Ok(DiscRecorder { raw: out_handle(|o| unsafe { sys::imapi_recorder_open(id.as_ptr(), o) })? })
    }
    fn p(&self) -> *mut sys::imapi_recorder {
        self.raw.as_ptr()
    }

    string_getter!(active_disc_recorder, imapi_recorder_get_active_disc_recorder);
    string_getter!(vendor_id, imapi_recorder_get_vendor_id);
    string_getter!(product_id, imapi_recorder_get_product_id);
    string_getter!(product_revision, imapi_recorder_get_product_revision);
    string_getter!(volume_name, imapi_recorder_get_volume_name);
    string_getter!(exclusive_access_owner, imapi_recorder_get_exclusive_access_owner);
    int_getter!(legacy_device_number, imapi_recorder_get_legacy_device_number);
    int_getter!(byte_alignment_mask, imapi_recorder_get_byte_alignment_mask);
    int_getter!(maximum_non_page_aligned_transfer_size, imapi_recorder_get_maximum_non_page_aligned_transfer_size);
    int_getter!(maximum_page_aligned_transfer_size, imapi_recorder_get_maximum_page_aligned_transfer_size);
    action!(release_exclusive_access, imapi_recorder_release_exclusive_access);
    action!(eject_media, imapi_recorder_eject_media);
    action!(close_tray, imapi_recorder_close_tray);
    action!(
        /// A no-op on Linux (see imapi_c.h).
        disable_mcn, imapi_recorder_disable_mcn);
    action!(enable_mcn, imapi_recorder_enable_mcn);

    pub fn device_can_load_media(&self) -> Result<bool> {
        out(|v| unsafe { sys::imapi_recorder_get_device_can_load_media(self.p(), v) }).map(|v: i32| v != 0)
    }

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

    pub fn supported_feature_pages(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_feature_pages(h, b, c, n) })
    }
    pub fn current_feature_pages(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_current_feature_pages(h, b, c, n) })
    }
    pub fn supported_profiles(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_profiles(h, b, c, n) })
    }
    pub fn current_profiles(&self) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_current_profiles(h, b, c, n) })
    }
    /// SupportedModePages is `supported_mode_pages(ModePageRequest::CurrentValues)`.
    pub fn supported_mode_pages(&self, request: ModePageRequest) -> Result<Vec<i32>> {
        self.list(|h, b, c, n| unsafe { sys::imapi_recorder_get_supported_mode_pages(h, request as i32, b, c, n) })
    }

    pub fn acquire_exclusive_access(&mut self, force: bool, client_name: &str) -> Result<()> {
        let name = cstr(client_name)?;
        check(unsafe { sys::imapi_recorder_acquire_exclusive_access(self.p(), force as i32, name.as_ptr()) }).map(|_| ())
    }

    /// Extension: the medium in the recorder (`present` is false without one).
    pub fn media_info(&self) -> Result<MediaInfo> {
        let mut m: sys::imapi_media_info = unsafe { std::mem::zeroed() };
        m.struct_size = std::mem::size_of::<sys::imapi_media_info>() as u32;
        check(unsafe { sys::imapi_recorder_get_media_info(self.p(), &mut m) })?;
        Ok(MediaInfo {
            present: m.present != 0,
            profile: m.profile,
            physical_type: m.physical_type,
            state: m.state,
            write_protect: m.write_protect,
            sessions: m.sessions,
            total_sectors: m.total_sectors,
            free_sectors: m.free_sectors,
            next_writable_address: m.next_writable_address,
        })
    }

    pub fn disc_information(&self) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_disc_information(h, b, c, n) })
    }
    pub fn track_information(&self, address: i64, kind: TrackAddress) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_track_information(h, address, kind as i32, b, c, n) })
    }
    pub fn feature_page(&self, feature: i32, current_only: bool) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_feature_page(h, feature, current_only as i32, b, c, n) })
    }
    pub fn mode_page(&self, page: i32, request: ModePageRequest) -> Result<Vec<u8>> {
        self.blob(|h, b, c, n| unsafe { sys::imapi_recorder_get_mode_page(h, page, request as i32, b, c, n) })
    }
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
    pub fn send_dvd_structure(&mut self, format: i32, data: &[u8]) -> Result<()> {
        check(unsafe {
            sys::imapi_recorder_send_dvd_structure(self.p(), format, data.as_ptr() as *const c_void, data.len() as i64)
        })
        .map(|_| ())
    }

    pub fn send_command_no_data(&mut self, cdb: &[u8], timeout_s: i32) -> Result<CommandResult> {
        self.send(cdb, sys::IMAPI_COMMAND_NO_DATA, std::ptr::null_mut(), 0, timeout_s)
    }
    pub fn send_command_send_data_to_device(&mut self, cdb: &[u8], timeout_s: i32, data: &[u8]) -> Result<CommandResult> {
        // The library only reads a data-out buffer.
        self.send(cdb, sys::IMAPI_COMMAND_TO_DEVICE, data.as_ptr() as *mut c_void, data.len(), timeout_s)
    }
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
