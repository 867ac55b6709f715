//! The extraction limit: 16 times the image plus 1 GiB by default; lifted and restored.
mod common;

use common::TempTree;
use imapi::{FileSystemImage, ImageReader};

#[test]
fn extract_limit_defaults_lifts_and_restores() {
    let tree = TempTree::new("extract-limit");
    tree.write("f.bin", 1000, 1);
    let image = FileSystemImage::builder().free_media_blocks(0).build().unwrap();
    image.root().unwrap().add_tree(&tree.source, false).unwrap();
    let iso = tree.out("limit.iso");
    image.create_result_image().unwrap().write_file(&iso).unwrap();
    let expected = std::fs::metadata(&iso).unwrap().len() as i64 * 16 + (1 << 30);
    let mut reader = ImageReader::open(&iso).unwrap();
    assert_eq!(reader.extract_limit().unwrap(), expected);
    reader.set_extract_limit(-1).unwrap();
    assert_eq!(reader.extract_limit().unwrap(), -1);
    reader.set_extract_limit(0).unwrap();
    assert_eq!(reader.extract_limit().unwrap(), expected);
}
