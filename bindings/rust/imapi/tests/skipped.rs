//! What add_tree leaves out: a FIFO and a link under SymlinkPolicy::Skip, recorded by the image.
mod common;

use common::TempTree;
use imapi::{FileSystemImage, ItemType, SkipReason, SkippedEntry, Status, SymlinkPolicy};

#[test]
fn add_tree_records_the_fifo_and_the_skipped_link() {
    let tree = TempTree::new("skipped");
    tree.write("data.bin", 100, 1);
    let pipe = tree.source.join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&pipe).status().unwrap().success());
    std::os::unix::fs::symlink("data.bin", tree.source.join("link")).unwrap();
    let image = FileSystemImage::builder().free_media_blocks(0).symlinks(SymlinkPolicy::Skip).build().unwrap();
    assert_eq!(image.skipped_entries().unwrap(), vec![]);
    image.root().unwrap().add_tree(&tree.source, false).unwrap();

    assert_eq!(
        image.skipped_entries().unwrap(),
        vec![
            SkippedEntry { host_path: tree.source.join("link"), reason: SkipReason::Symlink },
            SkippedEntry { host_path: pipe, reason: SkipReason::Fifo },
        ]
    );
    assert_eq!(image.skipped_count(None).unwrap(), 2);
    assert_eq!(image.skipped_count(Some(SkipReason::Fifo)).unwrap(), 1);
    assert_eq!(image.skipped_count(Some(SkipReason::Socket)).unwrap(), 0);
    assert_eq!(image.skipped_count(Some(SkipReason::Other(9))).unwrap_err().code(), Status::InvalidArg);
    assert_eq!(image.exists("/pipe").unwrap(), ItemType::NotFound);
    assert_eq!(image.exists("/data.bin").unwrap(), ItemType::File);
}
