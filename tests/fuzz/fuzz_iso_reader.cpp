// libFuzzer target: any bytes, read as an ISO 9660 image, in every namespace.
// The reader must answer with an imapi::Error or a listing, never crash, hang
// or allocate without bound.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/reader/iso_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace imapi;
  using namespace imapi::fs;
  // An image needs at least 17 blocks, so the fuzzer's bytes are laid over a
  // zeroed image from the volume descriptors on: at least 40 blocks, more when
  // the input is larger (chained CE areas and deep directories need room), up
  // to 528 blocks.
  constexpr size_t kBlock = 2048, kMaxBlocks = 528;
  const size_t blocks = std::min(kMaxBlocks, std::max<size_t>(40, 16 + (size + kBlock - 1) / kBlock));
  std::vector<uint8_t> image(blocks * kBlock, 0);
  std::copy_n(data, std::min(size, image.size() - 16 * kBlock), image.begin() + 16 * kBlock);
  auto bytes = std::make_shared<const std::vector<uint8_t>>(std::move(image));
  ReaderLimits limits;
  limits.max_directory_bytes = 1 << 20;
  limits.max_entries = 100000;
  try {
    IsoReader reader(stream_source(std::make_shared<MemoryStream>(bytes)), limits);
    for (auto ns : {IsoNamespace::iso9660, IsoNamespace::joliet, IsoNamespace::rockridge}) {
      try {
        for (const auto& e : reader.list(ns)) {
          char buf[64];
          if (e.kind == EntryKind::file && e.size > 0) reader.read(e, 0, buf, std::min<int64_t>(e.size, sizeof buf));
        }
      } catch (const Error&) {
      }
    }
  } catch (const Error&) {
  }
  return 0;
}
