#include "core/batch_reads.hpp"

#include <liburing.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "core/parallel.hpp"

namespace imapi {

namespace {
constexpr unsigned kDepth = 64;  // reads in flight

int64_t pread_until_end(const ReadRequest& r) {
  size_t done = 0;
  while (done < r.length) {
    ssize_t n = ::pread(r.fd, r.buf + done, r.length - done, static_cast<off_t>(r.offset + static_cast<int64_t>(done)));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return -errno;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  return static_cast<int64_t>(done);
}
}  // namespace

struct BatchReader::Ring {
  io_uring ring{};
  ~Ring() { io_uring_queue_exit(&ring); }
};

BatchReader::BatchReader() {
  auto r = std::make_unique<Ring>();
  // Containers and hardened kernels may refuse io_uring (ENOSYS, EPERM): fall back to preads.
  if (io_uring_queue_init(kDepth, &r->ring, 0) == 0) ring_ = std::move(r);
}

BatchReader::~BatchReader() = default;

void BatchReader::read(std::span<ReadRequest> requests) {
  if (!ring_) {
    parallel_for(requests.size(), [&](size_t i) { requests[i].result = pread_until_end(requests[i]); });
    return;
  }
  io_uring* ring = &ring_->ring;
  // Each request's progress: bytes done so far; a short read is continued until 0 (end of file).
  std::vector<size_t> done(requests.size(), 0);
  size_t next = 0, in_flight = 0;
  auto submit = [&](size_t i) {
    io_uring_sqe* sqe = io_uring_get_sqe(ring);
    const ReadRequest& r = requests[i];
    io_uring_prep_read(sqe, r.fd, r.buf + done[i], static_cast<unsigned>(r.length - done[i]),
                       static_cast<uint64_t>(r.offset + static_cast<int64_t>(done[i])));
    io_uring_sqe_set_data64(sqe, i);
    ++in_flight;
  };
  while (next < requests.size() || in_flight > 0) {
    while (next < requests.size() && in_flight < kDepth) {
      if (requests[next].length == 0) {
        requests[next++].result = 0;
        continue;
      }
      submit(next++);
    }
    if (in_flight == 0) break;
    io_uring_submit_and_wait(ring, 1);
    io_uring_cqe* cqe = nullptr;
    unsigned head = 0, seen = 0;
    std::vector<size_t> resubmit;
    io_uring_for_each_cqe(ring, head, cqe) {
      ++seen;
      --in_flight;
      const size_t i = static_cast<size_t>(io_uring_cqe_get_data64(cqe));
      const int res = cqe->res;
      if (res == -EINTR || res == -EAGAIN) {
        resubmit.push_back(i);
      } else if (res < 0) {
        requests[i].result = res;
      } else if (res == 0 || (done[i] += static_cast<size_t>(res)) >= requests[i].length) {
        requests[i].result = static_cast<int64_t>(done[i]);
      } else {
        resubmit.push_back(i);
      }
    }
    io_uring_cq_advance(ring, seen);
    for (size_t i : resubmit) submit(i);
  }
}

}  // namespace imapi
