//! Test helpers: temporary Unicode trees and the independent image checker.
#![allow(dead_code)]
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicU32, Ordering};

/// A temporary folder, removed on drop.
pub struct TempTree {
    pub root: PathBuf,
    pub source: PathBuf,
}

impl TempTree {
    pub fn new(tag: &str) -> TempTree {
        static N: AtomicU32 = AtomicU32::new(0);
        let root = std::env::temp_dir().join(format!(
            "imapi-rs-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let source = root.join("src");
        std::fs::create_dir_all(&source).unwrap();
        TempTree { root, source }
    }

    /// Writes `size` pseudo-random bytes (a xorshift of `seed`) at `relative`.
    pub fn write(&self, relative: &str, size: usize, seed: u64) -> PathBuf {
        let path = self.source.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes(size, seed)).unwrap();
        path
    }

    pub fn out(&self, name: &str) -> PathBuf {
        self.root.join(name)
    }
}

impl Drop for TempTree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

pub fn bytes(size: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..size)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

/// Checks an image against its source folder with independent readers
/// (xorriso, pycdlib, 7z: names, sizes, SHA-256 per namespace).
pub fn check_with_independent_readers(image: &Path, source: &Path) {
    let checker = std::env::var("IMAPI_CHECK_IMAGE").expect("IMAPI_CHECK_IMAGE is not set (CTest sets it)");
    let out = Command::new("/usr/bin/python3")
        .arg(checker)
        .args(["--image".as_ref(), image.as_os_str(), "--source".as_ref(), source.as_os_str()])
        .args(["--expect", "iso9660,joliet,rockridge", "--readers", "xorriso,pycdlib,7z"])
        .output()
        .expect("run the image checker");
    assert!(
        out.status.success(),
        "independent readers disagree with the source:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
