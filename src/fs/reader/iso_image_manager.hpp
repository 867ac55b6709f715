// IIsoImageManager: an image given by path or by stream, and what Validate
// checks of it (whole 2048-byte blocks, at most 2^31-1 of them, a volume
// descriptor, and every directory hierarchy readable).
#pragma once

#include <memory>
#include <string>

#include "core/stream.hpp"
#include "fs/reader/block_source.hpp"

namespace imapi::fs {

class IsoImageManager {
 public:
  // SetPath: opens the file now, as IMAPI does (IMAPI_E_DATA_STREAM_CREATE_FAILURE);
  // replaces any stream.
  void set_path(const std::string& path);
  // SetStream: shares the stream; the path becomes "".
  void set_stream(std::shared_ptr<Stream> stream);
  const std::string& path() const { return path_; }
  // IMAPI_E_IMAGEMANAGER_NO_IMAGE when neither a path nor a stream was set.
  std::shared_ptr<Stream> stream() const;
  // Validate. IMAPI_E_IMAGEMANAGER_NO_IMAGE, _IMAGE_NOT_ALIGNED, _IMAGE_TOO_BIG,
  // _NO_VALID_VD_FOUND, IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR (the block in the detail).
  void validate() const;

 private:
  std::shared_ptr<BlockSource> source() const;
  std::string path_;
  std::shared_ptr<Stream> stream_;
};

}  // namespace imapi::fs
