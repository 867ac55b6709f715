//! Cancelling jobs and blocking calls; closures that cancel or panic.
mod common;

use std::io::{Read, Seek, SeekFrom};
use std::sync::Arc;
use std::time::Duration;

use common::TempTree;
use imapi::{Status, FileSystemImage, FileSystemImageResult, Stream};

/// A source that hands out zeros slowly, so a write is still running when cancelled.
struct Slow {
    len: u64,
    pos: u64,
}

impl Read for Slow {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        std::thread::sleep(Duration::from_millis(2));
        let n = (buf.len() as u64).min(65536).min(self.len - self.pos) as usize;
        buf[..n].fill(0);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Slow {
    fn seek(&mut self, p: SeekFrom) -> std::io::Result<u64> {
        self.pos = match p {
            SeekFrom::Start(o) => o,
            SeekFrom::Current(o) => (self.pos as i64 + o) as u64,
            SeekFrom::End(o) => (self.len as i64 + o) as u64,
        };
        Ok(self.pos)
    }
}

fn slow_result() -> FileSystemImageResult {
    let image = FileSystemImage::builder().free_media_blocks(0).build().unwrap();
    image.root().unwrap().add_file("slow.bin", &Stream::from_reader(Slow { len: 1 << 30, pos: 0 }).unwrap()).unwrap();
    image.create_result_image().unwrap()
}

#[test]
fn job_cancelled_from_another_thread() {
    let tree = TempTree::new("cancel");
    let out = tree.out("cancel.iso");
    let job = Arc::new(slow_result().start_write_file(&out).unwrap());
    assert!(!job.wait(Some(Duration::from_millis(20))).unwrap());
    assert_eq!(job.result().unwrap_err().code(), Status::JobNotFinished);
    let other = Arc::clone(&job);
    std::thread::spawn(move || other.cancel().unwrap()).join().unwrap();
    assert!(job.wait(None).unwrap());
    assert_eq!(job.result().unwrap_err().code(), Status::RequestCancelled);
    assert!(job.progress().unwrap().total > 0);
    assert!(!out.exists());
}

#[test]
fn job_wait_with_progress_cancels_when_closure_says_so() {
    let tree = TempTree::new("cancel2");
    let job = slow_result().start_write_file(tree.out("c2.iso")).unwrap();
    let e = job.wait_with_progress(Duration::from_millis(10), |_| false).unwrap_err();
    assert_eq!(e.code(), Status::RequestCancelled);
    let job = slow_result().start_write_file(tree.out("c3.iso")).unwrap();
    let e = job.wait_with_progress(Duration::from_millis(10), |_| panic!("closure bug")).unwrap_err();
    assert_eq!(e.code(), Status::RequestCancelled);
}

#[test]
fn blocking_write_cancelled_by_closure() {
    let tree = TempTree::new("cancel3");
    let out = tree.out("b.iso");
    let e = slow_result().write_file_with_progress(&out, |p| p.done == 0).unwrap_err();
    assert_eq!(e.code(), Status::RequestCancelled);
    assert!(!out.exists());
}

#[test]
fn panic_in_progress_closure_is_caught_at_the_boundary() {
    let tree = TempTree::new("panic");
    tree.write("a.bin", 100_000, 1);
    let image = FileSystemImage::new().unwrap();
    image.root().unwrap().add_tree(&tree.source, false).unwrap();
    let result = image.create_result_image().unwrap();
    let out = tree.out("p.iso");
    let e = result.write_file_with_progress(&out, |_| panic!("handler bug")).unwrap_err();
    assert_eq!(e.code(), Status::RequestCancelled);
    assert!(e.message().contains("handler bug"));
    assert!(!out.exists());
    // The result is still usable afterwards.
    result.write_file(&out).unwrap();
    common::check_with_independent_readers(&out, &tree.source);
}

/// The job form pulls a Rust reader from the library's worker threads; the image is checked independently.
#[test]
fn job_with_a_reader_source_completes() {
    let tree = TempTree::new("jobreader");
    tree.write("Ёлка/树.bin", 300_000, 9);
    let data = common::bytes(150_000, 10);
    std::fs::create_dir_all(tree.source.join("managed")).unwrap();
    std::fs::write(tree.source.join("managed/数据 📦.bin"), &data).unwrap();
    let image = FileSystemImage::new().unwrap();
    let mut root = image.root().unwrap();
    root.add_tree(tree.source.join("Ёлка"), true).unwrap();
    root.add_directory("managed").unwrap();
    root.add_file("managed/数据 📦.bin", &Stream::from_reader(std::io::Cursor::new(data)).unwrap()).unwrap();
    let out = tree.out("job.iso");
    let job = image.create_result_image().unwrap().start_write_file(&out).unwrap();
    let mut reports = 0;
    job.wait_with_progress(Duration::from_millis(5), |_| {
        reports += 1;
        true
    })
    .unwrap();
    assert!(reports > 0);
    common::check_with_independent_readers(&out, &tree.source);
}

#[test]
fn thread_rules_are_in_the_types() {
    fn send<T: Send>() {}
    fn sync<T: Sync>() {}
    send::<FileSystemImage>();
    send::<imapi::FsiItem>();
    send::<Stream>();
    send::<FileSystemImageResult>();
    send::<imapi::ImageReader>();
    send::<imapi::IsoImageManager>();
    send::<imapi::Job>();
    sync::<imapi::Job>();
}
