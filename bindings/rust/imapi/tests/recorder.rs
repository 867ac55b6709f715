//! DiscMaster and DiscRecorder against emulated drives.
use imapi::{DiscMaster, DiscRecorder, ModePageRequest, TrackAddress};

struct Disc {
    dir: std::path::PathBuf,
    uri: String,
}

impl Disc {
    fn new(media: &str) -> Disc {
        let dir = std::env::temp_dir().join(format!("imapi-rs-rec-{}-{}-{}", media, std::process::id(), rand_suffix()));
        std::fs::create_dir_all(&dir).unwrap();
        let uri = format!("emu:{}?dir={}&polls=0", media, dir.display());
        DiscMaster::add_emulated_drive(&uri).unwrap();
        Disc { dir, uri }
    }
}

impl Drop for Disc {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
}

#[test]
fn enumerates_and_describes_an_emulated_bd_r() {
    let d = Disc::new("bd-r");
    assert!(DiscMaster::unique_ids().unwrap().contains(&d.uri));
    assert!(DiscMaster::is_supported_environment().unwrap());
    let mut r = DiscRecorder::open(&d.uri).unwrap();
    assert_eq!(r.active_disc_recorder().unwrap(), d.uri);
    assert_eq!(r.vendor_id().unwrap(), "IMAPI");
    assert_eq!(r.product_id().unwrap(), "EMULATED DRIVE");
    assert!(!r.product_revision().unwrap().is_empty());
    assert!(r.volume_name().unwrap().ends_with("disc.img"));
    assert!(r.volume_path_names().unwrap().is_empty());
    assert!(r.device_can_load_media().unwrap());
    assert!(r.legacy_device_number().unwrap() >= 0);
    assert!(r.supported_profiles().unwrap().contains(&imapi::Profile::BdRSequential));
    assert_eq!(r.current_profiles().unwrap(), vec![imapi::Profile::BdRSequential]);
    assert_eq!(r.media_info().unwrap().profile, imapi::Profile::BdRSequential);
    assert!(r.supported_feature_pages().unwrap().contains(&0x41));
    assert!(r.current_feature_pages().unwrap().contains(&0x41));
    assert!(r.supported_mode_pages(ModePageRequest::CurrentValues).unwrap().contains(&0x2A));
    let m = r.media_info().unwrap();
    assert!(m.present);
    assert_eq!(m.physical_type, imapi::MediaType::BdR);
    assert_eq!(m.state, imapi::MediaState::BLANK);
    assert_eq!(m.free_sectors, m.total_sectors);
    assert!(r.disc_information().unwrap().len() >= 34);
    assert!(r.track_information(255, TrackAddress::Track).unwrap().len() >= 28);
    assert_eq!(r.feature_page(0x41, true).unwrap()[1], 0x41);
    let page = r.mode_page(0x05, ModePageRequest::CurrentValues).unwrap();
    assert_eq!(page[0] & 0x3F, 0x05);
    r.set_mode_page(ModePageRequest::CurrentValues, &page).unwrap();
    assert_eq!(r.byte_alignment_mask().unwrap(), 0);
    assert_eq!(r.maximum_non_page_aligned_transfer_size().unwrap(), 65536);
    assert_eq!(r.maximum_page_aligned_transfer_size().unwrap(), 65536);
    r.disable_mcn().unwrap();
    r.enable_mcn().unwrap();
    assert_eq!(r.read_dvd_structure(0, 0, 0, 0).unwrap_err().code(), imapi::Status::RecorderDvdStructureNotPresent);
    assert!(r.send_dvd_structure(4, &[0, 2, 0, 0]).is_err());
}

fn le32(b: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(b[at..at + 4].try_into().unwrap())
}

fn c_string(b: &[u8], at: u32) -> String {
    let s = &b[at as usize..];
    String::from_utf8(s[..s.iter().position(|&c| c == 0).unwrap()].to_vec()).unwrap()
}

