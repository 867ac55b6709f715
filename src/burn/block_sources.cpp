#include "burn/block_sources.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "fs/layout/image_stream.hpp"

namespace imapi::burn {

std::unique_ptr<BlockSource> make_block_source(const std::shared_ptr<Stream>& stream) {
  if (auto* image = dynamic_cast<fs::ImageStream*>(stream.get()))
    return std::make_unique<ImageBlockSource>(image->layout());
  return std::make_unique<StreamBlockSource>(stream);
}

std::optional<int64_t> image_session_start(const std::shared_ptr<Stream>& stream) {
  if (auto* image = dynamic_cast<fs::ImageStream*>(stream.get())) return image->layout()->session_start_block;
  return std::nullopt;
}

StreamBlockSource::StreamBlockSource(std::shared_ptr<Stream> stream)
    : stream_(std::move(stream)), lock_(stream_->mutex()) {
  stream_->seek(0, IMAPI_SEEK_SET);
}

size_t StreamBlockSource::fill(uint8_t* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    int64_t got = 0;
    try {
      got = stream_->read(out + done, static_cast<int64_t>(n - done));
    } catch (const Error& e) {
      throw Error(e.code() == IMAPI_E_REQUEST_CANCELLED ? e.code() : IMAPI_E_DATA_STREAM_READ_FAILURE,
                  "reading the data stream failed: " + e.message(), e.detail());
    }
    if (got <= 0) break;
    done += static_cast<size_t>(got);
  }
  return done;
}

size_t ImageBlockSource::fill(uint8_t* out, size_t n) {
  const int64_t size = layout_->total_blocks * fs::kBlockSize;
  const auto k = static_cast<size_t>(std::clamp<int64_t>(size - position_, 0, static_cast<int64_t>(n)));
  if (k > 0) reader_.read(position_, out, static_cast<int64_t>(k));
  position_ += static_cast<int64_t>(k);
  return k;
}

}  // namespace imapi::burn
