#include "burn/block_hashes.hpp"

#include <xxhash.h>

#include <algorithm>

namespace imapi::burn {

uint64_t BlockHashes::hash(const uint8_t* data, size_t bytes) { return XXH3_64bits(data, bytes); }

void BlockHashes::add(const uint8_t* data, size_t bytes) {
  constexpr size_t kRangeBytes = kRangeBlocks * 2048;
  blocks_ += static_cast<int64_t>(bytes / 2048);
  if (!partial_.empty()) {
    const size_t take = std::min(bytes, kRangeBytes - partial_.size());
    partial_.insert(partial_.end(), data, data + take);
    data += take;
    bytes -= take;
    if (partial_.size() == kRangeBytes) {
      hashes_.push_back(hash(partial_.data(), partial_.size()));
      partial_.clear();
    }
  }
  while (bytes >= kRangeBytes) {
    hashes_.push_back(hash(data, kRangeBytes));
    data += kRangeBytes;
    bytes -= kRangeBytes;
  }
  partial_.insert(partial_.end(), data, data + bytes);
}

int64_t BlockHashes::range_blocks(size_t i) const {
  return std::min<int64_t>(kRangeBlocks, blocks_ - static_cast<int64_t>(i) * kRangeBlocks);
}

uint64_t BlockHashes::range_hash(size_t i) const {
  if (i < hashes_.size()) return hashes_[i];
  return hash(partial_.data(), partial_.size());
}

}  // namespace imapi::burn
