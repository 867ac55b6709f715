// The result image as a stream: metadata from memory, file data read from each
// source only when the position reaches it, zeros in between. Nothing is
// buffered beyond one open source, so memory does not grow with the image.
#pragma once

#include <memory>
#include <optional>

#include "core/error.hpp"

#include "core/stream.hpp"
#include "fs/layout/image_layout.hpp"

namespace imapi::fs {

class ImageStream final : public Stream {
 public:
  explicit ImageStream(std::shared_ptr<const ImageLayout> layout) : layout_(std::move(layout)) {}
  int64_t read(void* buf, int64_t cap) override;
  int64_t seek(int64_t offset, int whence) override;
  int64_t size() override { return layout_->total_blocks * kBlockSize; }
  // The layout it reads: the burn engine reads file data ahead from it directly.
  const std::shared_ptr<const ImageLayout>& layout() const { return layout_; }

 private:
  // Index of the file extent containing byte `pos`, or of the next one after it.
  size_t file_at_or_after(int64_t pos) const;

  std::shared_ptr<const ImageLayout> layout_;
  int64_t position_ = 0;
  size_t open_index_ = SIZE_MAX;
  std::unique_ptr<DataReader> open_reader_;
  std::optional<Error> pending_;  // a failure after some bytes were returned, reported on the next read
};

}  // namespace imapi::fs
