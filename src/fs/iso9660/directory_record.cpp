#include "fs/iso9660/directory_record.hpp"

#include <cstring>

#include "fs/iso9660/encoding.hpp"

namespace imapi::fs::iso9660 {

size_t write_record(uint8_t* p, const RecordFields& r) {
  size_t len = record_length(r.identifier.size(), r.system_use.size());
  std::memset(p, 0, len);
  p[0] = static_cast<uint8_t>(len);
  p[1] = 0;  // extended attribute record length
  put_u32_both(p + 2, r.extent);
  put_u32_both(p + 10, r.size);
  put_record_date(p + 18, r.time_ns);
  p[25] = r.flags;
  p[26] = 0;  // file unit size (not interleaved)
  p[27] = 0;  // interleave gap
  put_u16_both(p + 28, 1);  // volume sequence number
  p[32] = static_cast<uint8_t>(r.identifier.size());
  std::memcpy(p + 33, r.identifier.data(), r.identifier.size());
  size_t su = 33 + r.identifier.size() + (r.identifier.size() % 2 == 0 ? 1 : 0);
  if (!r.system_use.empty()) std::memcpy(p + su, r.system_use.data(), r.system_use.size());
  return len;
}

void append_record(std::vector<uint8_t>& out, const RecordFields& r) {
  size_t at = out.size();
  out.resize(at + record_length(r.identifier.size(), r.system_use.size()));
  write_record(out.data() + at, r);
}

std::vector<uint8_t> path_table(const std::vector<PathTableEntry>& entries, bool big_endian) {
  std::vector<uint8_t> out;
  for (const auto& e : entries) {
    size_t len = 8 + e.identifier.size() + (e.identifier.size() % 2);
    size_t at = out.size();
    out.resize(at + len, 0);
    uint8_t* p = out.data() + at;
    p[0] = static_cast<uint8_t>(e.identifier.size());
    p[1] = 0;
    if (big_endian) {
      put_u32_be(p + 2, e.extent);
      put_u16_be(p + 6, e.parent);
    } else {
      put_u32_le(p + 2, e.extent);
      put_u16_le(p + 6, e.parent);
    }
    std::memcpy(p + 8, e.identifier.data(), e.identifier.size());
  }
  return out;
}

}  // namespace imapi::fs::iso9660
