//! `Job`: a long operation on the library's worker threads.
use std::ptr::NonNull;
use std::sync::Mutex;
use std::time::Duration;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::status::Status;
use crate::progress::Progress;

/// A running (or finished) operation on the library's worker threads, made by the
/// `start_*` calls ([`FileSystemImageResult::start_write_file`](crate::FileSystemImageResult::start_write_file),
/// [`DiscFormat2Data::start_write`](crate::DiscFormat2Data::start_write), ...). Wait for it
/// ([`Job::wait`], [`Job::wait_with_progress`]), or `.await` it (a `Future` woken by the
/// process's [`JobMonitor`](crate::JobMonitor) thread, no thread parked per job).
///
/// `cancel` and `progress` may be called from any thread while another waits (the C
/// rules allow exactly that), so a `Job` is `Send + Sync`: share it with `Arc` or scoped
/// threads. `wait` and `result` are serialized internally. Dropping a running job
/// cancels it and waits for its end.
///
/// ```
/// use std::time::Duration;
/// # let iso = std::env::temp_dir().join(format!("imapi-doc-job-{}.iso", std::process::id()));
/// let image = imapi::FileSystemImage::new()?;
/// image.root()?.add_file("zeros.bin", &imapi::Stream::zero(8 << 20)?)?;
/// let job = image.create_result_image()?.start_write_file(&iso)?; // runs on the library's threads
/// job.wait_with_progress(Duration::from_millis(20), |p| {
///     eprint!("\r{}/{} sectors", p.done, p.total);
///     true // false cancels the job
/// })?;
/// assert_eq!(std::fs::metadata(&iso).unwrap().len() % 2048, 0);
/// # std::fs::remove_file(&iso).ok();
/// # Ok::<(), imapi::Error>(())
/// ```
#[derive(Debug)]
pub struct Job {
    raw: NonNull<sys::imapi_job>,
    exclusive: Mutex<()>,
}

// SAFETY: imapi_job_cancel/progress are any-thread; the other calls take `exclusive`.
unsafe impl Send for Job {}
unsafe impl Sync for Job {}

impl Job {
    pub(crate) fn from_raw(raw: NonNull<sys::imapi_job>) -> Job {
        Job { raw, exclusive: Mutex::new(()) }
    }

    pub(crate) fn as_ptr(&self) -> *mut sys::imapi_job {
        self.raw.as_ptr()
    }

    /// A snapshot of the progress (any thread): sectors for writes and burns.
    pub fn progress(&self) -> Result<Progress> {
        let mut p = Progress::raw();
        check(unsafe { sys::imapi_job_progress(self.raw.as_ptr(), &mut p) })?;
        Ok(Progress::from_raw(&p))
    }

    /// Asks the job to stop (any thread); it ends with [`Status::RequestCancelled`](crate::Status::RequestCancelled).
    pub fn cancel(&self) -> Result<()> {
        check(unsafe { sys::imapi_job_cancel(self.raw.as_ptr()) }).map(|_| ())
    }

    /// Waits up to `timeout` (None: until it ends); true once the job has finished
    /// (whatever its outcome: read it with [`Job::result`]).
    pub fn wait(&self, timeout: Option<Duration>) -> Result<bool> {
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
        let _g = self.exclusive.lock().unwrap_or_else(|e| e.into_inner());
        Ok(check(unsafe { sys::imapi_job_wait(self.raw.as_ptr(), ms) })? == 0)
    }

    /// The finished job's outcome, with the detail of its failure;
    /// Err([`Status::JobNotFinished`](crate::Status::JobNotFinished)) while it runs.
    pub fn result(&self) -> Result<()> {
        let _g = self.exclusive.lock().unwrap_or_else(|e| e.into_inner());
        check(unsafe { sys::imapi_job_result(self.raw.as_ptr()) }).map(|_| ())
    }

    /// Waits for the end, calling `on_progress` on this thread every `interval`;
    /// returning false from it cancels the job. A panic in it cancels the job too,
    /// and comes back as Err([`Status::RequestCancelled`](crate::Status::RequestCancelled)).
    pub fn wait_with_progress(&self, interval: Duration, mut on_progress: impl FnMut(&Progress) -> bool) -> Result<()> {
        loop {
            let finished = self.wait(Some(interval))?;
            let p = self.progress()?;
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| on_progress(&p))) {
                Ok(true) => {}
                Ok(false) => self.cancel()?,
                Err(_) => {
                    self.cancel()?;
                    self.wait(None)?;
                    return Err(crate::Error::new(Status::RequestCancelled, "the progress closure panicked, so the job was cancelled"));
                }
            }
            if finished {
                return self.result();
            }
        }
    }
}

impl Drop for Job {
    /// A running job is cancelled and waited for.
    fn drop(&mut self) {
        unsafe { sys::imapi_job_free(self.raw.as_ptr()) }
    }
}
