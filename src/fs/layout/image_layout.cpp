#include "fs/layout/image_layout.hpp"

#include <algorithm>
#include <cstring>
#include <functional>

namespace imapi::fs {

std::string_view file_name(const RenamedFiles& renamed, const FileExtent& f) {
  auto it = std::lower_bound(renamed.begin(), renamed.end(), f.source,
                             [](const auto& r, const DataSource* s) { return std::less<>()(r.first, s); });
  return it != renamed.end() && it->first == f.source ? std::string_view(it->second) : f.source->own_name();
}

std::string ImageLayout::file_path(const FileExtent& f) const {
  return dirs[f.dir] + std::string("/") += file_name(renamed, f);
}

const char* ImageLayout::lent_file_path(size_t i) const {
  std::lock_guard lock(lent_mutex_);
  auto [it, added] = lent_.try_emplace(i);
  if (added) it->second = file_path(files[i]);
  return it->second.c_str();
}

bool ImageLayout::file_path_is(const FileExtent& f, std::string_view path) const {
  const std::string_view dir = dirs[f.dir];
  if (path.size() <= dir.size() || !path.starts_with(dir) || path[dir.size()] != '/') return false;
  return path.substr(dir.size() + 1) == file_name(renamed, f);
}

void ImageLayout::read_head(int64_t pos, uint8_t* out, int64_t n) const {
  std::vector<uint8_t> block;  // for the block at either end of an unaligned read
  while (n > 0) {
    int64_t chunk = n;
    bool done = false;
    for (const auto& r : repeats) {
      const int64_t at = r.at * kBlockSize, end = (r.at + r.blocks) * kBlockSize;
      if (pos >= at && pos < end) {
        chunk = std::min(chunk, end - pos);
        read_head(pos - at + r.from * kBlockSize, out, chunk);
        done = true;
        break;
      }
      if (pos < at) chunk = std::min(chunk, at - pos);
    }
    for (size_t i = 0; !done && i < packed.size(); ++i) {
      const PackedRun& p = packed[i];
      const int64_t at = p.first_block() * kBlockSize, end = p.end_block() * kBlockSize;
      if (pos >= at && pos < end) {
        chunk = std::min(chunk, end - pos);
        const int64_t first = pos / kBlockSize, last = (pos + chunk - 1) / kBlockSize;
        if (pos % kBlockSize == 0 && chunk % kBlockSize == 0) {
          p.expand(*metadata, first, last - first + 1, out);
        } else {
          chunk = std::min(chunk, (first + 1) * kBlockSize - pos);  // within one block
          block.resize(kBlockSize);
          p.expand(*metadata, first, 1, block.data());
          std::memcpy(out, block.data() + pos % kBlockSize, static_cast<size_t>(chunk));
        }
        done = true;
      } else if (pos < at) {
        chunk = std::min(chunk, at - pos);
      }
    }
    if (!done) metadata->read(pos, out, chunk);
    pos += chunk;
    out += chunk;
    n -= chunk;
  }
}

}  // namespace imapi::fs
