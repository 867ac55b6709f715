//! Entries open the file they name whatever was listed since; each file system's label.
mod common;

use std::io::Read;

use common::TempTree;
use imapi::{Status, EntryType, FileSystemImage, FileSystems, ImageReader};

// Joliet sorts UCS-2 (the emoji's surrogates first), UDF by code point.
fn make_bridge(tree: &TempTree) -> std::path::PathBuf {
    tree.write("😀.txt", 16, 1);
    tree.write("ﬀ.bin", 1_200_000, 2);
    tree.write("A/inner.txt", 100, 3);
    let image = FileSystemImage::builder()
        .file_systems(FileSystems::ISO9660 | FileSystems::JOLIET | FileSystems::UDF)
        .volume_name("Ünïcödé Tree")
        .udf_revision(imapi::UdfRevision::V2_01)
        .free_media_blocks(0)
        .build()
        .unwrap();
    image.root().unwrap().add_tree(&tree.source, false).unwrap();
    let out = tree.out("bridge.iso");
    image.create_result_image().unwrap().write_file(&out).unwrap();
    out
}

#[test]
fn entry_from_an_earlier_listing_opens_its_own_file() {
    let tree = TempTree::new("identity");
    let reader = ImageReader::open(make_bridge(&tree)).unwrap();
    let first = reader.list(FileSystems::UDF).unwrap().map(Result::unwrap).find(|e| e.entry_type == EntryType::File).unwrap();
    let joliet: Vec<_> = reader.list(FileSystems::JOLIET).unwrap().collect::<imapi::Result<_>>().unwrap();
    assert_ne!(first.path, joliet[first.index as usize].path, "the listings must differ for this test");
    let mut data = Vec::new();
    reader.open_file(&first).unwrap().read_to_end(&mut data).unwrap();
    assert_eq!(data, std::fs::read(tree.source.join(&first.path[1..])).unwrap());
    assert_eq!(first.file_system, FileSystems::UDF);
    let e = reader.open_path(FileSystems::JOLIET, "/missing.txt").unwrap_err();
    assert_eq!(e.code(), Status::ItemNotFound);
    assert!(e.message().contains("Joliet"), "{}", e.message());
}

/// An iterator over an earlier listing stops with a clear error instead of reading the new one.
#[test]
fn a_listing_replaced_while_iterated_ends_with_an_error() {
    let tree = TempTree::new("relist");
    let reader = ImageReader::open(make_bridge(&tree)).unwrap();
    let mut udf = reader.list(FileSystems::UDF).unwrap();
    let total = udf.len();
    assert!(total >= 4, "{total} entries");
    let root = udf.next().unwrap().unwrap();
    assert_eq!((root.file_system, root.index), (FileSystems::UDF, 0));
    assert_eq!(udf.len(), total - 1);
    let joliet = reader.list(FileSystems::JOLIET).unwrap();
    let e = udf.next().unwrap().unwrap_err();
    assert_eq!(e.code(), Status::InvalidHandle);
    assert!(e.message().contains("ImageReader::list"), "{e}");
    assert!(udf.next().is_none());
    // The new listing is whole, and opening by entry works while iterating it.
    let mut files = 0;
    for entry in joliet {
        let entry = entry.unwrap();
        assert_eq!(entry.file_system, FileSystems::JOLIET);
        if entry.entry_type == EntryType::File {
            let mut data = Vec::new();
            reader.open_file(&entry).unwrap().read_to_end(&mut data).unwrap();
            assert_eq!(data.len() as i64, entry.size);
            files += 1;
        }
    }
    assert_eq!(files, 3);
}

#[test]
fn each_file_systems_volume_label() {
    let tree = TempTree::new("labels");
    let reader = ImageReader::open(make_bridge(&tree)).unwrap();
    assert_eq!(reader.volume_name_of(FileSystems::JOLIET).unwrap(), "Ünïcödé Tree");
    assert_eq!(reader.volume_name_of(FileSystems::UDF).unwrap(), "Ünïcödé Tree");
    assert_eq!(reader.volume_name_of(FileSystems::ISO9660).unwrap(), reader.volume_name().unwrap());
    assert_ne!(reader.volume_name().unwrap(), "Ünïcödé Tree");
    assert_eq!(FileSystemImage::builder().udf_revision(imapi::UdfRevision::Other(0x999)).build().unwrap_err().code(), Status::InvalidParam);
    assert_eq!(reader.volume_name_of(FileSystems::ROCK_RIDGE).unwrap_err().code(), Status::FileSystemNotFound);
}
