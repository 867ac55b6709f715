// One thread woken by many jobs: progress events coalesced, FINISHED once per job.
#include <filesystem>
#include <map>
#include <thread>

#include "capi_fixture.hpp"

using namespace test;
namespace fsys = std::filesystem;

namespace {
using Monitor = Handle<imapi_job_monitor, imapi_job_monitor_free>;

struct ZeroImage {
  Image img;
  Item root;
  Result result;
  explicit ZeroImage(int64_t bytes) {
    REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_set_free_media_blocks(img.get(), 0) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
    Stream z;
    REQUIRE(imapi_stream_create_zero(bytes, z.out()) == IMAPI_S_OK);
    REQUIRE(imapi_fsitem_add_file(root.get(), "zeros.bin", z.get()) == IMAPI_S_OK);
    REQUIRE(imapi_fsimage_create_result_image(img.get(), result.out()) == IMAPI_S_OK);
  }
};
}  // namespace

TEST_CASE("a job monitor reports every job's end once, and progress before it", "[job]") {
  TempDir t;
  ZeroImage image(32 << 20);
  Monitor m;
  REQUIRE(imapi_job_monitor_create(m.out()) == IMAPI_S_OK);
  constexpr int kJobs = 8;
  std::vector<std::unique_ptr<Job>> jobs;
  for (int i = 0; i < kJobs; ++i) {
    jobs.push_back(std::make_unique<Job>());
    auto path = t.path / ("j" + std::to_string(i) + ".iso");
    REQUIRE(imapi_fsimage_result_write_file_start(image.result.get(), path.c_str(), jobs.back()->out()) == IMAPI_S_OK);
    REQUIRE(imapi_job_monitor_add(m.get(), jobs.back()->get(), 100 + i) == IMAPI_S_OK);
  }
  std::map<int64_t, int> finished, progressed;
  while (finished.size() < kJobs) {
    int64_t cookie = -1;
    int32_t events = -1;
    REQUIRE(imapi_job_monitor_wait(m.get(), 30000, &cookie, &events) == IMAPI_S_OK);
    REQUIRE(cookie >= 100);
    REQUIRE(cookie < 100 + kJobs);
    REQUIRE(finished.count(cookie) == 0);  // nothing after FINISHED
    if (events & IMAPI_JOB_EVENT_PROGRESS) ++progressed[cookie];
    if (events & IMAPI_JOB_EVENT_FINISHED) {
      ++finished[cookie];
      CHECK(imapi_job_result(jobs[static_cast<size_t>(cookie - 100)]->get()) == IMAPI_S_OK);
    }
  }
  CHECK(progressed.size() >= 1);
  // Every job is done and no longer watched: the next wait times out.
  int64_t cookie = -1;
  int32_t events = -1;
  CHECK(imapi_job_monitor_wait(m.get(), 50, &cookie, &events) == IMAPI_S_JOB_RUNNING);
  CHECK(cookie == 0);
  CHECK(events == 0);
  // A job added after it finished reports FINISHED at once.
  REQUIRE(imapi_job_monitor_add(m.get(), jobs[0]->get(), 7) == IMAPI_S_OK);
  REQUIRE(imapi_job_monitor_wait(m.get(), 0, &cookie, &events) == IMAPI_S_OK);
  CHECK(cookie == 7);
  CHECK(events == IMAPI_JOB_EVENT_FINISHED);
}

TEST_CASE("a job monitor's wake returns a waiting thread, and bad arguments are errors", "[job]") {
  Monitor m;
  REQUIRE(imapi_job_monitor_create(m.out()) == IMAPI_S_OK);
  // Catch2's assertions are for one thread: the waker's status is checked after the join.
  imapi_status woken = IMAPI_E_FAIL;
  std::thread waker([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    woken = imapi_job_monitor_wake(m.get());
  });
  int64_t cookie = -1;
  int32_t events = -1;
  CHECK(imapi_job_monitor_wait(m.get(), -1, &cookie, &events) == IMAPI_S_JOB_RUNNING);
  waker.join();
  CHECK(woken == IMAPI_S_OK);
  CHECK(imapi_job_monitor_wait(m.get(), 0, nullptr, &events) == IMAPI_E_POINTER);
  CHECK(imapi_job_monitor_add(m.get(), nullptr, 1) == IMAPI_E_INVALID_HANDLE);
  CHECK(imapi_job_monitor_add(nullptr, nullptr, 1) == IMAPI_E_INVALID_HANDLE);
  CHECK(imapi_job_monitor_create(nullptr) == IMAPI_E_POINTER);
  imapi_job_monitor_free(nullptr);
}

TEST_CASE("a job freed while watched still reports FINISHED, and a freed monitor is skipped", "[job]") {
  TempDir t;
  ZeroImage image(64 << 20);
  Monitor m;
  REQUIRE(imapi_job_monitor_create(m.out()) == IMAPI_S_OK);
  {
    Job job;
    REQUIRE(imapi_fsimage_result_write_file_start(image.result.get(), (t.path / "f.iso").c_str(), job.out()) ==
            IMAPI_S_OK);
    REQUIRE(imapi_job_monitor_add(m.get(), job.get(), 1) == IMAPI_S_OK);
    Monitor gone;
    REQUIRE(imapi_job_monitor_create(gone.out()) == IMAPI_S_OK);
    REQUIRE(imapi_job_monitor_add(gone.get(), job.get(), 2) == IMAPI_S_OK);
  }  // the second monitor, then the job (cancelled and waited for)
  int64_t cookie = 0;
  int32_t events = 0;
  do {
    REQUIRE(imapi_job_monitor_wait(m.get(), 10000, &cookie, &events) == IMAPI_S_OK);
    CHECK(cookie == 1);
  } while (!(events & IMAPI_JOB_EVENT_FINISHED));
}
