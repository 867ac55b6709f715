//! `JobMonitor`: one thread woken by many jobs, and the futures built on it.
use std::collections::BTreeMap;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use imapi_sys as sys;

use crate::error::{check, Result};
use crate::ffi::out_handle;
use crate::job::Job;
use crate::progress::Progress;

/// What happened to a watched job (the `IMAPI_JOB_EVENT_*` bits of one wait).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JobEvent {
    /// The cookie the job was added with.
    pub cookie: i64,
    /// The job reported progress since its last event (read [`Job::progress`]).
    pub progressed: bool,
    /// The job has finished (read [`Job::result`]); it is no longer watched.
    pub finished: bool,
}

/// One thread woken by many jobs (`imapi_job_monitor`): [`JobMonitor::wait`]
/// returns when any watched job progresses or finishes, so one thread serves
/// every job. Events are coalesced per job. The futures of [`Job`] (`job.await`)
/// use one such monitor for the whole process; use your own for a loop of your own.
///
/// `add` and `wake` work from any thread while another waits, so a monitor is
/// `Send + Sync`; `wait` is serialized internally.
#[derive(Debug)]
pub struct JobMonitor {
    raw: NonNull<sys::imapi_job_monitor>,
    waiting: Mutex<()>,
}

// SAFETY: imapi_job_monitor_add/_wake are any-thread; wait takes `waiting`.
unsafe impl Send for JobMonitor {}
unsafe impl Sync for JobMonitor {}

impl JobMonitor {
    /// A new monitor watching no job.
    pub fn new() -> Result<JobMonitor> {
        out_handle(|o| unsafe { sys::imapi_job_monitor_create(o) }).map(|raw| JobMonitor { raw, waiting: Mutex::new(()) })
    }

    /// Watches `job`, reporting its events under `cookie` until it has finished.
    pub fn add(&self, job: &Job, cookie: i64) -> Result<()> {
        check(unsafe { sys::imapi_job_monitor_add(self.raw.as_ptr(), job.as_ptr(), cookie) }).map(|_| ())
    }

    /// Waits up to `timeout` (None: forever) for an event of a watched job;
    /// `Ok(None)` when the time ran out or [`JobMonitor::wake`] was called.
    pub fn wait(&self, timeout: Option<Duration>) -> Result<Option<JobEvent>> {
        let ms = timeout.map_or(-1, |t| t.as_millis().min(i32::MAX as u128) as i32);
        let _g = self.waiting.lock().unwrap_or_else(|e| e.into_inner());
        let (mut cookie, mut events) = (0i64, 0i32);
        let st = check(unsafe { sys::imapi_job_monitor_wait(self.raw.as_ptr(), ms, &mut cookie, &mut events) })?;
        if st != 0 {
            return Ok(None);
        }
        Ok(Some(JobEvent {
            cookie,
            progressed: events & sys::IMAPI_JOB_EVENT_PROGRESS != 0,
            finished: events & sys::IMAPI_JOB_EVENT_FINISHED != 0,
        }))
    }

    /// Makes the current (or next) [`JobMonitor::wait`] return `Ok(None)` at once (any thread).
    pub fn wake(&self) -> Result<()> {
        check(unsafe { sys::imapi_job_monitor_wake(self.raw.as_ptr()) }).map(|_| ())
    }
}

impl Drop for JobMonitor {
    fn drop(&mut self) {
        unsafe { sys::imapi_job_monitor_free(self.raw.as_ptr()) }
    }
}

type OnProgress = Box<dyn FnMut(&Progress) + Send>;

#[derive(Default)]
struct Completion {
    done: bool,
    waker: Option<Waker>,
}

struct Watched {
    job: Arc<Job>,
    on_progress: Option<OnProgress>,
    completion: Arc<Mutex<Completion>>,
}

/// The process's monitor thread: it exists while futures are pending (the first
/// starts it, it ends with the last, freeing its monitor).
struct Dispatcher {
    monitor: Option<Arc<JobMonitor>>,
    watches: BTreeMap<i64, Watched>,
    next: i64,
}

static DISPATCHER: Mutex<Dispatcher> = Mutex::new(Dispatcher { monitor: None, watches: BTreeMap::new(), next: 0 });

fn dispatcher() -> std::sync::MutexGuard<'static, Dispatcher> {
    DISPATCHER.lock().unwrap_or_else(|e| e.into_inner())
}

