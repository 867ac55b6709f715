// Wakes one waiting thread when any of many jobs progresses or finishes, so a
// binding can complete every job's Task/future/Waker from one thread instead of
// parking a thread per job. Events are coalesced per job: a slow waiter sees
// "progressed" once, however many reports it missed, and "finished" exactly once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

#include "core/job.hpp"

namespace imapi {

class JobMonitor final : public JobObserver, public std::enable_shared_from_this<JobMonitor> {
 public:
  struct Event {
    int64_t cookie = 0;
    bool progressed = false;
    bool finished = false;
  };

  // Reports `job` under `cookie` until its finished event has been returned by
  // wait(). Any thread, also while another thread waits. A job already finished
  // yields its finished event at once.
  void watch(Job& job, int64_t cookie);
  // The next event, or nullopt when the timeout (negative = forever) ran out or
  // wake() was called. One thread at a time.
  std::optional<Event> wait(std::chrono::milliseconds timeout);
  // Makes the current (or next) wait() return nullopt. Any thread.
  void wake();

  void job_changed(uint64_t watch_id, bool finished) override;

 private:
  struct Pending {
    int64_t cookie = 0;
    bool queued = false;
    bool progressed = false;
    bool finished = false;
  };
  std::mutex mutex_;
  std::condition_variable ready_cv_;
  std::unordered_map<uint64_t, Pending> watches_;
  std::deque<uint64_t> ready_;
  uint64_t next_id_ = 1;
  bool woken_ = false;
};

}  // namespace imapi
