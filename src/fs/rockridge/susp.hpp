// System Use Sharing Protocol 1.12 and Rock Ridge (RRIP 1.12) entries, and the
// split of a record's entries between its system use field and continuation areas.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "fs/tree/node.hpp"

namespace imapi::fs::rockridge {

using Entry = std::vector<uint8_t>;

inline constexpr size_t kCeLength = 28;
inline constexpr uint32_t kTypeDir = 0040000;
inline constexpr uint32_t kTypeFile = 0100000;
inline constexpr uint32_t kTypeSymlink = 0120000;

Entry sp();
// The "IEEE_1282" extension reference (RRIP 1.12), recorded once, in the root's "." record.
Entry er();
Entry px(uint32_t mode, uint32_t nlink, uint32_t uid, uint32_t gid, uint32_t serial);
Entry tf(const Times& times);
// Alternate name; split into several NM entries (CONTINUE) when longer than one entry holds.
std::vector<Entry> nm(std::string_view name);
// Symbolic link target, as components over as many SL entries as needed.
std::vector<Entry> sl(std::string_view target);
Entry cl(uint32_t child_block);
Entry pl(uint32_t parent_block);
Entry re();
Entry ce(uint32_t block, uint32_t offset, uint32_t length);

// A record's SUSP entries split into what fits in the record and continuation pieces.
struct Split {
  std::vector<uint8_t> inline_part;          // without the trailing CE
  std::vector<std::vector<uint8_t>> pieces;  // each without its trailing CE
  bool continued() const { return !pieces.empty(); }
  // Bytes the record's system use field takes, CE included.
  size_t inline_size() const { return inline_part.size() + (continued() ? kCeLength : 0); }
  // Bytes piece i takes, CE to the next piece included.
  size_t piece_size(size_t i) const { return pieces[i].size() + (i + 1 < pieces.size() ? kCeLength : 0); }
};

// `room` is what the directory record leaves for system use.
Split split_entries(const std::vector<Entry>& entries, size_t room);

}  // namespace imapi::fs::rockridge
