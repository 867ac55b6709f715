// The producer's sources: any stream read in order on the calling thread, or,
// for a file-system image's stream, its layout read window by window with many
// file reads in flight (fs::ImageRangeReader).
#pragma once

#include <memory>
#include <mutex>
#include <optional>

#include "burn/write_pipeline.hpp"
#include "core/stream.hpp"
#include "fs/layout/image_range_reader.hpp"

namespace imapi::burn {

// The best source for `stream` (from its position 0).
std::unique_ptr<BlockSource> make_block_source(const std::shared_ptr<Stream>& stream);
// The disc address a file-system image stream was laid out for (SessionStartBlock); nullopt for other streams.
std::optional<int64_t> image_session_start(const std::shared_ptr<Stream>& stream);

class StreamBlockSource final : public BlockSource {
 public:
  explicit StreamBlockSource(std::shared_ptr<Stream> stream);
  size_t fill(uint8_t* out, size_t n) override;
  // A file is read 4 MiB at a time (few system calls); a pipe or a caller's
  // stream one write unit at a time, so that what it gives reaches the drive at once.
  size_t window_bytes() const override { return stream_->native_fd() >= 0 ? size_t{4} << 20 : 0; }

 private:
  std::shared_ptr<Stream> stream_;
  std::unique_lock<std::recursive_mutex> lock_;  // the stream's one position is ours while we burn it
};

class ImageBlockSource final : public BlockSource {
 public:
  explicit ImageBlockSource(std::shared_ptr<const fs::ImageLayout> layout)
      : layout_(std::move(layout)), reader_(*layout_) {}
  size_t fill(uint8_t* out, size_t n) override;
  // Every file of a 4 MiB window is read at once (many reads in flight).
  size_t window_bytes() const override { return 4 << 20; }

 private:
  std::shared_ptr<const fs::ImageLayout> layout_;
  fs::ImageRangeReader reader_;
  int64_t position_ = 0;
};

}  // namespace imapi::burn
