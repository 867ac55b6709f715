// Data parallelism on the library's worker pool.
#pragma once

#include <cstddef>
#include <functional>
#include <memory>

namespace imapi {

// Calls fn(i) for every i in [0, n), on the worker pool and the calling thread
// together, and returns when all calls have returned. The calling thread takes
// items too, so this completes even when every pool thread is busy (for
// example when called from a job). The first exception thrown is rethrown here
// after the others have finished.
void parallel_for(size_t n, const std::function<void(size_t)>& fn);

// One function run on the worker pool while the caller goes on (e.g. writing
// one buffer while the next is filled). wait() runs it on the calling thread
// if no worker has started it yet, so it completes even when every pool thread
// is busy; it rethrows what the function threw. Destroying a started task
// waits for it and drops its error (the owner is unwinding or replacing it).
class AsyncTask {
 public:
  AsyncTask() = default;
  explicit AsyncTask(std::function<void()> fn);
  ~AsyncTask();
  AsyncTask(AsyncTask&&) noexcept = default;
  AsyncTask& operator=(AsyncTask&& other) noexcept;
  void wait();

 private:
  void wait_dropping_error() noexcept;
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace imapi
