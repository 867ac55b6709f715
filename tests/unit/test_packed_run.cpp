// The metadata file keeps UDF's file entries without their trailing zeros
// (PackedRun); every way of reading the image must give the same bytes.
#include <sys/stat.h>

#include <cstring>
#include <random>

#include "capi_fixture.hpp"
#include "fs/layout/image_layout.hpp"
#include "fs/layout/packed_run.hpp"

using namespace test;
using imapi::fs::kBlockSize;

TEST_CASE("a packed run expands any range of its blocks to exactly what was packed", "[layout]") {
  TempDir t;
  // Blocks of every shape: empty, full, a few bytes, zeros inside, a last byte only.
  std::mt19937 rng(7);
  const int kBlocks = 40;
  std::vector<uint8_t> blocks(static_cast<size_t>(kBlocks * kBlockSize), 0);
  for (int i = 0; i < kBlocks; ++i) {
    uint8_t* b = blocks.data() + i * kBlockSize;
    switch (i % 5) {
      case 0: break;  // all zeros
      case 1: for (int k = 0; k < kBlockSize; ++k) b[k] = static_cast<uint8_t>(rng() | 1); break;
      case 2: for (int k = 0; k < 180; ++k) b[k] = static_cast<uint8_t>(rng()); break;
      case 3: b[0] = 1; b[1000] = 2; break;
      case 4: b[kBlockSize - 1] = 9; break;
    }
  }
  const int64_t first = 5;  // the run's first image block
  imapi::fs::MetadataStore store(t.path.string(), (first + kBlocks) * kBlockSize);
  imapi::fs::PackedRun run(first);
  int64_t stored = 0;
  for (int i = 0; i < kBlocks; ++i) {
    const int64_t at = run.store_offset_of_next();
    const size_t used = run.append(blocks.data() + i * kBlockSize);
    CHECK(at == first * kBlockSize + stored);
    if (used) store.write(at, blocks.data() + i * kBlockSize, static_cast<int64_t>(used));
    stored += static_cast<int64_t>(used);
  }
  CHECK(run.end_block() == first + kBlocks);
  int64_t nonzero_prefixes = 0;  // what must be stored: each block up to its last non-zero byte
  for (int i = 0; i < kBlocks; ++i)
    for (int k = kBlockSize; k > 0; --k)
      if (blocks[static_cast<size_t>(i * kBlockSize + k - 1)] != 0) {
        nonzero_prefixes += k;
        break;
      }
  CHECK(stored == nonzero_prefixes);
  for (int a = 0; a < kBlocks; ++a)
    for (int n = 1; a + n <= kBlocks; n += 3) {
      std::vector<uint8_t> out(static_cast<size_t>(n * kBlockSize), 0xEE);
      run.expand(store, first + a, n, out.data());
      INFO("blocks " << a << " + " << n);
      CHECK(std::memcmp(out.data(), blocks.data() + a * kBlockSize, out.size()) == 0);
    }
}

namespace {
// A UDF 2.50 bridge with a mirror: packed entries, and a repeat that reads from them.
std::string make_udf_bridge_stream_and_file(const TempDir& t, int32_t revision, bool mirror, std::string& file) {
  Image img;
  REQUIRE(imapi_fsimage_create(img.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_file_systems_to_create(img.get(), IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_UDF) ==
          IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_udf_revision(img.get(), revision) == IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_create_redundant_udf_metadata_files(img.get(), mirror) == IMAPI_S_OK);
  for (int i = 0; i < 300; ++i)
    t.write("src/d" + std::to_string(i % 7) + "/f" + std::to_string(i), std::string(static_cast<size_t>(i * 37), 'a' + i % 26));
  Item root;
  REQUIRE(imapi_fsimage_get_root(img.get(), root.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsitem_add_tree(root.get(), (t.path / "src").c_str(), 0) == IMAPI_S_OK);
  Result r;
  REQUIRE(imapi_fsimage_create_result_image(img.get(), r.out()) == IMAPI_S_OK);
  auto path = t.path / "out.iso";
  REQUIRE(imapi_fsimage_result_write_file(r.get(), path.c_str(), nullptr, nullptr) == IMAPI_S_OK);
  file = file_bytes(path);
  // The stream, read in pieces that cut blocks anywhere.
  Stream s;
  REQUIRE(imapi_fsimage_result_get_image_stream(r.get(), s.out()) == IMAPI_S_OK);
  std::string out;
  std::vector<char> buf(7000);
  for (size_t step = 1;; step = step * 3 % 6997 + 1) {
    int64_t n = 0;
    REQUIRE(imapi_stream_read(s.get(), buf.data(), static_cast<int64_t>(step), &n) == IMAPI_S_OK);
    if (n == 0) break;
    out.append(buf.data(), static_cast<size_t>(n));
  }
  return out;
}
}  // namespace

TEST_CASE("UDF images read through the stream in odd pieces equal the written file", "[layout][udf]") {
  for (int32_t rev : {0x102, 0x250, 0x260})
    for (bool mirror : {true, false}) {
      TempDir t;
      std::string file;
      std::string stream = make_udf_bridge_stream_and_file(t, rev, mirror, file);
      INFO("revision " << std::hex << rev << (mirror ? " with" : " without") << " a mirror");
      REQUIRE(file.size() % kBlockSize == 0);
      CHECK(stream.size() == file.size());
      CHECK(stream == file);
    }
}
