// UDF file identifiers, symbolic link path components and file entries: what
// the UDF writer records per file, checked byte by byte.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "fs/udf/ecma167.hpp"
#include "fs/udf/file_entries.hpp"
#include "fs/udf/names.hpp"
#include "fs/udf/volume_descriptors.hpp"

using namespace imapi::fs::udf;

namespace {

uint32_t u32(const uint8_t* p) { return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24; }
uint16_t u16(const uint8_t* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

void require_valid_tag(const uint8_t* d, uint16_t id, uint32_t location) {
  CHECK(u16(d) == id);
  CHECK(tag_checksum(std::span<const uint8_t, 16>(d, 16)) == d[4]);
  const uint16_t crc_length = u16(d + 10);
  CHECK(crc_itu_t(std::span<const uint8_t>(d + 16, crc_length)) == u16(d + 8));
  CHECK(u32(d + 12) == location);
}

}  // namespace

TEST_CASE("UDF identifiers keep names that fit and shorten the rest uniquely", "[udf]") {
  const std::string fits(200, 'a');
  const std::string latin1_255(255, 'b');            // CS0: 1 + 255 bytes, one too many
  const std::string mixed = std::string(250, 'c') + "\xE6\x97\xA5";  // one CJK char: 16-bit CS0
  const std::string mixed2 = std::string(250, 'c') + "\xE6\x9C\x88";
  auto ids = file_identifiers({fits, latin1_255, mixed, mixed2});
  REQUIRE(ids.size() == 4);
  CHECK(ids[0] == encode_cs0(fits));
  std::set<std::vector<uint8_t>> unique(ids.begin(), ids.end());
  CHECK(unique.size() == 4);
  for (const auto& id : ids) CHECK(id.size() <= kMaxIdentifierBytes);
  CHECK(ids[1][0] == 8);
  // Both lose their last (wide) character to fit, which makes them equal but for ~1.
  CHECK(ids[2] != ids[3]);
  const std::string last(ids[3].begin(), ids[3].end());
  CHECK(last.substr(last.size() - 2) == "~1");
}

TEST_CASE("UDF identifiers: shortened names that collide get ~N before the extension", "[udf]") {
  const std::string a = std::string(300 / 2, 'x') + std::string(110, 'y') + ".txt";  // 264 bytes
  const std::string b = std::string(300 / 2, 'x') + std::string(110, 'y') + "z.txt";
  auto ids = file_identifiers({a.substr(0, 255), b.substr(0, 255)});
  REQUIRE(ids.size() == 2);
  CHECK(ids[0] != ids[1]);
  for (const auto& id : ids) CHECK(id.size() <= kMaxIdentifierBytes);
}

TEST_CASE("UDF symbolic links: ECMA-167 path components", "[udf]") {
  auto c = symlink_components("/usr/../lib/./x");
  const std::vector<uint8_t> want = {2, 0, 0, 0,                          // root
                                     5, 4, 0, 0, 8, 'u', 's', 'r',        // "usr"
                                     3, 0, 0, 0,                          // parent
                                     5, 4, 0, 0, 8, 'l', 'i', 'b',        // "lib"
                                     4, 0, 0, 0,                          // current
                                     5, 2, 0, 0, 8, 'x'};
  CHECK(c == want);
  CHECK(symlink_components("a//b").size() == 2 * 6);
}

TEST_CASE("UDF file entries: fields, allocation descriptors and a valid tag", "[udf]") {
  std::vector<uint8_t> block(imapi::fs::kBlockSize);
  Revision r{0x201};
  FileEntryFields f;
  f.type = kFileTypeRegular;
  f.uid = 1000;
  f.gid = 100;
  f.mode = 04754;
  f.unique_id = 42;
  f.size = 3 * kMaxExtentBytes + 5;  // four extents
  f.data = {100, f.size, 0};
  write_file_entry(block.data(), 77, r, f);
  const uint8_t* b = block.data();
  require_valid_tag(b, kTagFileEntry, 77);
  CHECK(u16(b + 2) == 3);           // descriptor version of UDF 2.00 on
  CHECK(b[27] == kFileTypeRegular);
  CHECK((u16(b + 34) & 7) == 1);    // long_ad
  CHECK((u16(b + 34) & 0x40) != 0);  // setuid
  CHECK(u32(b + 36) == 1000);
  CHECK(u32(b + 44) == ((04 << 0) | (05 << 5) | (07 << 10)));  // other r, group r-x, owner rwx
  CHECK(u32(b + 172) == 4 * 16);    // four long_ads
  const uint8_t* ad = b + 176;
  CHECK(u32(ad) == kMaxExtentBytes);
  CHECK(u32(ad + 4) == 100);
  CHECK(u32(ad + 16 + 4) == 100 + kMaxExtentBytes / imapi::fs::kBlockSize);
  CHECK(u32(ad + 48) == 5);

  FileEntryFields too_big;
  too_big.size = too_big.data.bytes = (max_extents(false) + 1) * kMaxExtentBytes;
  CHECK_THROWS(write_file_entry(block.data(), 1, r, too_big));
}

TEST_CASE("UDF file identifier descriptors are padded to 4 bytes and tagged where they start", "[udf]") {
  std::vector<uint8_t> buf(64, 0xEE);
  auto name = encode_cs0("ab");
  Identifier id;
  id.name = name;
  id.icb_block = 9;
  id.directory = true;
  id.unique_id = 77;
  REQUIRE(identifier_length(name.size()) == 44);
  write_identifier(buf.data(), 5, Revision{0x102}, id);
  require_valid_tag(buf.data(), kTagFileIdentifier, 5);
  CHECK(buf[18] == 0x02);
  CHECK(buf[19] == 3);
  CHECK(u32(buf.data() + 24) == 9);
  CHECK(u32(buf.data() + 32) == 77);
  CHECK(buf[41] == 0);  // padding
  CHECK(buf[44] == 0xEE);  // nothing written past the descriptor
}
