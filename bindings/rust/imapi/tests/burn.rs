//! DiscFormat2Data against emulated drives: an image made by the crate burned to
//! a BD-R, the disc's bytes against the image, the Update event, verification,
//! a second session, cancellation from another thread.
mod common;

use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use common::TempTree;
use imapi::{
    DiscFormat2Data, DiscMaster, DiscRecorder, FileSystemImage, MultisessionKind, Stream, VerificationLevel,
    WriteAction,
};

struct Disc {
    dir: std::path::PathBuf,
    uri: String,
}

impl Disc {
    fn new(tree: &TempTree, media: &str, extra: &str) -> Disc {
        let dir = tree.out(&format!("disc-{media}"));
        std::fs::create_dir_all(&dir).unwrap();
        let uri = format!("emu:{media}?dir={}&polls=0{extra}", dir.display());
        DiscMaster::add_emulated_drive(&uri).unwrap();
        Disc { dir, uri }
    }
    fn bytes(&self, from_lba: u64, len: usize) -> Vec<u8> {
        let mut f = std::fs::File::open(self.dir.join("disc.img")).unwrap();
        use std::io::{Seek, SeekFrom};
        f.seek(SeekFrom::Start(from_lba * 2048)).unwrap();
        let mut v = vec![0; len];
        f.read_exact(&mut v).unwrap();
        v
    }
}

fn image_of(tree: &TempTree, name: &str, files: &[(&str, usize, u64)]) -> std::path::PathBuf {
    for (path, size, seed) in files {
        tree.write(&format!("{name}/{path}"), *size, *seed);
    }
    let image = FileSystemImage::builder().volume_name(name).free_media_blocks(0).build().unwrap();
    image.root().unwrap().add_tree(tree.source.join(name), false).unwrap();
    let out = tree.out(&format!("{name}.iso"));
    image.create_result_image().unwrap().write_file(&out).unwrap();
    out
}

fn writer(uri: &str) -> DiscFormat2Data {
    let recorder = DiscRecorder::open(uri).unwrap();
    let mut f = DiscFormat2Data::new().unwrap();
    f.set_recorder(&recorder).unwrap();
    f.set_client_name("imapi-rust-test").unwrap();
    f
}

#[test]
fn burns_an_image_to_a_bd_r_and_reads_it_back() {
    let tree = TempTree::new("burn");
    let iso = image_of(&tree, "one", &[("a.bin", 300_000, 1), ("sub/b.bin", 70_001, 2)]);
    let disc = Disc::new(&tree, "bd-r", "");
    let mut f = writer(&disc.uri);
    assert_eq!(f.client_name().unwrap(), "imapi-rust-test");
    assert!(f.media_physically_blank().unwrap());
    assert_eq!(f.current_physical_media_type().unwrap(), imapi::MediaType::BdR);
    assert!(!f.supported_write_speeds().unwrap().is_empty());
    assert_eq!(f.supported_write_speed_descriptors().unwrap().len(), f.supported_write_speeds().unwrap().len());
    let sessions = f.multisession_interfaces().unwrap();
    assert_eq!(sessions[0].kind, MultisessionKind::Sequential);
    assert!(sessions[0].is_first_data_session);
    assert!(!f.cancel_write().unwrap(), "no write runs yet");
    f.set_burn_verification_level(VerificationLevel::Full).unwrap();
    assert_eq!(f.burn_verification_level().unwrap(), VerificationLevel::Full);

    let mut actions = Vec::new();
    let mut last = None;
    let mut ring = 0;
    f.write_with_progress(&Stream::from_file(&iso).unwrap(), |p| {
        if actions.last() != Some(&p.action) {
            actions.push(p.action);
        }
        if p.action == WriteAction::WritingData {
            ring = ring.max(p.total_system_buffer);
        }
        last = Some(p.clone());
        true
    })
    .unwrap();
    assert!(actions.contains(&WriteAction::WritingData), "{actions:?}");
    assert!(actions.contains(&WriteAction::Verifying), "{actions:?}");
    let size = std::fs::metadata(&iso).unwrap().len() as usize;
    let last = last.unwrap();
    assert_eq!(last.start_lba, 0);
    assert!(last.sector_count >= (size / 2048) as i64);
    assert!(ring > 0, "the ring's size is reported while writing");

    // The disc holds the image byte for byte, and the session is left appendable.
    assert!(std::fs::read(&iso).unwrap() == disc.bytes(0, size));
    let m = DiscRecorder::open(&disc.uri).unwrap().media_info().unwrap();
    assert!(m.state.contains(imapi::MediaState::APPENDABLE), "{:?}", m.state);
    assert_eq!(m.sessions, 1);
    assert_eq!(f.start_address_of_previous_session().unwrap(), 0);
    f.verify(&Stream::from_file(&iso).unwrap(), |_| true).unwrap();

    // A second session: the previous one imported, then closed.
    let ms = f.multisession_interfaces().unwrap();
    assert!(!ms[0].is_first_data_session);
    let nwa = ms[0].next_writable_address;
    f.set_multisession_in_use(0, true).unwrap();
    tree.write("two/c.bin", 50_000, 3);
    let mut image = FileSystemImage::builder().free_media_blocks(0).build().unwrap();
    image.import(&f.media_stream().unwrap(), ms[0].start_address_of_previous_session.unwrap(), imapi::FileSystems::NONE)
        .unwrap();
    image.set_session_start_block(nwa).unwrap();
    image.root().unwrap().add_tree(tree.source.join("two"), false).unwrap();
    let result = image.create_result_image().unwrap();
    f.set_force_media_to_be_closed(true).unwrap();
    f.write(&result.image_stream().unwrap()).unwrap();
    let m = DiscRecorder::open(&disc.uri).unwrap().media_info().unwrap();
    assert!(m.state.contains(imapi::MediaState::FINALIZED), "{:?}", m.state);
    assert_eq!(m.sessions, 2);
    assert_eq!(f.start_address_of_previous_session().unwrap(), nwa);
}

#[test]
fn a_cancel_handle_stops_a_running_write_from_another_thread() {
    let tree = TempTree::new("burn-cancel");
    // A throttled 2x medium: 16 MiB take several seconds, time for the cancel to land.
    let disc = Disc::new(&tree, "bd-r", "&throttle=1&speed=2&buffer=1M");
    let mut f = writer(&disc.uri);
    f.set_burn_verification_level(VerificationLevel::None).unwrap();
    let cancel = f.cancel_handle();
    let started = Arc::new(AtomicBool::new(false));
    let seen = started.clone();
    let watcher = std::thread::spawn(move || {
        while !seen.load(Ordering::SeqCst) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        cancel.cancel().unwrap()
    });
    let err = f
        .write_with_progress(&Stream::zero(16 << 20).unwrap(), |p| {
            if p.action == WriteAction::WritingData {
                started.store(true, Ordering::SeqCst);
            }
            true
        })
        .unwrap_err();
    assert!(watcher.join().unwrap(), "the write was running when cancelled");
    assert_eq!(err.code(), imapi::Status::RequestCancelled, "{err}");
    // The drive is free again for the next write.
    f.set_burn_verification_level(VerificationLevel::Quick).unwrap();
    f.write(&Stream::zero(2 << 20).unwrap()).unwrap();
}
