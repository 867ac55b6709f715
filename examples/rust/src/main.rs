//! make_iso: master a folder into an ISO 9660 + Joliet + Rock Ridge image,
//! with a progress line, through the safe `imapi` crate.
//!   usage: make-iso SOURCE_DIR OUTPUT.iso
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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 3 {
        eprintln!("usage: {} SOURCE_DIR OUTPUT.iso", args[0]);
        return ExitCode::from(2);
    }
    match make_iso(&args[1], &args[2]) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("failed: {e}");
            ExitCode::FAILURE
        }
    }
}
