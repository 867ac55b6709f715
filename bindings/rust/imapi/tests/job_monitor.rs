//! Job futures complete from one monitor thread: no thread per job, progress as reported.
mod common;

use std::future::Future;
use std::io::{Read, Seek, SeekFrom};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use common::TempTree;
use imapi::{FileSystemImage, FileSystemImageResult, JobMonitor, Progress, Stream};

/// Zeros whose reads wait for a gate, then take `delay`.
struct Gated {
    len: u64,
    pos: u64,
    gate: Arc<AtomicBool>,
    delay: Duration,
}

impl Read for Gated {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while !self.gate.load(Ordering::SeqCst) {
            std::thread::sleep(Duration::from_millis(5));
        }
        std::thread::sleep(self.delay);
        let n = (buf.len() as u64).min(self.len - self.pos) as usize;
        buf[..n].fill(0);
        self.pos += n as u64;
        Ok(n)
    }
}

impl Seek for Gated {
    fn seek(&mut self, p: SeekFrom) -> std::io::Result<u64> {
        self.pos = match p {
            SeekFrom::Start(o) => o,
            SeekFrom::Current(o) => (self.pos as i64 + o) as u64,
            SeekFrom::End(o) => (self.len as i64 + o) as u64,
        };
        Ok(self.pos)
    }
}

fn gated_result(files: usize, gate: &Arc<AtomicBool>, delay: Duration) -> FileSystemImageResult {
    let image = FileSystemImage::builder().free_media_blocks(0).build().unwrap();
    let mut root = image.root().unwrap();
    for i in 0..files {
        let source = Gated { len: 300_000, pos: 0, gate: gate.clone(), delay };
        root.add_file(&format!("f{i:02}.bin"), &Stream::from_reader(source).unwrap()).unwrap();
    }
    image.create_result_image().unwrap()
}

fn threads() -> usize {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with("Threads:")).unwrap();
    line[8..].trim().parse().unwrap()
}

/// A minimal executor: polls every future each time one of them wakes the thread.
struct Unpark(std::thread::Thread);
impl Wake for Unpark {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }
}

fn block_on_all<F: Future + Unpin>(mut futures: Vec<F>) -> Vec<F::Output> {
    let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
    let mut cx = Context::from_waker(&waker);
    let mut out: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    while out.iter().any(Option::is_none) {
        for (f, o) in futures.iter_mut().zip(out.iter_mut()) {
            if o.is_none() {
                if let Poll::Ready(v) = Pin::new(f).poll(&mut cx) {
                    *o = Some(v);
                }
            }
        }
        if out.iter().any(Option::is_none) {
            std::thread::park_timeout(Duration::from_secs(5));
        }
    }
    out.into_iter().map(Option::unwrap).collect()
}

#[test]
fn hundred_concurrent_jobs_do_not_hold_hundred_threads() {
    const JOBS: usize = 100;
    let tree = TempTree::new("monitor");
    let gate = Arc::new(AtomicBool::new(false));
    let results: Vec<_> = (0..JOBS).map(|_| gated_result(1, &gate, Duration::ZERO)).collect();
    let before = threads();
    let futures: Vec<_> = results
        .iter()
        .enumerate()
        .map(|(i, r)| r.start_write_file(tree.out(&format!("j{i}.iso"))).unwrap().with_progress(|_| {}))
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let grown = threads().saturating_sub(before);
    assert!(grown < 20, "{grown} more threads while {JOBS} jobs run");
    gate.store(true, Ordering::SeqCst);
    for r in block_on_all(futures) {
        r.unwrap();
    }
    for (i, r) in results.iter().enumerate() {
        let len = std::fs::metadata(tree.out(&format!("j{i}.iso"))).unwrap().len();
        assert_eq!(len, r.total_blocks().unwrap() as u64 * 2048);
    }
}

#[test]
fn progress_arrives_during_a_write_of_a_few_seconds() {
    let tree = TempTree::new("monitor-progress");
    let gate = Arc::new(AtomicBool::new(true));
    let result = gated_result(12, &gate, Duration::from_millis(40));
    let reports: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let sink = reports.clone();
    let job = result.start_write_file(tree.out("slow.iso")).unwrap();
    let future = job.with_progress(move |p| sink.lock().unwrap().push(p.clone()));
    block_on_all(vec![future]).pop().unwrap().unwrap();
    let reports = reports.lock().unwrap();
    let mut during: Vec<i64> = reports.iter().filter(|p| p.done > 0 && p.done < p.total).map(|p| p.done).collect();
    during.dedup();
    assert!(during.len() > 1, "{} distinct reports during the write", during.len());
    assert_eq!(reports.last().unwrap().done, result.total_blocks().unwrap());
}

#[test]
fn a_dropped_future_cancels_its_job_and_a_monitor_of_your_own_wakes() {
    let tree = TempTree::new("monitor-own");
    let gate = Arc::new(AtomicBool::new(true));
    let result = gated_result(1, &gate, Duration::ZERO);
    let monitor = JobMonitor::new().unwrap();
    let job = result.start_write_file(tree.out("own.iso")).unwrap();
    monitor.add(&job, 42).unwrap();
    loop {
        let e = monitor.wait(Some(Duration::from_secs(30))).unwrap().expect("an event");
        assert_eq!(e.cookie, 42);
        if e.finished {
            break;
        }
    }
    job.result().unwrap();
    assert_eq!(monitor.wait(Some(Duration::ZERO)).unwrap(), None);
    monitor.wake().unwrap();
    assert_eq!(monitor.wait(None).unwrap(), None);

    let slow = gated_result(50, &gate, Duration::from_millis(40));
    let future = std::future::IntoFuture::into_future(slow.start_write_file(tree.out("dropped.iso")).unwrap());
    drop(future);
    // The dropped future cancelled the job: no image is left behind.
    std::thread::sleep(Duration::from_millis(500));
    assert!(!tree.out("dropped.iso").exists());
}
