#include "fs/layout/packed_run.hpp"

#include <cstring>

#include "fs/layout/image_layout.hpp"

namespace imapi::fs {

size_t PackedRun::append(const uint8_t* block) {
  // A word at a time: most of a file entry's block is zeros.
  size_t used = static_cast<size_t>(kBlockSize);
  for (uint64_t w = 0; used >= sizeof w; used -= sizeof w) {
    std::memcpy(&w, block + used - sizeof w, sizeof w);
    if (w != 0) break;
  }
  while (used > 0 && block[used - 1] == 0) --used;
  ends_.push_back(start_of(ends_.size()) + static_cast<uint32_t>(used));
  return used;
}

int64_t PackedRun::store_offset_of_next() const { return first_ * kBlockSize + start_of(ends_.size()); }

bool PackedRun::has_room() const {
  return start_of(ends_.size()) <= std::numeric_limits<uint32_t>::max() - kBlockSize;
}

void PackedRun::expand(const MetadataStore& store, int64_t first, int64_t count, uint8_t* out) const {
  const size_t i0 = static_cast<size_t>(first - first_);
  const size_t i1 = i0 + static_cast<size_t>(count);
  const uint32_t from = start_of(i0), to = start_of(i1);
  // The stored bytes are read to the start of the output (never longer than it),
  // then moved from the last block backwards into place.
  store.read(first_ * kBlockSize + from, out, to - from);
  for (size_t i = i1; i-- > i0;) {
    uint8_t* dst = out + (i - i0) * kBlockSize;
    const size_t len = ends_[i] - start_of(i);
    std::memmove(dst, out + (start_of(i) - from), len);
    std::memset(dst + len, 0, static_cast<size_t>(kBlockSize) - len);
  }
}

}  // namespace imapi::fs
