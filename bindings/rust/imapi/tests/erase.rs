//! DiscFormat2Erase against emulated drives: a CD-RW erased with the closure's
//! progress and as a job, a BD-RE formatted without spares, refusals and a cancel
//! through the cancel handle before the drive starts.
mod common;

use std::time::Duration;

use common::TempTree;
use imapi::{
    DiscFormat2Data, DiscFormat2Erase, DiscMaster, DiscRecorder, FormatSpares, MediaState, MediaType, Operation, Status,
    Stream, VerificationLevel, WriteAction,
};

fn drive(tree: &TempTree, media: &str) -> String {
    let dir = tree.out(&format!("disc-{media}"));
    std::fs::create_dir_all(&dir).unwrap();
    let uri = format!("emu:{media}?dir={}&polls=3", dir.display());
    DiscMaster::add_emulated_drive(&uri).unwrap();
    uri
}

fn burn_something(recorder: &DiscRecorder) {
    let mut f = DiscFormat2Data::new().unwrap();
    f.set_recorder(recorder).unwrap();
    f.set_client_name("imapi-rust-erase").unwrap();
    f.set_burn_verification_level(VerificationLevel::None).unwrap();
    f.write(&Stream::zero(64 * 2048).unwrap()).unwrap();
}

fn eraser(recorder: &DiscRecorder) -> DiscFormat2Erase {
    let mut e = DiscFormat2Erase::new().unwrap();
    e.set_recorder(recorder).unwrap();
    e.set_client_name("imapi-rust-erase").unwrap();
    e
}

#[test]
fn erase_media_blanks_a_cd_rw_with_the_drives_progress_and_as_a_job() {
    let tree = TempTree::new("erase-cd-rw");
    let uri = drive(&tree, "cd-rw");
    let recorder = DiscRecorder::open(&uri).unwrap();
    burn_something(&recorder);
    let mut e = eraser(&recorder);
    assert_eq!(e.current_physical_media_type().unwrap(), MediaType::CdRw);
    assert!(e.is_recorder_supported(&recorder).unwrap());
    assert!(e.is_current_media_supported(&recorder).unwrap());
    let mut seen = Vec::new();
    e.erase_media(|p| {
        seen.push(p.clone());
        true
    })
    .unwrap();
    assert!(seen.iter().any(|p| p.action == WriteAction::FormattingMedia && p.total.is_some()));
    assert_eq!(seen.last().unwrap().action, WriteAction::Completed);
    assert!(recorder.media_info().unwrap().state.contains(MediaState::BLANK));

    burn_something(&recorder);
    e.set_full_erase(true).unwrap();
    assert!(e.full_erase().unwrap());
    let job = e.start_erase_media().unwrap();
    assert!(job.wait(Some(Duration::from_secs(60))).unwrap());
    job.result().unwrap();
    assert_eq!(job.progress().unwrap().operation, Operation::Erase);
    assert_eq!(recorder.media_info().unwrap().sessions, 0);
}

#[test]
fn format_media_gives_a_bd_re_without_spares_the_whole_disc_and_erase_refuses_it() {
    let tree = TempTree::new("erase-bd-re");
    let uri = drive(&tree, "bd-re");
    let recorder = DiscRecorder::open(&uri).unwrap();
    let mut e = eraser(&recorder);
    assert!(!e.is_current_media_supported(&recorder).unwrap());
    let err = e.erase_media(|_| true).unwrap_err();
    assert_eq!(err.code(), Status::EraseMediaIsNotSupported);
    e.set_spares(FormatSpares::None).unwrap();
    assert_eq!(e.spares().unwrap(), FormatSpares::None);
    e.format_media(|_| true).unwrap();
    assert_eq!(recorder.media_info().unwrap().total_sectors, 12_219_392);
}

#[test]
fn a_cancel_before_the_drive_starts_leaves_the_disc_as_it_was() {
    let tree = TempTree::new("erase-cancel");
    let uri = drive(&tree, "dvd-rw");
    let recorder = DiscRecorder::open(&uri).unwrap();
    burn_something(&recorder);
    let mut e = eraser(&recorder);
    let cancel = e.cancel_handle();
    assert!(!cancel.cancel().unwrap());
    let err = e
        .erase_media(|_| {
            cancel.cancel().unwrap();
            true
        })
        .unwrap_err();
    assert_eq!(err.code(), Status::RequestCancelled);
    assert_eq!(recorder.media_info().unwrap().sessions, 1);
}
