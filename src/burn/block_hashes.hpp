// XXH3 hashes of a session's blocks, taken as they go into the ring, in
// ranges of 16 blocks (32 KiB: one DVD ECC block), so verification reads the
// disc back without reading the source again and locates a difference.
// Memory: 8 bytes per 32 KiB written (6 MB for a full single-layer BD).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace imapi::burn {

class BlockHashes {
 public:
  static constexpr int64_t kRangeBlocks = 16;
  // XXH3-64 of a buffer (the one hash verification uses).
  static uint64_t hash(const uint8_t* data, size_t bytes);

  // Ranges start at first_lba (the session's start).
  explicit BlockHashes(int64_t first_lba = 0) : first_lba_(first_lba) {}
  // The next bytes of the session, in order (whole blocks).
  void add(const uint8_t* data, size_t bytes);
  int64_t first_lba() const { return first_lba_; }
  int64_t blocks() const { return blocks_; }
  size_t range_count() const { return (static_cast<size_t>(blocks_) + kRangeBlocks - 1) / kRangeBlocks; }
  int64_t range_lba(size_t i) const { return first_lba_ + static_cast<int64_t>(i) * kRangeBlocks; }
  int64_t range_blocks(size_t i) const;
  // The hash of range i; valid once add() has passed its end (or for the last, partial one, at any time).
  uint64_t range_hash(size_t i) const;

 private:
  int64_t first_lba_;
  int64_t blocks_ = 0;
  std::vector<uint64_t> hashes_;   // one per completed range
  std::vector<uint8_t> partial_;   // bytes of the range being filled
};

}  // namespace imapi::burn
