//! IMAPI's error numbers come out as imapi::Error with the right code; bad input is an Err, never a crash.
mod common;

use common::TempTree;
use imapi::{Status, FileSystemImage, FileSystems, ImageReader, IsoImageManager, Stream};
use std::io::{Read, Seek, SeekFrom};

fn code<T: std::fmt::Debug>(r: imapi::Result<T>) -> Status {
    let e = r.expect_err("expected an error");
    assert!(!e.message().is_empty());
    assert!(e.to_string().contains(e.name()));
    e.code()
}

#[test]
fn invalid_volume_name() {
    let mut i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.set_volume_name("no/slash?")), Status::InvalidVolumeName);
    assert_eq!(code(FileSystemImage::builder().volume_name("a:b").build()), Status::InvalidVolumeName);
}

#[test]
fn item_not_found() {
    let i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.item("/missing")), Status::ItemNotFound);
    assert_eq!(code(i.root().unwrap().remove("missing")), Status::ItemNotFound);
}

#[test]
fn dup_name() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_directory("Дубль").unwrap();
    assert_eq!(code(root.add_directory("Дубль")), Status::DupName);
}

#[test]
fn image_too_big_and_size_limit() {
    let mut i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_file("big.bin", &Stream::zero(4 << 20).unwrap()).unwrap();
    assert_eq!(code(i.set_free_media_blocks(10)), Status::ImageTooBig);
    let used = i.used_blocks().unwrap();
    i.set_free_media_blocks(used + 1).unwrap();
    assert_eq!(code(root.add_file("more.bin", &Stream::zero(1 << 20).unwrap())), Status::ImageSizeLimit);
}

#[test]
fn invalid_enum_values() {
    let mut i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.set_iso9660_level(7)), Status::InvalidParam);
    assert_eq!(code(i.set_file_systems_to_create(FileSystems::from_bits_retain(0x1000))), Status::InvalidParam);
    assert_eq!(code(i.set_file_systems_to_create(FileSystems::NONE)), Status::NoOutput);
    let mut root = i.root().unwrap();
    root.add_directory("d").unwrap();
    assert!(root.item("d").unwrap().file_system_name(FileSystems::from_bits_retain(0x100)).is_err());
    let mut reader_tree = TempTree::new("enum");
    let _ = &mut reader_tree;
}

#[test]
fn wrong_item_kind() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_file("f", &Stream::zero(1).unwrap()).unwrap();
    let mut f = root.item("f").unwrap();
    assert_eq!(code(f.add_directory("x")), Status::NotDir);
    assert_eq!(code(root.data_size()), Status::NotFile);
}

#[test]
fn interior_nul_and_missing_files() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    assert_eq!(code(root.add_directory("a\0b")), Status::InvalidArg);
    let tree = TempTree::new("errors");
    let e = Stream::from_file(tree.out("missing")).unwrap_err();
    assert_eq!(e.code(), Status::DataStreamCreateFailure);
    assert_ne!(e.os_error(), 0);
    assert_eq!(code(root.add_tree(tree.out("no-such-dir"), false)), Status::DirectoryReadFailure);
    assert_eq!(code(IsoImageManager::new().unwrap().validate()), Status::ImageManagerNoImage);
    assert!(ImageReader::open(tree.out("missing.iso")).is_err());
    let mut s = Stream::zero(10).unwrap();
    assert!(s.seek(SeekFrom::Current(-100)).is_err());
}

/// A source whose reads fail or panic: the library sees a read failure; nothing unwinds into C.
#[test]
fn failing_and_panicking_sources_are_read_failures() {
    struct Bad(bool);
    impl Read for Bad {
        #[allow(unknown_lints, clippy::io_other_error)] // io::Error::other needs Rust 1.74
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            if self.0 {
                panic!("source panicked");
            }
            Err(std::io::Error::new(std::io::ErrorKind::Other, "disk on fire"))
        }
    }
    impl Seek for Bad {
        fn seek(&mut self, p: SeekFrom) -> std::io::Result<u64> {
            Ok(match p {
                SeekFrom::End(_) => 100_000,
                _ => 0,
            })
        }
    }
    let tree = TempTree::new("badsrc");
    for panics in [false, true] {
        let i = FileSystemImage::new().unwrap();
        i.root().unwrap().add_file("bad.bin", &Stream::from_reader(Bad(panics)).unwrap()).unwrap();
        let out = tree.out("bad.iso");
        let e = i.create_result_image().unwrap().write_file(&out).unwrap_err();
        assert!(e.code().is_error() && e.raw_code() < 0);
        assert!(!out.exists());
    }
}

