#include "fs/reader/entry.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"

namespace imapi::fs {

void corrupt(int64_t block, const std::string& what) {
  ErrorDetail d;
  d.lba = block;
  throw Error(IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR,
              "the image is corrupt at block " + std::to_string(block) + ": " + what, d);
}

void read_entry(const BlockSource& source, const ImageEntry& file, int64_t offset, void* buf, int64_t n) {
  constexpr int64_t kBlock = 2048;
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
        source.read(x.block * kBlock + (lo - section_start), out + (lo - offset), hi - lo);
    }
    section_start += x.size;
  }
}

}  // namespace imapi::fs
