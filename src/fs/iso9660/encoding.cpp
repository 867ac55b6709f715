#include "fs/iso9660/encoding.hpp"

#include <cstdio>

#include "core/clock.hpp"

namespace imapi::fs::iso9660 {


void put_record_date(uint8_t* p, int64_t time_ns) {
  CivilTime c = civil_utc(time_ns);
  int years = c.year - 1900;
  if (years < 0) years = 0;
  if (years > 255) years = 255;
  p[0] = static_cast<uint8_t>(years);
  p[1] = static_cast<uint8_t>(c.month);
  p[2] = static_cast<uint8_t>(c.day);
  p[3] = static_cast<uint8_t>(c.hour);
  p[4] = static_cast<uint8_t>(c.minute);
  p[5] = static_cast<uint8_t>(c.second);
  p[6] = 0;
}

void put_volume_date(uint8_t* p, int64_t time_ns) {
  if (time_ns < 0) {
    std::memset(p, '0', 16);
    p[16] = 0;
    return;
  }
  CivilTime c = civil_utc(time_ns);
  char buf[24];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d%02d%02d%02d%02d", c.year % 10000, c.month, c.day, c.hour, c.minute,
                c.second, static_cast<int>(c.nanoseconds / 10'000'000));
  std::memcpy(p, buf, 16);
  p[16] = 0;
}

void put_padded_ucs2(uint8_t* p, size_t width, std::u16string_view s) {
  for (size_t i = 0; i + 1 < width; i += 2) {
    char16_t c = i / 2 < s.size() ? s[i / 2] : u' ';
    put_u16_be(p + i, static_cast<uint16_t>(c));
  }
  if (width % 2) p[width - 1] = 0;
}

}  // namespace imapi::fs::iso9660
