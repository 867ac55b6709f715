#include "core/worker_pool.hpp"

#include <algorithm>
#include <thread>

namespace imapi {

size_t worker_count() { return std::max(2u, std::thread::hardware_concurrency()); }

boost::asio::thread_pool& worker_pool() {
  // Never destroyed: a job may still be running while the process exits.
  static auto* pool = new boost::asio::thread_pool(worker_count());
  return *pool;
}

}  // namespace imapi
