// libFuzzer target: any bytes, read as a UDF volume. The input is laid over
// the places a UDF reader looks (it could never reach sector 256 otherwise):
// 3 sectors at 16 (recognition), 6 at 32 (descriptor sequence), 1 at 64
// (integrity), 1 at 256 (anchor), then up to 400 from 257 (the partition: room
// for file entries, allocation extents and the data their extents claim). The
// reader must answer with an imapi::Error or a listing, never crash, hang or
// allocate without bound. Seeds: tests/fuzz/corpus/udf, made by make_udf_seeds.sh
// (small trees) and make_large_seeds.py (files of several extents, holes, chained
// allocation extent descriptors).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/reader/udf_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace imapi;
  using namespace imapi::fs;
  constexpr size_t kSector = 2048;
  std::vector<uint8_t> image(660 * kSector, 0);
  size_t used = 0;
  for (auto [at, count] : {std::pair<size_t, size_t>{16, 3}, {32, 6}, {64, 1}, {256, 1}, {257, 400}}) {
    const size_t n = std::min(size - used, count * kSector);
    std::copy_n(data + used, n, image.begin() + static_cast<std::ptrdiff_t>(at * kSector));
    used += n;
    if (used == size) break;
  }
  auto bytes = std::make_shared<const std::vector<uint8_t>>(std::move(image));
  ReaderLimits limits;
  limits.max_directory_bytes = 1 << 20;
  limits.max_entries = 100000;
  try {
    UdfReader reader(stream_source(std::make_shared<MemoryStream>(bytes)), limits);
    for (const auto& e : reader.list()) {
      char buf[64];
      if (e.kind == EntryKind::file && e.size > 0) reader.read(e, 0, buf, std::min<int64_t>(e.size, sizeof buf));
    }
  } catch (const Error&) {
  }
  return 0;
}
