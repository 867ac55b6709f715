// Reads any range of a laid-out image into memory, with many file reads in
// flight: metadata from the store, file data through a BatchReader (io_uring,
// or parallel preads on the worker pool), zeros in between. The burn engine's
// producer fills its ring with it, and write_image_file its small-file batches.
#pragma once

#include <cstdint>

#include "core/batch_reads.hpp"
#include "fs/layout/image_layout.hpp"

namespace imapi::fs {

class ImageRangeReader {
 public:
  explicit ImageRangeReader(const ImageLayout& layout) : layout_(layout) {}
  // Fills [offset, offset + n) of the image (within its size) into `out`.
  // Sources that must stay on the calling thread (a caller's stream) are read
  // here; others in parallel. A source that changed or ended early throws its
  // error with the file's image path.
  void read(int64_t offset, uint8_t* out, int64_t n);
  bool uses_io_uring() const { return reads_.uses_io_uring(); }

 private:
  void read_files(int64_t offset, uint8_t* out, int64_t n);

  const ImageLayout& layout_;
  BatchReader reads_;
};

}  // namespace imapi::fs
