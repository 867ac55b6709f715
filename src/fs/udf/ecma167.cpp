#include "fs/udf/ecma167.hpp"

#include <algorithm>
#include <array>
#include <cstring>

#include "core/clock.hpp"
#include "core/utf8.hpp"
#include "fs/iso9660/encoding.hpp"

namespace imapi::fs::udf {

using iso9660::put_u16_le;
using iso9660::put_u32_le;

namespace {

// One table step per byte instead of eight bit steps: every file entry and
// identifier of an image is checksummed.
constexpr std::array<uint16_t, 256> make_crc_table() {
  std::array<uint16_t, 256> t{};
  for (unsigned b = 0; b < 256; ++b) {
    auto crc = static_cast<uint16_t>(b << 8);
    for (int i = 0; i < 8; ++i) crc = static_cast<uint16_t>((crc & 0x8000) ? (crc << 1) ^ 0x1021 : crc << 1);
    t[b] = crc;
  }
  return t;
}
constexpr auto kCrcTable = make_crc_table();

}  // namespace

uint16_t crc_itu_t(std::span<const uint8_t> bytes) {
  uint16_t crc = 0;
  for (uint8_t b : bytes) crc = static_cast<uint16_t>((crc << 8) ^ kCrcTable[((crc >> 8) ^ b) & 0xFF]);
  return crc;
}

uint8_t tag_checksum(std::span<const uint8_t, 16> tag) {
  unsigned sum = 0;
  for (size_t i = 0; i < 16; ++i)
    if (i != 4) sum += tag[i];
  return static_cast<uint8_t>(sum);
}

void write_tag(std::span<uint8_t> d, uint16_t identifier, uint16_t version, uint16_t serial, uint32_t location) {
  uint8_t* p = d.data();
  put_u16_le(p, identifier);
  put_u16_le(p + 2, version);
  p[4] = 0;
  p[5] = 0;
  put_u16_le(p + 6, serial);
  const auto body = d.subspan(16);
  put_u16_le(p + 8, crc_itu_t(body));
  put_u16_le(p + 10, static_cast<uint16_t>(body.size()));
  put_u32_le(p + 12, location);
  p[4] = tag_checksum(std::span<const uint8_t, 16>(p, 16));
}

void write_timestamp(uint8_t* p, int64_t time_ns) {
  const CivilTime c = civil_utc(time_ns);
  put_u16_le(p, 0x1000);  // type 1 (local time), offset 0 minutes: UTC
  put_u16_le(p + 2, static_cast<uint16_t>(c.year));
  p[4] = static_cast<uint8_t>(c.month);
  p[5] = static_cast<uint8_t>(c.day);
  p[6] = static_cast<uint8_t>(c.hour);
  p[7] = static_cast<uint8_t>(c.minute);
  p[8] = static_cast<uint8_t>(c.second);
  const int64_t us = c.nanoseconds / 1000;
  p[9] = static_cast<uint8_t>(us / 10000);          // centiseconds
  p[10] = static_cast<uint8_t>(us / 100 % 100);     // hundreds of microseconds
  p[11] = static_cast<uint8_t>(us % 100);           // microseconds
}

std::vector<uint8_t> encode_cs0(std::string_view utf8_text) {
  auto cps = utf8::decode(utf8_text).value_or(std::u32string());
  bool narrow = true;
  for (char32_t c : cps) narrow = narrow && c <= 0xFF;
  std::vector<uint8_t> out{static_cast<uint8_t>(narrow ? 8 : 16)};
  if (narrow) {
    for (char32_t c : cps) out.push_back(static_cast<uint8_t>(c));
  } else {
    for (char16_t u : utf8::to_utf16(cps)) {
      out.push_back(static_cast<uint8_t>(u >> 8));
      out.push_back(static_cast<uint8_t>(u & 0xFF));
    }
  }
  return out;
}

std::optional<std::string> decode_cs0(std::span<const uint8_t> cs0) {
  if (cs0.empty()) return std::string();
  const uint8_t id = cs0[0];
  const auto body = cs0.subspan(1);
  if (id == 8 || id == 254) {
    std::u32string cps(body.begin(), body.end());
    return utf8::encode(cps);
  }
  if (id != 16 && id != 255) return std::nullopt;
  if (body.size() % 2 != 0) return std::nullopt;
  std::u32string cps;
  for (size_t i = 0; i < body.size(); i += 2) {
    char32_t u = static_cast<char32_t>(body[i] << 8 | body[i + 1]);
    if (u >= 0xD800 && u <= 0xDBFF) {
      if (i + 3 >= body.size()) return std::nullopt;
      char32_t lo = static_cast<char32_t>(body[i + 2] << 8 | body[i + 3]);
      if (lo < 0xDC00 || lo > 0xDFFF) return std::nullopt;
      cps.push_back(0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
      i += 2;
    } else if (u >= 0xDC00 && u <= 0xDFFF) {
      return std::nullopt;
    } else {
      cps.push_back(u);
    }
  }
  return utf8::encode(cps);
}

void write_dstring(uint8_t* p, size_t width, std::string_view utf8_text) {
  std::memset(p, 0, width);
  if (utf8_text.empty() || width < 2) return;  // an empty dstring is all zeros
  auto cs0 = encode_cs0(utf8_text);
  size_t room = width - 1;
  size_t n = std::min(cs0.size(), room);
  if (cs0[0] == 16) {
    n = 1 + (n - 1) / 2 * 2;  // whole units
    if (n >= 3 && cs0[n - 2] >= 0xD8 && cs0[n - 2] <= 0xDB) n -= 2;  // never half a surrogate pair
  }
  std::memcpy(p, cs0.data(), n);
  p[width - 1] = static_cast<uint8_t>(n);
}

void write_entity_id(uint8_t* p, std::string_view identifier, std::span<const uint8_t> suffix, uint8_t flags) {
  std::memset(p, 0, 32);
  p[0] = flags;
  std::copy_n(identifier.begin(), std::min<size_t>(identifier.size(), 23), p + 1);
  std::copy_n(suffix.begin(), std::min<size_t>(suffix.size(), 8), p + 24);  // an empty suffix may have no data()
}

std::vector<uint8_t> udf_revision_suffix(uint16_t revision) {
  return {static_cast<uint8_t>(revision & 0xFF), static_cast<uint8_t>(revision >> 8), 0, 0, 0, 0, 0, 0};
}

void write_short_ad(uint8_t* p, uint32_t length, uint32_t position) {
  put_u32_le(p, length);
  put_u32_le(p + 4, position);
}

void write_long_ad(uint8_t* p, uint32_t length, uint32_t block, uint16_t partition) {
  std::memset(p, 0, 16);
  put_u32_le(p, length);
  put_u32_le(p + 4, block);
  put_u16_le(p + 8, partition);
}

void write_extent_ad(uint8_t* p, uint32_t length, uint32_t location) {
  put_u32_le(p, length);
  put_u32_le(p + 4, location);
}

}  // namespace imapi::fs::udf
