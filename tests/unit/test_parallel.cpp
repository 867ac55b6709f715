// The worker pool's two helpers: parallel_for and AsyncTask.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include <boost/asio/post.hpp>

#include "core/parallel.hpp"
#include "core/worker_pool.hpp"

using imapi::AsyncTask;

TEST_CASE("parallel_for calls every index once and rethrows the first error", "[core]") {
  std::vector<std::atomic<int>> hits(1000);
  imapi::parallel_for(hits.size(), [&](size_t i) { ++hits[i]; });
  for (auto& h : hits) CHECK(h == 1);
  CHECK_THROWS_AS(imapi::parallel_for(10, [](size_t i) { if (i == 3) throw std::runtime_error("x"); }),
                  std::runtime_error);
}

TEST_CASE("an AsyncTask runs once, and wait() hands over its error", "[core]") {
  std::atomic<int> runs{0};
  {
    AsyncTask t([&] { ++runs; });
    t.wait();
    CHECK(runs == 1);
    t.wait();  // waiting again is a no-op
  }
  CHECK(runs == 1);
  AsyncTask failing([] { throw std::runtime_error("disk full"); });
  CHECK_THROWS_WITH(failing.wait(), "disk full");
  CHECK_NOTHROW(failing.wait());
}

TEST_CASE("an AsyncTask completes on the waiting thread when every worker is busy", "[core]") {
  // Occupy every pool thread until the task has run. The workers still touch
  // the gate after the test returns (they wake, then unlock), so it is shared,
  // not on this stack.
  struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool release = false;
    std::atomic<size_t> blocked{0};
  };
  auto gate = std::make_shared<Gate>();
  for (size_t i = 0; i < imapi::worker_count(); ++i)
    boost::asio::post(imapi::worker_pool(), [gate] {
      ++gate->blocked;
      std::unique_lock lock(gate->m);
      gate->cv.wait(lock, [&] { return gate->release; });
    });
  while (gate->blocked < imapi::worker_count()) std::this_thread::yield();
  const auto caller = std::this_thread::get_id();
  std::thread::id ran_on;
  AsyncTask t([&] { ran_on = std::this_thread::get_id(); });
  t.wait();
  CHECK(ran_on == caller);
  {
    std::lock_guard lock(gate->m);
    gate->release = true;
  }
  gate->cv.notify_all();
}

TEST_CASE("replacing or destroying an AsyncTask waits for it first", "[core]") {
  std::atomic<int> finished{0};
  auto slow = [&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ++finished;
  };
  AsyncTask t(slow);
  t = AsyncTask(slow);
  CHECK(finished >= 1);
  { AsyncTask u(slow); }
  CHECK(finished >= 2);
  t.wait();
  CHECK(finished == 3);
}
