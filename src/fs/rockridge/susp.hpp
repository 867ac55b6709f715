// System Use Sharing Protocol 1.12 and Rock Ridge (RRIP 1.12) entries, and the
// split of a record's entries between its system use field and continuation areas.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "fs/tree/node.hpp"

namespace imapi::fs::rockridge {

// A record's SUSP entries, appended one after another into one buffer that is
// reused from record to record (no allocation per entry).
class EntryList {
 public:
  void clear() {
    bytes_.clear();
    ends_.clear();
  }
  // Starts an entry of `len` bytes with its header; returns a pointer to its first byte.
  uint8_t* add(const char sig[2], size_t len);
  size_t count() const { return ends_.size(); }
  size_t start_of(size_t i) const { return i == 0 ? 0 : ends_[i - 1]; }
  size_t total() const { return bytes_.size(); }
  const uint8_t* data() const { return bytes_.data(); }

 private:
  std::vector<uint8_t> bytes_;
  std::vector<size_t> ends_;
};

inline constexpr size_t kCeLength = 28;
inline constexpr uint32_t kTypeDir = 0040000;
inline constexpr uint32_t kTypeFile = 0100000;
inline constexpr uint32_t kTypeSymlink = 0120000;

void sp(EntryList& l);
// The "IEEE_1282" extension reference (RRIP 1.12), recorded once, in the root's "." record.
void er(EntryList& l);
void px(EntryList& l, uint32_t mode, uint32_t nlink, uint32_t uid, uint32_t gid, uint32_t serial);
void tf(EntryList& l, const Times& times);
// Alternate name; several NM entries (CONTINUE) when longer than one entry
// holds. The first entry carries at most `first_chunk` bytes of the name.
void nm(EntryList& l, std::string_view name, size_t first_chunk = 250);
// Symbolic link target, as components over as many SL entries as needed.
void sl(EntryList& l, std::string_view target);
void cl(EntryList& l, uint32_t child_block);
void pl(EntryList& l, uint32_t parent_block);
void re(EntryList& l);
// A CE entry's 28 bytes.
std::vector<uint8_t> ce(uint32_t block, uint32_t offset, uint32_t length);

// How a record's entries divide between its system use field and continuation
// pieces: entries [0, inline_count) stay in the record; piece i holds entries
// [piece_ends[i-1], piece_ends[i]). Each but the last piece ends with a CE to the next.
struct Split {
  size_t inline_count = 0;
  std::vector<size_t> piece_ends;
  bool continued() const { return !piece_ends.empty(); }
  // Bytes of the record's system use field, CE included.
  size_t inline_size(const EntryList& l) const {
    return l.start_of(inline_count) + (continued() ? kCeLength : 0);
  }
  size_t piece_size(const EntryList& l, size_t i) const {
    size_t from = i == 0 ? inline_count : piece_ends[i - 1];
    return l.start_of(piece_ends[i]) - l.start_of(from) + (i + 1 < piece_ends.size() ? kCeLength : 0);
  }
};

// `room` is what the directory record leaves for system use.
Split split_entries(const EntryList& l, size_t room);

}  // namespace imapi::fs::rockridge
