#include <catch2/catch.hpp>

#include <array>
#include <cstring>
#include <string>

#include "fs/udf/ecma167.hpp"

using namespace imapi::fs::udf;

TEST_CASE("CRC-ITU-T as ECMA-167 7.2.6 defines it", "[udf]") {
  // The CRC-16/XMODEM check value (same polynomial 0x1021, initial value 0, unreflected).
  std::string check = "123456789";
  CHECK(crc_itu_t({reinterpret_cast<const uint8_t*>(check.data()), check.size()}) == 0x31C3);
  // The example in the UDF specification's CRC section.
  const uint8_t example[] = {0x70, 0x6A, 0x77};
  CHECK(crc_itu_t(example) == 0x3299);
  CHECK(crc_itu_t({}) == 0);
}

TEST_CASE("descriptor tags: identifier, CRC over the body, checksum of the tag", "[udf]") {
  std::array<uint8_t, 512> d{};
  for (size_t i = 16; i < d.size(); ++i) d[i] = static_cast<uint8_t>(i * 7);
  write_tag(d, 2, 3, 1, 256);  // an anchor volume descriptor pointer at block 256
  CHECK(d[0] == 2);
  CHECK(d[2] == 3);
  CHECK(d[6] == 1);
  uint16_t crc = static_cast<uint16_t>(d[8] | (d[9] << 8));
  CHECK(crc == crc_itu_t(std::span<const uint8_t>(d).subspan(16)));
  CHECK((d[10] | (d[11] << 8)) == 496);
  CHECK((d[12] | (d[13] << 8)) == 256);
  unsigned sum = 0;
  for (size_t i = 0; i < 16; ++i)
    if (i != 4) sum += d[i];
  CHECK(d[4] == static_cast<uint8_t>(sum));
}

TEST_CASE("timestamps are UTC with microseconds", "[udf]") {
  std::array<uint8_t, 12> t{};
  write_timestamp(t.data(), 1704164645LL * 1'000'000'000 + 123'456'000);  // 2024-01-02 03:04:05.123456
  CHECK(t == std::array<uint8_t, 12>{0x00, 0x10, 0xE8, 0x07, 1, 2, 3, 4, 5, 12, 34, 56});
}

TEST_CASE("OSTA CS0: 8-bit when it fits, else 16-bit, dstrings end with their length", "[udf]") {
  auto latin = encode_cs0("Grüße");
  CHECK(latin == std::vector<uint8_t>{8, 'G', 'r', 0xFC, 0xDF, 'e'});
  auto wide = encode_cs0("Ж😀");
  CHECK(wide == std::vector<uint8_t>{16, 0x04, 0x16, 0xD8, 0x3D, 0xDE, 0x00});
  std::array<uint8_t, 32> field{};
  write_dstring(field.data(), field.size(), "LABEL");
  CHECK(field[0] == 8);
  CHECK(std::memcmp(field.data() + 1, "LABEL", 5) == 0);
  CHECK(field[31] == 6);
  write_dstring(field.data(), 8, "ЖЖЖЖЖ");  // 16-bit: room for 3 units in 7 bytes
  CHECK(field[0] == 16);
  CHECK(field[7] == 7);
  write_dstring(field.data(), 6, "a😀");  // never half a surrogate pair
  CHECK(field[5] == 3);
  write_dstring(field.data(), 16, "");
  CHECK(field[15] == 0);
}

TEST_CASE("entity identifiers carry the UDF revision in their suffix", "[udf]") {
  std::array<uint8_t, 32> id{};
  write_entity_id(id.data(), "*OSTA UDF Compliant", udf_revision_suffix(0x0250));
  CHECK(std::memcmp(id.data() + 1, "*OSTA UDF Compliant", 19) == 0);
  CHECK(id[24] == 0x50);
  CHECK(id[25] == 0x02);
  std::array<uint8_t, 16> ad{};
  write_long_ad(ad.data(), 2048, 5, 0);
  CHECK(ad[1] == 0x08);
  CHECK(ad[4] == 5);
}