#[test]
fn display_names_the_code_and_io_kind_fits() {
    use std::io::ErrorKind;
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_directory("dup").unwrap();
    let e = root.add_directory("dup").unwrap_err();
    assert_eq!(e.to_string(), "IMAPI_E_DUP_NAME (0xC0AAB112): 'dup' already exists");
    assert_eq!((e.code(), e.raw_code(), e.name()), (Status::DupName, 0xC0AAB112u32 as i32, "IMAPI_E_DUP_NAME"));
    assert_eq!(format!("{e:?}"), r#"Error { code: IMAPI_E_DUP_NAME (0xC0AAB112), message: "'dup' already exists" }"#);
    assert_eq!(e.io_kind(), ErrorKind::AlreadyExists);
    let io: std::io::Error = e.clone().into();
    assert_eq!(io.kind(), ErrorKind::AlreadyExists);
    assert_eq!(io.to_string(), e.to_string());
    assert_eq!(io.get_ref().and_then(|inner| inner.downcast_ref::<imapi::Error>()), Some(&e));
    let boxed: Box<dyn std::error::Error> = e.into();
    assert!(boxed.to_string().starts_with("IMAPI_E_DUP_NAME (0xC0AAB112): "));

    // errno first: ENOENT is NotFound, whatever the IMAPI code.
    let missing = Stream::from_file("/nonexistent/file.bin").unwrap_err();
    assert_eq!((missing.code(), missing.os_error()), (Status::DataStreamCreateFailure, 2));
    assert_eq!(missing.io_kind(), ErrorKind::NotFound, "{missing}");
    assert!(format!("{missing:?}").contains("os_error: 2 ("), "{missing:?}");
    let missing = ImageReader::open("/nonexistent/image.iso").unwrap_err();
    assert_eq!(missing.io_kind(), ErrorKind::NotFound, "{missing}");
    // then the IMAPI code.
    assert_eq!(i.item("/missing").unwrap_err().io_kind(), ErrorKind::NotFound);
    assert_eq!(root.add_directory("a\0b").unwrap_err().io_kind(), ErrorKind::InvalidInput);
    assert_eq!(FileSystemImage::new().unwrap().set_volume_name("a:b").unwrap_err().io_kind(), ErrorKind::InvalidInput);
    let mut f = root.item("dup").unwrap();
    f.add_directory("x").unwrap();
    assert_eq!(root.remove("dup").unwrap_err().io_kind(), ErrorKind::DirectoryNotEmpty);
    root.add_file("file", &Stream::zero(1).unwrap()).unwrap();
    assert_eq!(root.item("file").unwrap().add_directory("y").unwrap_err().io_kind(), ErrorKind::NotADirectory);
    // `?` into io::Result, as a Read implementation or a caller's io code does.
    fn open_in_io(i: &FileSystemImage) -> std::io::Result<()> {
        i.item("/nothing")?;
        Ok(())
    }
    assert_eq!(open_in_io(&i).unwrap_err().kind(), ErrorKind::NotFound);
}

/// Messages name this crate's items, not the C functions and macros behind them.
#[test]
fn messages_name_rust_items() {
    let mut image = FileSystemImage::new().unwrap();
    let e = image.set_file_systems_to_create(FileSystems::JOLIET).unwrap_err();
    assert!(e.message().contains("add FileSystems::ISO9660"), "{e}");
    assert!(!e.message().contains("IMAPI_FS_"), "{e}");
    let e = imapi::DiscRecorder::open("no-such-drive").unwrap_err();
    assert!(e.message().contains("DiscMaster::item") && e.message().contains("DiscMaster::add_emulated_drive"), "{e}");
    assert!(!e.message().contains("imapi_"), "{e}");
    let reader_tree = TempTree::new("msg");
    let iso = reader_tree.out("m.iso");
    FileSystemImage::new().unwrap().create_result_image().unwrap().write_file(&iso).unwrap();
    let reader = ImageReader::open(&iso).unwrap();
    let e = reader.open_path(FileSystems::ISO9660 | FileSystems::JOLIET, "/x").unwrap_err();
    assert_eq!(e.code(), Status::InvalidArg);
    assert!(e.message().contains("FileSystems::ROCK_RIDGE, JOLIET, ISO9660 or UDF"), "{e}");
}
