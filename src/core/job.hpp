// Long operations run as jobs on the library's worker pool; callers observe them
// through snapshots and waits, so no callback ever crosses threads.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace imapi {

// What a running operation reports; copied out under the job's lock.
struct ProgressSnapshot {
  int32_t operation = IMAPI_OPERATION_NONE;
  std::string current_item;
  int64_t done = 0;
  int64_t total = 0;
  int64_t elapsed_ms = 0;
};

// The sink an operation reports to, and asks whether to stop. Blocking calls use
// one that invokes the caller's callback; jobs use one that updates the job.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  // Throws Error(IMAPI_E_REQUEST_CANCELLED) when the operation must stop.
  virtual void report(const ProgressSnapshot& snapshot) = 0;
};

// Calls an imapi_progress_fn on the calling thread.
class CallbackProgress final : public ProgressSink {
 public:
  CallbackProgress(imapi_progress_fn fn, void* user) : fn_(fn), user_(user) {}
  void report(const ProgressSnapshot& snapshot) override;

 private:
  imapi_progress_fn fn_;
  void* user_;
};

// Told when a job reports progress or finishes, on the job's worker thread (so it
// must only record the fact and return). Held weakly: an observer that is gone is skipped.
class JobObserver {
 public:
  virtual ~JobObserver() = default;
  virtual void job_changed(uint64_t watch_id, bool finished) = 0;
};

class Job : public ProgressSink, public std::enable_shared_from_this<Job> {
 public:
  using Work = std::function<void(ProgressSink&)>;

  // Queues `work` on the worker pool.
  static std::shared_ptr<Job> start(Work work);

  void report(const ProgressSnapshot& snapshot) override;
  ProgressSnapshot progress() const;
  // True when finished within the timeout (negative = forever).
  bool wait(std::chrono::milliseconds timeout) const;
  void cancel() noexcept { cancelled_.store(true, std::memory_order_relaxed); }
  bool finished() const;
  // The error the job ended with, if any (call after finished()).
  std::optional<Error> error() const;
  // Calls observer->job_changed(watch_id, ...) on every later report and once on
  // finishing (at once, on this thread, if the job has finished already).
  void add_observer(std::weak_ptr<JobObserver> observer, uint64_t watch_id);

 private:
  Job() = default;
  void run(const Work& work);

  mutable std::mutex mutex_;
  mutable std::condition_variable done_cv_;
  bool finished_ = false;
  std::optional<Error> error_;
  ProgressSnapshot progress_;
  std::atomic<bool> cancelled_{false};
  std::vector<std::pair<std::weak_ptr<JobObserver>, uint64_t>> observers_;

  void tell_observers(bool finished);
};

}  // namespace imapi