fn watch(job: Arc<Job>, on_progress: Option<OnProgress>) -> Result<Arc<Mutex<Completion>>> {
    let completion = Arc::new(Mutex::new(Completion::default()));
    let mut d = dispatcher();
    let monitor = match &d.monitor {
        Some(m) => m.clone(),
        None => {
            let m = Arc::new(JobMonitor::new()?);
            let run = m.clone();
            std::thread::Builder::new()
                .name("imapi-job-monitor".into())
                .spawn(move || dispatch(run))
                .map_err(|e| crate::Error::new(sys::IMAPI_E_FAIL, format!("cannot start the job monitor thread: {e}")))?;
            d.monitor = Some(m.clone());
            m
        }
    };
    d.next += 1;
    let cookie = d.next;
    monitor.add(&job, cookie)?;
    d.watches.insert(cookie, Watched { job, on_progress, completion: completion.clone() });
    Ok(completion)
}

fn dispatch(monitor: Arc<JobMonitor>) {
    loop {
        let event = match monitor.wait(None) {
            Ok(Some(e)) => e,
            Ok(None) | Err(_) => continue,
        };
        // The closure runs without the dispatcher's lock, so it may start jobs itself.
        let taken = {
            let mut d = dispatcher();
            match d.watches.get_mut(&event.cookie) {
                Some(w) => (w.job.clone(), w.on_progress.take()),
                None => continue,
            }
        };
        let (job, mut on_progress) = taken;
        if let Some(f) = on_progress.as_mut() {
            if let Ok(p) = job.progress() {
                if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&p))).is_err() {
                    let _ = job.cancel();
                    on_progress = None; // a panicking closure is not called again
                }
            }
        }
        let mut d = dispatcher();
        if !event.finished {
            if let Some(w) = d.watches.get_mut(&event.cookie) {
                w.on_progress = on_progress;
            }
            continue;
        }
        if let Some(w) = d.watches.remove(&event.cookie) {
            let mut c = w.completion.lock().unwrap_or_else(|e| e.into_inner());
            c.done = true;
            if let Some(waker) = c.waker.take() {
                waker.wake();
            }
        }
        if d.watches.is_empty() {
            d.monitor = None;
            return; // the last Arc of the monitor goes with this thread
        }
    }
}

/// A [`Job`] as a `Future`: it completes with the job's result, woken by the
/// process's monitor thread, so no thread is parked per job. Dropping it before
/// the end cancels the job. Made by `job.await`, [`Job::into_future`] or
/// [`Job::with_progress`].
pub struct JobFuture {
    job: Arc<Job>,
    completion: std::result::Result<Arc<Mutex<Completion>>, Option<crate::Error>>,
}

impl JobFuture {
    pub(crate) fn new(job: Job, on_progress: Option<OnProgress>) -> JobFuture {
        let job = Arc::new(job);
        let completion = watch(job.clone(), on_progress).map_err(Some);
        JobFuture { job, completion }
    }

    /// The job (for `progress` and `cancel` while it runs).
    pub fn job(&self) -> &Job {
        &self.job
    }
}

impl Future for JobFuture {
    type Output = Result<()>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<()>> {
        let completion = match &mut self.completion {
            Ok(c) => c.clone(),
            Err(e) => return Poll::Ready(Err(e.take().unwrap_or_else(|| crate::Error::new(sys::IMAPI_E_FAIL, "polled after completion")))),
        };
        let mut c = completion.lock().unwrap_or_else(|e| e.into_inner());
        if c.done {
            drop(c);
            return Poll::Ready(self.job.result());
        }
        c.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for JobFuture {
    fn drop(&mut self) {
        if let Ok(c) = &self.completion {
            if !c.lock().unwrap_or_else(|e| e.into_inner()).done {
                let _ = self.job.cancel();
            }
        }
    }
}

impl IntoFuture for Job {
    type Output = Result<()>;
    type IntoFuture = JobFuture;

    /// `job.await`: see [`JobFuture`].
    fn into_future(self) -> JobFuture {
        JobFuture::new(self, None)
    }
}

impl Job {
    /// Like `job.await`, calling `on_progress` on the monitor thread with each report the
    /// job makes (keep it short). A panic in it cancels the job; the future then
    /// ends with Err([`Status::RequestCancelled`](crate::Status::RequestCancelled)).
    pub fn with_progress(self, on_progress: impl FnMut(&Progress) + Send + 'static) -> JobFuture {
        JobFuture::new(self, Some(Box::new(on_progress)))
    }
}
