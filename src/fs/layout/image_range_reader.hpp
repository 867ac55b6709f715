// Reads any range of a laid-out image into memory, with many file reads in
// flight: metadata from the store, file data through a BatchReader (io_uring,
// or parallel preads on the worker pool), zeros in between. It is the one way
// the image's file data is read: the burn engine's producer fills its ring
// with it, and write_image_file its batches of small files and the large files
// the kernel cannot copy (the file sink's in-kernel copy reads nothing here).
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

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
  // At most this many of a window's files are open at once (a tree of tiny
  // files puts thousands in a 4 MiB window; RLIMIT_NOFILE is often 1024).
  static constexpr size_t kFilesOpenAtOnce = 256;
  // Whole files up to this size are read with one pread each (read_whole_files).
  static constexpr int64_t kWholeFileRead = 64 << 10;
  struct Piece {
    const FileExtent* file;
    int64_t from;  // offset in the file
    int64_t length;
    uint8_t* dest;
    std::unique_ptr<DataReader> reader;
  };
  void read_files(int64_t offset, uint8_t* out, int64_t n);
  void read_pieces(std::vector<Piece>& pieces);
  void read_whole_files(std::vector<Piece>& pieces, const std::vector<size_t>& whole);

  const ImageLayout& layout_;
  BatchReader reads_;
};

}  // namespace imapi::fs
