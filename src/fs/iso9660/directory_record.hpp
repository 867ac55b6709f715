// ECMA-119 9.1 directory records and 9.4 path table records.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace imapi::fs::iso9660 {

inline constexpr uint8_t kFlagHidden = 0x01;
inline constexpr uint8_t kFlagDirectory = 0x02;
inline constexpr uint8_t kFlagMultiExtent = 0x80;
// Length of a directory record's fixed part (before the identifier).
inline constexpr size_t kRecordFixed = 33;
inline constexpr size_t kMaxRecord = 255;

struct RecordFields {
  uint32_t extent = 0;  // logical block
  uint32_t size = 0;    // data length in bytes
  int64_t time_ns = 0;
  uint8_t flags = 0;
  std::string_view identifier;  // raw bytes (d-characters, or UCS-2BE for Joliet)
  std::string_view system_use;  // SUSP bytes
};

// Bytes a record takes: fixed part, identifier, padding to even, system use, padding to even.
inline size_t record_length(size_t id_len, size_t su_len) {
  size_t n = kRecordFixed + id_len + (id_len % 2 == 0 ? 1 : 0) + su_len;
  return n + (n % 2);
}
// Room left for system use in a record with this identifier.
inline size_t system_use_room(size_t id_len) {
  size_t used = kRecordFixed + id_len + (id_len % 2 == 0 ? 1 : 0);
  return (kMaxRecord - used) & ~size_t{1};
}

// Appends one record to `out` (the caller keeps records from crossing blocks).
void append_record(std::vector<uint8_t>& out, const RecordFields& r);
// Writes a record at p; returns its length.
size_t write_record(uint8_t* p, const RecordFields& r);

struct PathTableEntry {
  std::string_view identifier;  // "\0" for the root
  uint32_t extent = 0;
  uint16_t parent = 1;  // 1-based number of the parent in the table
};
// A whole path table, little-endian (type L) or big-endian (type M).
std::vector<uint8_t> path_table(const std::vector<PathTableEntry>& entries, bool big_endian);

}  // namespace imapi::fs::iso9660
