#include "fs/layout/image_stream.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"

namespace imapi::fs {

size_t ImageStream::file_at_or_after(int64_t pos) const {
  const auto& files = layout_->files;
  auto it = std::upper_bound(files.begin(), files.end(), pos,
                             [](int64_t p, const FileExtent& f) { return p < f.block * kBlockSize; });
  if (it != files.begin()) {
    auto prev = std::prev(it);
    if (pos < prev->block * kBlockSize + prev->size()) return static_cast<size_t>(prev - files.begin());
  }
  return static_cast<size_t>(it - files.begin());
}

int64_t ImageStream::read(void* buf, int64_t cap) {
  if (pending_) {
    Error e = std::move(*pending_);
    pending_.reset();
    throw e;
  }
  auto* out = static_cast<uint8_t*>(buf);
  const int64_t end = size();
  int64_t done = 0;
  while (done < cap && position_ < end) {
    const int64_t pos = position_;
    const int64_t want = cap - done;
    int64_t n = 0;
    const int64_t meta = layout_->metadata_blocks * kBlockSize;
    const int64_t tail = layout_->tail_start() * kBlockSize;
    if (pos < meta) {
      n = std::min(want, meta - pos);
      layout_->read_head(pos, out + done, n);
    } else if (pos >= tail) {
      n = std::min(want, end - pos);
      layout_->metadata->read(meta + (pos - tail), out + done, n);
    } else {
      size_t i = file_at_or_after(pos);
      const auto& files = layout_->files;
      int64_t start = i < files.size() ? files[i].block * kBlockSize : tail;
      if (pos < start) {
        n = std::min(want, start - pos);  // padding between extents
        std::memset(out + done, 0, static_cast<size_t>(n));
      } else {
        const FileExtent& f = files[i];
        n = std::min(want, start + f.size() - pos);
        if (open_index_ != i) {
          open_reader_ = f.source->open();
          open_index_ = i;
        }
        try {
          open_reader_->read_exact(pos - start, out + done, n);
          if (pos + n == start + f.size()) open_reader_->finish();
        } catch (Error& e) {
          open_index_ = SIZE_MAX;
          open_reader_.reset();
          Error wrapped = with_image_path(e, *layout_, f);
          if (done == 0) throw wrapped;
          pending_ = std::move(wrapped);  // hand over what was read; fail on the next call
          return done;
        }
        if (pos + n == start + f.size()) {
          open_reader_.reset();
          open_index_ = SIZE_MAX;
        }
      }
    }
    done += n;
    position_ += n;
  }
  return done;
}

int64_t ImageStream::seek(int64_t offset, int whence) {
  return position_ = resolve_seek(position_, size(), offset, whence);
}

}  // namespace imapi::fs
