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
  // Inputs are small; an image needs at least 17 blocks, so the fuzzer's bytes
  // are laid over a zeroed 40-block image starting at the volume descriptors.
  std::vector<uint8_t> image(40 * 2048, 0);
  std::copy_n(data, std::min(size, image.size() - 16 * 2048), image.begin() + 16 * 2048);
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
