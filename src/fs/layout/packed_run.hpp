// A run of metadata blocks that are mostly zeros (UDF file entries use about
// 200 of their 2,048 bytes), kept in the metadata file without each block's
// trailing zeros, in the place the blocks themselves would take. A 100,000-file
// tree's entries take 25 MB of the file instead of 205 MB, and the image is
// written from a buffer they are expanded into instead of by copying the file.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "fs/layout/metadata_store.hpp"

namespace imapi::fs {

class PackedRun {
 public:
  // `expected_blocks`: how many will be appended, when known (no regrowth).
  explicit PackedRun(int64_t first_block, int64_t expected_blocks = 0) : first_(first_block) {
    ends_.reserve(static_cast<size_t>(expected_blocks));
  }
  int64_t first_block() const { return first_; }
  int64_t end_block() const { return first_ + static_cast<int64_t>(ends_.size()); }

  // Appends the next block (kBlockSize bytes); returns how many of its leading
  // bytes must be stored, at store_offset_of_next() as it was before the call.
  size_t append(const uint8_t* block);
  int64_t store_offset_of_next() const;
  // Whether one more block surely fits the run's 32-bit offsets.
  bool has_room() const;

  // Expands blocks [first, first + count), which lie inside the run, into `out`.
  void expand(const MetadataStore& store, int64_t first, int64_t count, uint8_t* out) const;

 private:
  uint32_t start_of(size_t i) const { return i == 0 ? 0 : ends_[i - 1]; }
  int64_t first_;
  std::vector<uint32_t> ends_;  // where block i's stored bytes end, from the run's first byte
};

}  // namespace imapi::fs
