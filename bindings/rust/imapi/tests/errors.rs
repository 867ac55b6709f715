//! IMAPI's error numbers come out as imapi::Error with the right code; bad input is an Err, never a crash.
mod common;

use common::TempTree;
use imapi::{status, FileSystemImage, FileSystems, ImageReader, IsoImageManager, Stream};
use std::io::{Read, Seek, SeekFrom};

fn code<T: std::fmt::Debug>(r: imapi::Result<T>) -> i32 {
    let e = r.expect_err("expected an error");
    assert!(!e.message().is_empty());
    assert!(e.to_string().contains(e.name()));
    e.code()
}

#[test]
fn invalid_volume_name() {
    let mut i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.set_volume_name("no/slash?")), status::INVALID_VOLUME_NAME);
    assert_eq!(code(FileSystemImage::builder().volume_name("a:b").build()), status::INVALID_VOLUME_NAME);
}

#[test]
fn item_not_found() {
    let i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.item("/missing")), status::ITEM_NOT_FOUND);
    assert_eq!(code(i.root().unwrap().remove("missing")), status::ITEM_NOT_FOUND);
}

#[test]
fn dup_name() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_directory("Дубль").unwrap();
    assert_eq!(code(root.add_directory("Дубль")), status::DUP_NAME);
}

#[test]
fn image_too_big_and_size_limit() {
    let mut i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_file("big.bin", &Stream::zero(4 << 20).unwrap()).unwrap();
    assert_eq!(code(i.set_free_media_blocks(10)), status::IMAGE_TOO_BIG);
    let used = i.used_blocks().unwrap();
    i.set_free_media_blocks(used + 1).unwrap();
    assert_eq!(code(root.add_file("more.bin", &Stream::zero(1 << 20).unwrap())), status::IMAGE_SIZE_LIMIT);
}

#[test]
fn invalid_enum_values() {
    let mut i = FileSystemImage::new().unwrap();
    assert_eq!(code(i.set_iso9660_level(7)), status::INVALID_PARAM);
    assert_eq!(code(i.set_file_systems_to_create(FileSystems(0x1000))), status::INVALID_PARAM);
    assert_eq!(code(i.set_file_systems_to_create(FileSystems::NONE)), status::NO_OUTPUT);
    let mut root = i.root().unwrap();
    root.add_directory("d").unwrap();
    assert!(root.item("d").unwrap().file_system_name(FileSystems(0x100)).is_err());
    let mut reader_tree = TempTree::new("enum");
    let _ = &mut reader_tree;
}

#[test]
fn wrong_item_kind() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_file("f", &Stream::zero(1).unwrap()).unwrap();
    let mut f = root.item("f").unwrap();
    assert_eq!(code(f.add_directory("x")), status::NOT_DIR);
    assert_eq!(code(root.data_size()), status::NOT_FILE);
}

#[test]
fn interior_nul_and_missing_files() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    assert_eq!(code(root.add_directory("a\0b")), status::INVALIDARG);
    let tree = TempTree::new("errors");
    let e = Stream::from_file(tree.out("missing")).unwrap_err();
    assert_eq!(e.code(), status::DATA_STREAM_CREATE_FAILURE);
    assert_ne!(e.os_error(), 0);
    assert_eq!(code(root.add_tree(tree.out("no-such-dir"), false)), status::DIRECTORY_READ_FAILURE);
    assert_eq!(code(IsoImageManager::new().unwrap().validate()), status::IMAGEMANAGER_NO_IMAGE);
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
        assert!(e.code() < 0);
        assert!(!out.exists());
    }
}

#[test]
fn display_names_the_code_and_io_kind_fits() {
    let i = FileSystemImage::new().unwrap();
    let mut root = i.root().unwrap();
    root.add_directory("dup").unwrap();
    let e = root.add_directory("dup").unwrap_err();
    let shown = e.to_string();
    assert!(shown.starts_with("IMAPI_E_DUP_NAME (0xC0AAB112): "), "{shown}");
    assert!(shown.contains("'dup'"), "{shown}");
    assert_eq!(e.kind(), std::io::ErrorKind::AlreadyExists);
    let io: std::io::Error = e.into();
    assert_eq!(io.kind(), std::io::ErrorKind::AlreadyExists);
    assert!(io.to_string().starts_with("IMAPI_E_DUP_NAME"));
    let missing = ImageReader::open("/nonexistent/image.iso").unwrap_err();
    assert_eq!(missing.kind(), std::io::ErrorKind::NotFound, "{missing}");
    assert_eq!(i.item("/missing").unwrap_err().kind(), std::io::ErrorKind::NotFound);
}
