// Many positioned reads in flight at once: io_uring (liburing) where the
// kernel allows it, else preads in parallel on the worker pool. The burn
// engine's producer reads the file data of an image window this way.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>

namespace imapi {

struct ReadRequest {
  int fd = -1;
  int64_t offset = 0;
  uint8_t* buf = nullptr;
  size_t length = 0;
  // After read(): bytes read (less than length only at the end of the file), or -errno.
  int64_t result = 0;
};

class BatchReader {
 public:
  BatchReader();
  ~BatchReader();
  BatchReader(const BatchReader&) = delete;
  BatchReader& operator=(const BatchReader&) = delete;
  // Performs every request; returns when all have completed. Not thread-safe:
  // one BatchReader per reading thread.
  void read(std::span<ReadRequest> requests);
  // True when reads go through io_uring (false: the kernel refused a ring).
  bool uses_io_uring() const { return ring_ != nullptr; }

 private:
  struct Ring;
  std::unique_ptr<Ring> ring_;
};

}  // namespace imapi
