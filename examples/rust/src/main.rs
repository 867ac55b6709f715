//! make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
//! with a progress line, through the safe `imapi` crate; given a DRIVE (an
//! emu: URI or a recorder's unique ID), burn the image onto it and verify it.
//!   usage: make-iso SOURCE_DIR OUTPUT.iso [DRIVE]
use std::process::ExitCode;

fn make_iso(source: &str, output: &str) -> imapi::Result<()> {
    let image = imapi::FileSystemImage::builder().free_media_blocks(0).build()?; // 0 = no capacity limit
    image.root()?.add_tree(source, false)?;
    let result = image.create_result_image()?;
    result.write_file_with_progress(output, |p| {
        eprint!("\r{}/{} sectors", p.done, p.total);
        true // false would cancel
    })?;
    eprintln!("\nwrote {output}");
    Ok(())
}

fn burn(image: &str, drive: &str) -> imapi::Result<()> {
    if drive.starts_with("emu:") {
        imapi::DiscMaster::add_emulated_drive(drive)?;
    }
    let recorder = imapi::DiscRecorder::open(drive)?;
    let media = recorder.media_info()?;
    // Typed values: MediaType::BdR, MediaState(BLANK), Profile::BdRSequential, ...
    eprintln!("{drive}: {:?} ({:?}), {:?}, {} free sectors", media.physical_type, media.profile, media.state,
              media.free_sectors);
    let mut format = imapi::DiscFormat2Data::new()?;
    format.set_recorder(&recorder)?;
    format.set_client_name("make-iso")?;
    format.set_burn_verification_level(imapi::VerificationLevel::Full)?;
    // Ctrl-C handling would call cancel.cancel() from its own thread.
    let _cancel = format.cancel_handle();
    format.write_with_progress(&imapi::Stream::from_file(image)?, |p| {
        eprint!("\r{:?}: {}/{} sectors, ring {}/{} bytes   ", p.action, p.sectors_written(), p.sector_count,
                p.used_system_buffer, p.total_system_buffer);
        true
    })?;
    eprintln!("\nburned and verified {image} on {drive}");
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 && args.len() != 4 {
        eprintln!("usage: {} SOURCE_DIR OUTPUT.iso [DRIVE]", args[0]);
        return ExitCode::from(2);
    }
    let mut done = make_iso(&args[1], &args[2]);
    if let (Ok(()), Some(drive)) = (&done, args.get(3)) {
        done = burn(&args[2], drive);
    }
    match done {
        Ok(()) => ExitCode::SUCCESS,
        // e.g. "failed: IMAPI_E_DF2DATA_MEDIA_NOT_BLANK (0xC0AA0405): ..."; e.code() is an imapi::Status.
        Err(e) => {
            eprintln!("failed: {e}");
            ExitCode::FAILURE
        }
    }
}