#[test]
fn adapter_and_device_descriptors_in_windows_layout() {
    let d = Disc::new("bd-re");
    let mut r = DiscRecorder::open(&d.uri).unwrap();
    let a = r.adapter_descriptor().unwrap();
    assert_eq!(a.len(), 32);
    assert_eq!(le32(&a, 0), 32); // Version
    assert_eq!(le32(&a, 4), 32); // Size
    let (max_transfer, pages) = (le32(&a, 8), le32(&a, 12));
    assert_eq!(max_transfer, 65536);
    assert_eq!(r.byte_alignment_mask().unwrap() as u32, le32(&a, 16));
    assert_eq!(r.maximum_page_aligned_transfer_size().unwrap() as u32, max_transfer.min(pages * 4096));
    assert_eq!(r.maximum_non_page_aligned_transfer_size().unwrap() as u32, max_transfer.min((pages - 1) * 4096));
    assert_eq!(a[24] as i32, imapi_sys::IMAPI_STORAGE_BUS_TYPE_FILE_BACKED_VIRTUAL);

    let v = r.device_descriptor().unwrap();
    assert_eq!(le32(&v, 0), 40);
    assert_eq!(le32(&v, 4) as usize, v.len());
    assert_eq!(v[8], 5); // DeviceType
    assert_eq!(v[10], 1); // RemovableMedia
    assert_eq!(le32(&v, 28) as i32, imapi_sys::IMAPI_STORAGE_BUS_TYPE_FILE_BACKED_VIRTUAL);
    assert_eq!(le32(&v, 32), 36);
    assert_eq!(c_string(&v, le32(&v, 12)).trim_end(), r.vendor_id().unwrap());
    assert_eq!(c_string(&v, le32(&v, 16)).trim_end(), r.product_id().unwrap());
    assert_eq!(c_string(&v, le32(&v, 20)).trim_end(), r.product_revision().unwrap());
    assert_eq!(c_string(&v, le32(&v, 24)), "EMU00001");

    // No file system is ever mounted on an emulated disc: force just acquires.
    r.acquire_exclusive_access(true, "rust force").unwrap();
    assert_eq!(r.exclusive_access_owner().unwrap(), "rust force");
    r.release_exclusive_access().unwrap();
}

#[test]
fn pass_through_exclusive_access_and_tray() {
    let d = Disc::new("dvd+r");
    let mut a = DiscRecorder::open(&d.uri).unwrap();
    let mut b = DiscRecorder::open(&d.uri).unwrap();
    let mut inquiry = [0u8; 36];
    let res = a.send_command_get_data_from_device(&[0x12, 0, 0, 0, 36, 0], 0, &mut inquiry).unwrap();
    assert_eq!(res.transferred, 36);
    assert!(res.sense.is_empty());
    assert_eq!(inquiry[0], 5);
    let res = a.send_command_no_data(&[0xFF, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0).unwrap();
    assert_eq!(res.sense[12], 0x20);
    a.send_command_send_data_to_device(&[0, 0, 0, 0, 0, 0], 0, &[0]).unwrap();

    a.acquire_exclusive_access(false, "rust test").unwrap();
    assert_eq!(b.exclusive_access_owner().unwrap(), "rust test");
    let e = b.acquire_exclusive_access(true, "other").unwrap_err();
    assert_eq!(e.code(), imapi::Status::RecorderLocked);
    a.release_exclusive_access().unwrap();
    assert_eq!(b.exclusive_access_owner().unwrap(), "");

    assert_eq!(a.read_dvd_structure(0, 0, 0, 0).unwrap()[4] >> 4, 0x0A); // book type DVD+R
    a.eject_media().unwrap();
    assert!(!a.media_info().unwrap().present);
    a.close_tray().unwrap();
    assert!(a.media_info().unwrap().present);
}

#[test]
fn bad_ids_and_names_are_errors() {
    assert_eq!(DiscRecorder::open("no-such-drive").err().unwrap().code(), imapi::Status::InvalidArg);
    assert_eq!(DiscMaster::add_emulated_drive("emu:zip?dir=/").unwrap_err().code(), imapi::Status::InvalidArg);
    assert_eq!(DiscMaster::item(-1).unwrap_err().code(), imapi::Status::InvalidArg);
    let d = Disc::new("cd-r");
    let mut r = DiscRecorder::open(&d.uri).unwrap();
    assert_eq!(
        r.acquire_exclusive_access(false, "").unwrap_err().code(),
        imapi::Status::RecorderClientNameIsNotValid
    );
    assert_eq!(r.feature_page(0x123, false).unwrap_err().code(), imapi::Status::RecorderNoSuchFeature);
}
