//! consumer SOURCE_DIR OUT_ISO EMU_DIR: built against the installed libimapi (pkg-config).
use std::io::Read;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use imapi::{DiscMaster, DiscRecorder, FileSystemImage, FileSystems, ImageReader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let image = FileSystemImage::builder()
        .file_systems(FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::UDF)
        .volume_name("Ünïcödé Tree")
        .build()?;
    let mut root = image.root()?;
    root.add_tree(&args[1], false)?;
    let e = root.add_directory("Кириллица").unwrap_err();
    assert_eq!(e.to_string(), "IMAPI_E_DUP_NAME (0xC0AAB112): 'Кириллица' already exists");
    assert_eq!(e.io_kind(), std::io::ErrorKind::AlreadyExists);
    let reports = Arc::new(AtomicUsize::new(0));
    let counted = reports.clone();
    image.create_result_image()?.write_file_with_progress(&args[2], move |_| {
        counted.fetch_add(1, Ordering::SeqCst);
        true
    })?;
    let reports = reports.load(Ordering::SeqCst);
    assert!(reports >= 2, "{reports} progress reports");
    let reader = ImageReader::open(&args[2])?;
    assert_eq!(reader.volume_name_of(FileSystems::UDF)?, "Ünïcödé Tree");
    let mut text = String::new();
    reader.open_path(FileSystems::JOLIET, "/Кириллица/中文.txt")?.read_to_string(&mut text)?;
    assert_eq!(text, "привет 世界\n");
    let uri = format!("emu:dvd+r?dir={}", args[3]);
    DiscMaster::add_emulated_drive(&uri)?;
    let recorder = DiscRecorder::open(&uri)?;
    println!("{}: {reports} progress reports, read back, drive '{}'", imapi::version(), recorder.product_id()?);
    Ok(())
}
