// What each UDF revision writes differently. IMAPI's UDFRevision values are
// the revision in BCD (0x102 = 1.02 ... 0x260 = 2.60).
#pragma once

#include <cstdint>
#include <span>
#include <string>

namespace imapi::fs::udf {

inline constexpr uint16_t kRevision102 = 0x102, kRevision150 = 0x150, kRevision200 = 0x200, kRevision201 = 0x201,
                          kRevision250 = 0x250, kRevision260 = 0x260;
// Every revision this library writes (and what imapi_fsimage_get_udf_revisions_supported lists).
inline constexpr uint16_t kRevisions[] = {kRevision102, kRevision150, kRevision200,
                                          kRevision201, kRevision250, kRevision260};
// IMAPI's UDFRevision before anyone sets it.
inline constexpr uint16_t kDefaultRevision = kRevision102;

// "0x102, 0x150, 0x200, 0x201, 0x250 or 0x260", for messages.
inline std::string revision_list() {
  std::string s;
  for (size_t i = 0; i < std::size(kRevisions); ++i) {
    if (i > 0) s += i + 1 == std::size(kRevisions) ? " or " : ", ";
    static constexpr char kHex[] = "0123456789ABCDEF";
    const unsigned r = kRevisions[i];
    s += std::string("0x") + kHex[(r >> 8) & 0xF] + kHex[(r >> 4) & 0xF] + kHex[r & 0xF];
  }
  return s;
}

inline bool is_supported_revision(int32_t r) {
  for (uint16_t x : kRevisions)
    if (x == r) return true;
  return false;
}

struct Revision {
  uint16_t value = kDefaultRevision;
  // ECMA-167 2nd edition (NSR02, descriptor version 2) up to 1.50, 3rd edition after.
  bool ecma167_3rd() const { return value >= kRevision200; }
  uint16_t descriptor_version() const { return ecma167_3rd() ? 3 : 2; }
  const char* nsr() const { return ecma167_3rd() ? "+NSR03" : "+NSR02"; }
  // The metadata partition (2.2.10) from 2.50 on.
  bool metadata_partition() const { return value >= kRevision250; }
  // 2.60 only adds pseudo-overwrite, which 2.50 readers need not understand to
  // read: the minimum read revision of 2.60 media is 2.50.
  uint16_t min_read() const { return value >= kRevision260 ? kRevision250 : value; }
};

}  // namespace imapi::fs::udf
