//! Deep directories stay in place by default; relocation moves them into RR_MOVED.
mod common;

use common::TempTree;
use imapi::{FileSystemImage, FileSystems, ImageReader};

fn iso_paths(iso: &std::path::Path) -> Vec<String> {
    let reader = ImageReader::open(iso).unwrap();
    reader.list(FileSystems::ISO9660).unwrap().map(|e| e.unwrap().path).collect()
}

fn master(tree: &TempTree, name: &str, relocate: bool) -> std::path::PathBuf {
    let mut image = FileSystemImage::builder().free_media_blocks(0).build().unwrap();
    image.set_rr_relocation(relocate).unwrap();
    assert_eq!(image.rr_relocation().unwrap(), relocate);
    image.root().unwrap().add_tree(&tree.source, false).unwrap();
    let iso = tree.out(name);
    image.create_result_image().unwrap().write_file(&iso).unwrap();
    iso
}

#[test]
fn deep_directories_are_relocated_only_when_asked() {
    let tree = TempTree::new("relocation");
    tree.write("d1/d2/d3/d4/d5/d6/d7/d8/d9/d10/bottom.txt", 100, 1);
    assert!(!FileSystemImage::new().unwrap().rr_relocation().unwrap());
    assert!(!iso_paths(&master(&tree, "in-place.iso", false)).contains(&"/RR_MOVED".to_string()));
    assert!(iso_paths(&master(&tree, "relocated.iso", true)).contains(&"/RR_MOVED".to_string()));
}
