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

}  // namespace imapi
