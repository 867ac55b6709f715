#include "fs/reader/iso_image_manager.hpp"

#include <cstdint>

#include "core/error.hpp"
#include "fs/block_size.hpp"
#include "fs/reader/image_reader.hpp"

namespace imapi::fs {

void IsoImageManager::set_path(const std::string& path) {
  stream_ = std::make_shared<FileStream>(path);
  path_ = path;
}

void IsoImageManager::set_stream(std::shared_ptr<Stream> stream) {
  stream_ = std::move(stream);
  path_.clear();
}

std::shared_ptr<Stream> IsoImageManager::stream() const {
  if (!stream_) throw Error(IMAPI_E_IMAGEMANAGER_NO_IMAGE, "no image: call SetPath or SetStream first");
  return stream_;
}

std::shared_ptr<BlockSource> IsoImageManager::source() const {
  if (stream_) return stream_source(stream_);
  if (!path_.empty()) return open_file_source(path_);
  throw Error(IMAPI_E_IMAGEMANAGER_NO_IMAGE, "no image to check: call SetPath or SetStream first");
}

void IsoImageManager::validate() const {
  auto s = source();
  if (s->size() % kBlockSize == 0 && s->size() / kBlockSize > INT32_MAX)
    throw Error(IMAPI_E_IMAGEMANAGER_IMAGE_TOO_BIG, "the image has more than 2^31-1 blocks");
  ImageReader(s).validate();
}

}  // namespace imapi::fs
