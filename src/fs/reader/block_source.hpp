// Where the reader's bytes come from: an image file, an imapi_stream, later a
// recorder. Reads are positional; a read past the end is an error, not a short read.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/stream.hpp"

namespace imapi::fs {

class BlockSource {
 public:
  virtual ~BlockSource() = default;
  virtual int64_t size() const = 0;
  // Reads exactly n bytes at offset; throws IMAPI_E_IMPORT_READ_FAILURE past the end or on I/O errors.
  virtual void read(int64_t offset, void* buf, int64_t n) const = 0;
};

std::shared_ptr<BlockSource> open_file_source(const std::string& path);
// A stream as a block source; reads take a lock, as a stream has one position.
std::shared_ptr<BlockSource> stream_source(std::shared_ptr<Stream> stream);

}  // namespace imapi::fs
