//! AddTree's symlink policy: follow adds the target's bytes, skip leaves the link out.
mod common;

use common::TempTree;
use imapi::{FileSystemImage, ItemType, Status, SymlinkPolicy};
use std::io::Read;

fn add_tree_with(tree: &TempTree, policy: SymlinkPolicy) -> FileSystemImage {
    let image = FileSystemImage::builder().free_media_blocks(0).symlinks(policy).build().unwrap();
    assert_eq!(image.symlink_policy().unwrap(), policy);
    image.root().unwrap().add_tree(&tree.source, false).unwrap();
    image
}

#[test]
fn follow_adds_the_target_and_skip_leaves_the_link_out() {
    let tree = TempTree::new("symlinks");
    let target = tree.write("data.bin", 3000, 7);
    std::os::unix::fs::symlink("data.bin", tree.source.join("link.bin")).unwrap();
    assert_eq!(FileSystemImage::new().unwrap().symlink_policy().unwrap(), SymlinkPolicy::Record);

    let image = add_tree_with(&tree, SymlinkPolicy::Follow);
    assert_eq!(image.exists("/link.bin").unwrap(), ItemType::File);
    let mut bytes = Vec::new();
    image.item("/link.bin").unwrap().data().unwrap().read_to_end(&mut bytes).unwrap();
    assert_eq!(bytes, std::fs::read(&target).unwrap());

    let image = add_tree_with(&tree, SymlinkPolicy::Skip);
    assert_eq!(image.exists("/link.bin").unwrap(), ItemType::NotFound);
    assert_eq!(image.exists("/data.bin").unwrap(), ItemType::File);

    let image = add_tree_with(&tree, SymlinkPolicy::Record);
    assert_eq!(image.exists("/link.bin").unwrap(), ItemType::Symlink);
}

#[test]
fn an_unknown_policy_is_invalid_arg_in_rust_terms() {
    let mut image = FileSystemImage::new().unwrap();
    let e = image.set_symlink_policy(SymlinkPolicy::Other(9)).unwrap_err();
    assert_eq!(e.code(), Status::InvalidArg);
    assert!(e.to_string().contains("SymlinkPolicy::Follow"), "{e}");
    assert_eq!(image.symlink_policy().unwrap(), SymlinkPolicy::Record);
}
