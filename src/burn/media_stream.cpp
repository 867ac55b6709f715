#include "burn/media_stream.hpp"

#include <algorithm>
#include <cstring>

#include "burn/drive_ops.hpp"
#include "burn/media_queries.hpp"
#include "core/error.hpp"

namespace imapi::burn {

namespace {

class MediaStream final : public Stream {
 public:
  MediaStream(std::shared_ptr<device::Recorder> r, int64_t blocks) : recorder_(std::move(r)), size_(blocks * 2048) {}
  int64_t read(void* buf, int64_t cap) override {
    auto* out = static_cast<uint8_t*>(buf);
    int64_t done = 0;
    while (done < cap && position_ < size_) {
      const int64_t block = position_ / 2048;
      if (block < cached_first_ || block >= cached_first_ + cached_blocks_) fill(block, cap - done);
      const int64_t in = position_ - cached_first_ * 2048;
      const int64_t n = std::min({cap - done, cached_blocks_ * 2048 - in, size_ - position_});
      std::memcpy(out + done, cache_.data() + in, static_cast<size_t>(n));
      done += n;
      position_ += n;
    }
    return done;
  }
  int64_t seek(int64_t offset, int whence) override { return position_ = resolve_seek(position_, size_, offset, whence); }
  int64_t size() override { return size_; }

 private:
  // Reads ahead a run from `block`; sequential media have unrecorded gaps
  // between sessions (05/21/00), so a run that reaches into one is cut back to
  // the blocks this read needs.
  void fill(int64_t block, int64_t wanted_bytes) {
    const int64_t left = size_ / 2048 - block;
    int64_t blocks = std::min(kRun, left);
    cache_.resize(static_cast<size_t>(blocks * 2048));
    try {
      read_blocks(recorder_->transport(), block, blocks, cache_.data());
    } catch (const Error&) {
      blocks = std::min(left, (wanted_bytes + (position_ % 2048) + 2047) / 2048);
      cached_blocks_ = 0;
      read_blocks(recorder_->transport(), block, blocks, cache_.data());
    }
    cached_first_ = block;
    cached_blocks_ = blocks;
  }

  static constexpr int64_t kRun = 32;  // blocks per READ
  std::shared_ptr<device::Recorder> recorder_;
  int64_t size_;
  int64_t position_ = 0;
  int64_t cached_first_ = 0, cached_blocks_ = 0;
  std::vector<uint8_t> cache_;
};

}  // namespace

std::unique_ptr<Stream> open_media_stream(std::shared_ptr<device::Recorder> recorder) {
  device::Transport& t = recorder->transport();
  auto m = device::media_status(t);
  if (!m.present) throw Error(IMAPI_E_RECORDER_MEDIA_NO_MEDIA, "there is no disc in the drive");
  auto prev = previous_session(t, m);
  if (prev.last_written < 0) throw Error(IMAPI_E_EMPTY_DISC, "the disc holds no recorded session to read");
  return std::make_unique<MediaStream>(std::move(recorder), prev.last_written + 1);
}

}  // namespace imapi::burn
