#include "core/job.hpp"

#include <boost/asio/post.hpp>

#include "core/worker_pool.hpp"

namespace imapi {

namespace {

Error cancelled_error() {
  return Error(IMAPI_E_REQUEST_CANCELLED, "the operation was cancelled by the caller");
}
}  // namespace

void CallbackProgress::report(const ProgressSnapshot& s) {
  if (!fn_) return;
  imapi_progress p{};
  p.struct_size = sizeof p;
  p.operation = s.operation;
  p.current_item = s.current_item.c_str();
  p.done = s.done;
  p.total = s.total;
  p.elapsed_ms = s.elapsed_ms;
  if (fn_(user_, &p) != 0) throw cancelled_error();
}

std::shared_ptr<Job> Job::start(Work work) {
  std::shared_ptr<Job> job(new Job());
  boost::asio::post(worker_pool(), [job, w = std::move(work)]() { job->run(w); });
  return job;
}

void Job::run(const Work& work) {
  std::optional<Error> error;
  try {
    if (cancelled_.load()) throw cancelled_error();
    work(*this);
  } catch (...) {
    error = error_from_current_exception();
  }
  std::lock_guard lock(mutex_);
  error_ = std::move(error);
  finished_ = true;
  done_cv_.notify_all();
}

void Job::report(const ProgressSnapshot& snapshot) {
  {
    std::lock_guard lock(mutex_);
    progress_ = snapshot;
  }
  if (cancelled_.load(std::memory_order_relaxed)) throw cancelled_error();
}

ProgressSnapshot Job::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

bool Job::wait(std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  if (timeout.count() < 0) {
    done_cv_.wait(lock, [this] { return finished_; });
    return true;
  }
  return done_cv_.wait_for(lock, timeout, [this] { return finished_; });
}

bool Job::finished() const {
  std::lock_guard lock(mutex_);
  return finished_;
}

std::optional<Error> Job::error() const {
  std::lock_guard lock(mutex_);
  return error_;
}

}  // namespace imapi
