// Images in memory for reader tests: a file's content from a string, an image's
// bytes, and a block source over bytes (a test may damage them first).
#pragma once

#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <vector>

#include "core/stream.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/layout/image_stream.hpp"
#include "fs/reader/block_source.hpp"

namespace imapi::fs::test {

inline std::shared_ptr<Stream> text_stream(const std::string& s) {
  return std::make_shared<MemoryStream>(std::make_shared<const std::vector<uint8_t>>(s.begin(), s.end()));
}

inline std::vector<uint8_t> bytes_of(const FileSystemImage& img) {
  auto stream = std::make_shared<ImageStream>(img.create_result());
  std::vector<uint8_t> out(static_cast<size_t>(stream->size()));
  REQUIRE(stream->read(out.data(), stream->size()) == stream->size());
  return out;
}

inline std::shared_ptr<BlockSource> memory_source(std::vector<uint8_t> bytes) {
  return stream_source(std::make_shared<MemoryStream>(std::make_shared<std::vector<uint8_t>>(std::move(bytes))));
}

}  // namespace imapi::fs::test
