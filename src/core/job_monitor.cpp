#include "core/job_monitor.hpp"

namespace imapi {

void JobMonitor::watch(Job& job, int64_t cookie) {
  uint64_t id;
  {
    std::lock_guard lock(mutex_);
    id = next_id_++;
    watches_[id] = Pending{cookie};
  }
  // Outside the lock: the job may report (and call job_changed) at once.
  job.add_observer(weak_from_this(), id);
}

void JobMonitor::job_changed(uint64_t watch_id, bool finished) {
  std::lock_guard lock(mutex_);
  auto it = watches_.find(watch_id);
  if (it == watches_.end()) return;
  Pending& p = it->second;
  if (finished) p.finished = true;
  else p.progressed = true;
  if (!p.queued) {
    p.queued = true;
    ready_.push_back(watch_id);
    ready_cv_.notify_one();
  }
}

std::optional<JobMonitor::Event> JobMonitor::wait(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  auto ready = [this] { return woken_ || !ready_.empty(); };
  if (timeout.count() < 0) ready_cv_.wait(lock, ready);
  else if (!ready_cv_.wait_for(lock, timeout, ready)) return std::nullopt;
  if (ready_.empty()) {  // woken
    woken_ = false;
    return std::nullopt;
  }
  uint64_t id = ready_.front();
  ready_.pop_front();
  auto it = watches_.find(id);
  Event e{it->second.cookie, it->second.progressed, it->second.finished};
  if (e.finished) watches_.erase(it);
  else it->second = Pending{e.cookie};
  return e;
}

void JobMonitor::wake() {
  std::lock_guard lock(mutex_);
  woken_ = true;
  ready_cv_.notify_one();
}

}  // namespace imapi
