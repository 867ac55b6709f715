#include "fs/reader/entry.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "core/error.hpp"
#include "fs/block_size.hpp"

namespace imapi::fs {

void corrupt(int64_t block, const std::string& what) {
  ErrorDetail d;
  d.lba = block;
  throw Error(IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR,
              "the image is corrupt at block " + std::to_string(block) + ": " + what, d);
}

ListingBudget::ListingBudget(const ReaderLimits& limits, int64_t image_bytes) {
  const int64_t factor = std::max<int64_t>(0, limits.listing_bytes_per_image_byte);
  const int64_t scaled = factor == 0                         ? 0
                         : image_bytes > INT64_MAX / factor ? INT64_MAX
                                                            : image_bytes * factor;
  limit_ = left_ = std::max(limits.min_listing_bytes, scaled);
}

void ListingBudget::charge(int64_t bytes, int64_t block) {
  left_ -= bytes;
  if (left_ < 0)
    corrupt(block, "its listing would take more than " + std::to_string(limit_ >> 20) +
                       " MiB of memory, far more than an image of this size can describe honestly");
}

void read_entry(const BlockSource& source, const ImageEntry& file, int64_t offset, void* buf, int64_t n) {
  if (file.kind != EntryKind::file) fail(IMAPI_E_NOT_FILE, "'" + file.path + "' is not a file");
  if (offset < 0 || n < 0 || offset > file.size - n)
    fail(IMAPI_E_INVALIDARG, "a read past the end of '" + file.path + "'");
  auto* out = static_cast<char*>(buf);
  if (file.extents.empty()) {
    if (offset + n > static_cast<int64_t>(file.embedded.size()))
      fail(IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR, "'" + file.path + "' records less data than its size");
    if (n > 0) std::memcpy(out, file.embedded.data() + offset, static_cast<size_t>(n));
    return;
  }
  int64_t section_start = 0;
  for (const auto& x : file.extents) {
    int64_t lo = std::max(offset, section_start);
    int64_t hi = std::min(offset + n, section_start + x.size);
    if (lo < hi) {
      if (x.block == ImageExtent::kHole)
        std::memset(out + (lo - offset), 0, static_cast<size_t>(hi - lo));
      else
        source.read(x.block * kBlockSize + (lo - section_start), out + (lo - offset), hi - lo);
    }
    section_start += x.size;
  }
}

}  // namespace imapi::fs
