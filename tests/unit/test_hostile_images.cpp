// Crafted hostile images (issue 10, point 9): each case failed before its fix.
#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/stream.hpp"
#include "fs/reader/iso_reader.hpp"

using namespace imapi;
using namespace imapi::fs;

namespace {

constexpr size_t kB = 2048;

void put32(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
void put_both32(uint8_t* p, uint32_t v) {  // ECMA-119 both-byte order
  put32(p, v);
  for (int i = 0; i < 4; ++i) p[4 + i] = static_cast<uint8_t>(v >> (8 * (3 - i)));
}

// A directory record of `len` bytes: extent, size, flags, identifier; returns its system use area.
uint8_t* record(uint8_t* p, size_t len, uint32_t extent, uint32_t size, uint8_t flags, std::string_view id) {
  p[0] = static_cast<uint8_t>(len);
  put_both32(p + 2, extent);
  put_both32(p + 10, size);
  p[25] = flags;
  p[32] = static_cast<uint8_t>(id.size());
  std::memcpy(p + 33, id.data(), id.size());
  return p + 33 + id.size() + (id.size() % 2 == 0 ? 1 : 0);
}

uint8_t* susp(uint8_t* p, const char sig[2], size_t len) {
  p[0] = static_cast<uint8_t>(sig[0]);
  p[1] = static_cast<uint8_t>(sig[1]);
  p[2] = static_cast<uint8_t>(len);
  p[3] = 1;
  return p + 4;
}

uint8_t* ce(uint8_t* p, uint32_t block, uint32_t offset, uint32_t length) {
  uint8_t* d = susp(p, "CE", 28);
  put_both32(d, block);
  put_both32(d + 8, offset);
  put_both32(d + 16, length);
  return p + 28;
}

// An ISO 9660 image with Rock Ridge whose root holds one file "A;1": its NM
// name continues through `areas` chained CE areas (blocks 19...), each with
// `per_area` NM pieces of 250 bytes. `ce_offset`/`ce_length` shape the first CE.
std::vector<uint8_t> nm_chain_image(int areas, int per_area, uint32_t ce_offset = 0, uint32_t ce_length = kB) {
  const uint32_t blocks = 19 + static_cast<uint32_t>(areas) + 1;
  std::vector<uint8_t> img(blocks * kB, 0);
  uint8_t* pvd = img.data() + 16 * kB;
  pvd[0] = 1;
  std::memcpy(pvd + 1, "CD001", 5);
  pvd[6] = 1;
  put_both32(pvd + 80, blocks);
  record(pvd + 156, 34, 18, kB, 0x02, std::string_view("\0", 1));
  uint8_t* term = img.data() + 17 * kB;
  term[0] = 255;
  std::memcpy(term + 1, "CD001", 5);
  term[6] = 1;
  uint8_t* dir = img.data() + 18 * kB;
  uint8_t* su = record(dir, 42, 18, kB, 0x02, std::string_view("\0", 1));
  uint8_t* sp = susp(su, "SP", 7);
  sp[0] = 0xBE;
  sp[1] = 0xEF;
  record(dir + 42, 34, 18, kB, 0x02, std::string_view("\1", 1));
  uint8_t* f = dir + 76;
  su = record(f, 70, 0, 0, 0, "A;1");
  uint8_t* nm = susp(su, "NM", 6);
  nm[0] = 0x01;  // CONTINUE
  nm[1] = 'x';
  ce(su + 6, 19, ce_offset, ce_length);
  for (int a = 0; a < areas; ++a) {
    uint8_t* p = img.data() + (19 + static_cast<size_t>(a)) * kB;
    for (int k = 0; k < per_area; ++k) {
      uint8_t* d = susp(p, "NM", 255);
      const bool last = a == areas - 1 && k == per_area - 1;
      d[0] = last ? 0 : 0x01;
      std::memset(d + 1, 'a' + (k % 26), 250);
      p += 255;
    }
    if (a + 1 < areas) ce(p, 19 + static_cast<uint32_t>(a) + 1, 0, kB);
  }
  return img;
}

IsoReader reader_of(std::vector<uint8_t> bytes, ReaderLimits limits = {}) {
  auto shared = std::make_shared<const std::vector<uint8_t>>(std::move(bytes));
  return IsoReader(stream_source(std::make_shared<MemoryStream>(shared)), limits);
}

std::string failure_of(const std::function<void()>& f, int32_t* code = nullptr) {
  try {
    f();
  } catch (const Error& e) {
    if (code) *code = e.code();
    return e.message();
  }
  return "";
}

}  // namespace

TEST_CASE("hostile: Rock Ridge NM pieces chained through CE areas are bounded at 255 bytes", "[reader][hostile]") {
  // A short chain is an ordinary long name, and reads.
  {
    auto r = reader_of(nm_chain_image(1, 1));
    auto l = r.list(IsoNamespace::rockridge);
    REQUIRE(l.size() == 1);
    CHECK(l[0].path == "/x" + std::string(250, 'a'));
  }
  // 32 chained areas of 7 pieces: a 56,000-byte name, which no POSIX reader takes.
  int32_t code = 0;
  auto msg = failure_of([] { reader_of(nm_chain_image(32, 7)).list(IsoNamespace::rockridge); }, &code);
  CHECK(code == IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR);
  CHECK(msg.find("longer than 255 bytes") != std::string::npos);
  CHECK(msg.find("block 18") != std::string::npos);
  // A CE area that runs past the end of its block (SUSP 5.1 keeps it in one).
  msg = failure_of([] { reader_of(nm_chain_image(2, 1, 1000, 2048)).list(IsoNamespace::rockridge); });
  CHECK(msg.find("crosses the end of its block") != std::string::npos);
}

TEST_CASE("hostile: a listing's memory is bounded relative to the image's size", "[reader][hostile]") {
  ReaderLimits tight;
  tight.min_listing_bytes = 0;
  tight.listing_bytes_per_image_byte = 0;  // nothing at all may be kept
  auto msg = failure_of([&] { reader_of(nm_chain_image(1, 1), tight).list(IsoNamespace::rockridge); });
  CHECK(msg.find("MiB of memory") != std::string::npos);
  // The default leaves room for what an honest image of the same size lists.
  CHECK(reader_of(nm_chain_image(1, 1)).list(IsoNamespace::iso9660).size() == 1);
}
