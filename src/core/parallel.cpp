#include "core/parallel.hpp"

#include <atomic>
#include <boost/asio/post.hpp>
#include <condition_variable>
#include <exception>
#include <memory>
#include <mutex>

#include "core/worker_pool.hpp"

namespace imapi {

namespace {
struct Shared {
  std::function<void(size_t)> fn;
  size_t n = 0;
  std::atomic<size_t> next{0};
  std::mutex mutex;
  std::condition_variable cv;
  size_t done = 0;
  std::exception_ptr error;

  // Claims and runs items until none are left.
  void drain() {
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      std::exception_ptr e;
      try {
        fn(i);
      } catch (...) {
        e = std::current_exception();
      }
      std::lock_guard lock(mutex);
      if (e && !error) error = e;
      if (++done == n) cv.notify_all();
    }
  }
};
}  // namespace

void parallel_for(size_t n, const std::function<void(size_t)>& fn) {
  if (n == 0) return;
  auto shared = std::make_shared<Shared>();
  shared->fn = fn;
  shared->n = n;
  size_t helpers = std::min(n - 1, worker_count());
  for (size_t k = 0; k < helpers; ++k) boost::asio::post(worker_pool(), [shared] { shared->drain(); });
  shared->drain();
  std::unique_lock lock(shared->mutex);
  shared->cv.wait(lock, [&] { return shared->done == n; });
  if (shared->error) std::rethrow_exception(shared->error);
}

struct AsyncTask::State {
  std::function<void()> fn;
  std::atomic<bool> claimed{false};
  std::mutex mutex;
  std::condition_variable cv;
  bool done = false;
  std::exception_ptr error;

  void run() {
    if (claimed.exchange(true)) return;
    std::exception_ptr e;
    try {
      fn();
    } catch (...) {
      e = std::current_exception();
    }
    std::lock_guard lock(mutex);
    error = e;
    done = true;
    cv.notify_all();
  }
};

AsyncTask::AsyncTask(std::function<void()> fn) : state_(std::make_shared<State>()) {
  state_->fn = std::move(fn);
  boost::asio::post(worker_pool(), [s = state_] { s->run(); });
}

AsyncTask::~AsyncTask() { wait_dropping_error(); }

AsyncTask& AsyncTask::operator=(AsyncTask&& other) noexcept {
  if (this != &other) {
    wait_dropping_error();
    state_ = std::move(other.state_);
  }
  return *this;
}

void AsyncTask::wait_dropping_error() noexcept {
  try {
    wait();
  } catch (...) {  // the owner is being replaced or destroyed: there is no one to tell
  }
}

void AsyncTask::wait() {
  if (!state_) return;
  auto s = std::move(state_);
  s->run();
  std::unique_lock lock(s->mutex);
  s->cv.wait(lock, [&] { return s->done; });
  if (s->error) std::rethrow_exception(s->error);
}

}  // namespace imapi
