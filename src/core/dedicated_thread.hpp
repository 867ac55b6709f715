// A thread of the library's own for work that blocks for long stretches (a
// burn's writer waits in SG_IO for every WRITE): an Asio executor with one
// thread, so blocking there never takes a thread from the shared worker pool.
#pragma once

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <chrono>
#include <exception>
#include <functional>
#include <future>

namespace imapi {

class DedicatedThread {
 public:
  DedicatedThread() : pool_(1) {}
  ~DedicatedThread() { pool_.join(); }
  DedicatedThread(const DedicatedThread&) = delete;
  DedicatedThread& operator=(const DedicatedThread&) = delete;
  // Runs `fn` there; the future carries its exception.
  std::future<void> run(std::function<void()> fn) {
    auto task = std::make_shared<std::packaged_task<void()>>(std::move(fn));
    auto done = task->get_future();
    boost::asio::post(pool_, [task] { (*task)(); });
    return done;
  }

 private:
  boost::asio::thread_pool pool_;
};

}  // namespace imapi
