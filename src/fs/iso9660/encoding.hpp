// ECMA-119 field encodings (section 7): little/big/both-endian numbers, dates, padded strings.
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace imapi::fs::iso9660 {

inline uint16_t get_u16_le(const uint8_t* p) { return static_cast<uint16_t>(p[0] | (p[1] << 8)); }
inline uint32_t get_u32_le(const uint8_t* p) {
  return p[0] | (p[1] << 8) | (p[2] << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
inline uint64_t get_u64_le(const uint8_t* p) { return get_u32_le(p) | (static_cast<uint64_t>(get_u32_le(p + 4)) << 32); }
inline void put_u16_le(uint8_t* p, uint16_t v) { p[0] = static_cast<uint8_t>(v); p[1] = static_cast<uint8_t>(v >> 8); }
inline void put_u16_be(uint8_t* p, uint16_t v) { p[0] = static_cast<uint8_t>(v >> 8); p[1] = static_cast<uint8_t>(v); }
inline void put_u32_le(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline void put_u64_le(uint8_t* p, uint64_t v) {
  for (int i = 0; i < 8; ++i) p[i] = static_cast<uint8_t>(v >> (8 * i));
}
inline void put_u32_be(uint8_t* p, uint32_t v) {
  for (int i = 0; i < 4; ++i) p[i] = static_cast<uint8_t>(v >> (8 * (3 - i)));
}
// 7.2.3 and 7.3.3: both-byte orders.
inline void put_u16_both(uint8_t* p, uint16_t v) { put_u16_le(p, v); put_u16_be(p + 2, v); }
inline void put_u32_both(uint8_t* p, uint32_t v) { put_u32_le(p, v); put_u32_be(p + 4, v); }

// 9.1.5: seven bytes (years since 1900 .. seconds, GMT offset 0), from nanoseconds since the epoch.
void put_record_date(uint8_t* p, int64_t time_ns);
// 8.4.26.1: "YYYYMMDDHHMMSScc" + GMT offset; time_ns < 0 writes the "not specified" form.
void put_volume_date(uint8_t* p, int64_t time_ns);

// Copies `s` into a field of `width` bytes padded with spaces (a- and d-character fields).
inline void put_padded(uint8_t* p, size_t width, std::string_view s) {
  std::memset(p, ' ', width);
  std::memcpy(p, s.data(), std::min(width, s.size()));
}
// A UCS-2 big-endian field padded with U+0020 (Joliet). Odd widths end with one zero byte.
void put_padded_ucs2(uint8_t* p, size_t width, std::u16string_view s);

}  // namespace imapi::fs::iso9660
