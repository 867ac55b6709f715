// The library's one worker pool: process-wide, created on first use, owned by
// Boost.Asio. Jobs and parallel loops run here; nothing else starts threads.
#pragma once

#include <boost/asio/thread_pool.hpp>
#include <cstddef>

namespace imapi {

boost::asio::thread_pool& worker_pool();
size_t worker_count();

}  // namespace imapi
