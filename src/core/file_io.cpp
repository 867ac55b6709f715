#include "core/file_io.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace imapi {

namespace {
constexpr int64_t kMaxChunk = int64_t{1} << 30;  // keeps every call within ssize_t on any kernel
}

int64_t pread_full(int fd, void* buf, int64_t n, int64_t offset) noexcept {
  auto* p = static_cast<char*>(buf);
  int64_t got = 0;
  while (got < n) {
    ssize_t r = ::pread(fd, p + got, static_cast<size_t>(std::min(n - got, kMaxChunk)), offset + got);
    if (r < 0) {
      if (errno == EINTR) continue;
      return -errno;
    }
    if (r == 0) break;
    got += r;
  }
  return got;
}

int pwrite_full(int fd, const void* buf, int64_t n, int64_t offset) noexcept {
  const auto* p = static_cast<const char*>(buf);
  while (n > 0) {
    ssize_t w = ::pwrite(fd, p, static_cast<size_t>(std::min(n, kMaxChunk)), offset);
    if (w < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += w;
    n -= w;
    offset += w;
  }
  return 0;
}

}  // namespace imapi
