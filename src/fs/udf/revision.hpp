// What each UDF revision writes differently. IMAPI's UDFRevision values are
// the revision in BCD (0x102 = 1.02 ... 0x260 = 2.60).
#pragma once

#include <cstdint>
#include <span>

namespace imapi::fs::udf {

inline constexpr uint16_t kRevisions[] = {0x102, 0x150, 0x200, 0x201, 0x250, 0x260};

inline bool is_supported_revision(int32_t r) {
  for (uint16_t x : kRevisions)
    if (x == r) return true;
  return false;
}

struct Revision {
  uint16_t value = 0x102;
  // ECMA-167 2nd edition (NSR02, descriptor version 2) up to 1.50, 3rd edition after.
  bool ecma167_3rd() const { return value >= 0x200; }
  uint16_t descriptor_version() const { return ecma167_3rd() ? 3 : 2; }
  const char* nsr() const { return ecma167_3rd() ? "+NSR03" : "+NSR02"; }
  // The metadata partition (2.2.10) from 2.50 on.
  bool metadata_partition() const { return value >= 0x250; }
  // 2.60 only adds pseudo-overwrite, which 2.50 readers need not understand to
  // read: the minimum read revision of 2.60 media is 2.50.
  uint16_t min_read() const { return value >= 0x260 ? 0x250 : value; }
};

}  // namespace imapi::fs::udf
