#include "fs/rockridge/susp.hpp"

#include <algorithm>
#include <cstring>

#include "fs/block_size.hpp"
#include "fs/iso9660/encoding.hpp"

namespace imapi::fs::rockridge {

using iso9660::put_u32_both;

namespace {
constexpr size_t kMaxEntry = 255;
constexpr uint8_t kContinue = 0x01;
}  // namespace

uint8_t* EntryList::add(const char sig[2], size_t len) {
  size_t at = bytes_.size();
  bytes_.resize(at + len, 0);
  uint8_t* e = bytes_.data() + at;
  e[0] = static_cast<uint8_t>(sig[0]);
  e[1] = static_cast<uint8_t>(sig[1]);
  e[2] = static_cast<uint8_t>(len);
  e[3] = 1;  // entry version
  ends_.push_back(bytes_.size());
  return e;
}

void sp(EntryList& l) {
  uint8_t* e = l.add("SP", 7);
  e[4] = 0xBE;
  e[5] = 0xEF;
  e[6] = 0;  // bytes skipped at the start of each system use field
}

void er(EntryList& l) {
  static constexpr std::string_view id = "IEEE_1282";
  static constexpr std::string_view des = "THE IEEE 1282 PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS.";
  static constexpr std::string_view src =
      "PLEASE CONTACT THE IEEE STANDARDS DEPARTMENT, PISCATAWAY, NJ, USA FOR THE 1282 SPECIFICATION.";
  uint8_t* e = l.add("ER", 8 + id.size() + des.size() + src.size());
  e[4] = static_cast<uint8_t>(id.size());
  e[5] = static_cast<uint8_t>(des.size());
  e[6] = static_cast<uint8_t>(src.size());
  e[7] = 1;  // extension version
  std::memcpy(e + 8, id.data(), id.size());
  std::memcpy(e + 8 + id.size(), des.data(), des.size());
  std::memcpy(e + 8 + id.size() + des.size(), src.data(), src.size());
}

void px(EntryList& l, uint32_t mode, uint32_t nlink, uint32_t uid, uint32_t gid, uint32_t serial) {
  uint8_t* e = l.add("PX", 44);
  put_u32_both(e + 4, mode);
  put_u32_both(e + 12, nlink);
  put_u32_both(e + 20, uid);
  put_u32_both(e + 28, gid);
  put_u32_both(e + 36, serial);
}

void tf(EntryList& l, const Times& t) {
  uint8_t* e = l.add("TF", 5 + 4 * 7);
  e[4] = 0x0F;  // creation, modification, access, attributes; short form
  iso9660::put_record_date(e + 5, t.creation);
  iso9660::put_record_date(e + 12, t.modification);
  iso9660::put_record_date(e + 19, t.access);
  iso9660::put_record_date(e + 26, t.modification);
}

void nm(EntryList& l, std::string_view name, size_t first_chunk) {
  constexpr size_t kChunk = kMaxEntry - 5;
  size_t chunk = std::clamp<size_t>(first_chunk, 1, kChunk);
  do {
    size_t n = std::min(chunk, name.size());
    chunk = kChunk;
    uint8_t* e = l.add("NM", 5 + n);
    e[4] = n < name.size() ? kContinue : 0;
    std::memcpy(e + 5, name.data(), n);
    name.remove_prefix(n);
  } while (!name.empty());
}

void sl(EntryList& l, std::string_view target) {
  // Component records (flags, length, content), then packed into SL entries.
  std::vector<uint8_t> comps;
  std::vector<size_t> comp_ends;
  auto add = [&](uint8_t flags, std::string_view text) {
    comps.push_back(flags);
    comps.push_back(static_cast<uint8_t>(text.size()));
    comps.insert(comps.end(), text.begin(), text.end());
    comp_ends.push_back(comps.size());
  };
  if (!target.empty() && target[0] == '/') add(0x08, {});
  for (size_t i = 0; i < target.size();) {
    size_t j = target.find('/', i);
    if (j == std::string_view::npos) j = target.size();
    std::string_view part = target.substr(i, j - i);
    if (part == ".")
      add(0x02, {});
    else if (part == "..")
      add(0x04, {});
    else if (!part.empty()) {
      constexpr size_t kMaxComponent = kMaxEntry - 5 - 2;
      while (part.size() > kMaxComponent) {
        add(kContinue, part.substr(0, kMaxComponent));  // the component goes on in the next record
        part.remove_prefix(kMaxComponent);
      }
      add(0, part);
    }
    i = j + 1;
  }
  // Greedy packing: as many whole component records per SL entry as fit.
  size_t first = 0;
  do {
    size_t last = first;
    size_t from = first == 0 ? 0 : comp_ends[first - 1];
    while (last < comp_ends.size() && 5 + comp_ends[last] - from <= kMaxEntry) ++last;
    size_t to = last == 0 ? 0 : comp_ends[last - 1];
    uint8_t* e = l.add("SL", 5 + to - from);
    e[4] = last < comp_ends.size() ? kContinue : 0;
    std::memcpy(e + 5, comps.data() + from, to - from);
    first = last;
  } while (first < comp_ends.size());
}

void cl(EntryList& l, uint32_t block) { put_u32_both(l.add("CL", 12) + 4, block); }

void pl(EntryList& l, uint32_t block) { put_u32_both(l.add("PL", 12) + 4, block); }

void re(EntryList& l) { l.add("RE", 4); }

std::vector<uint8_t> ce(uint32_t block, uint32_t offset, uint32_t length) {
  EntryList l;
  uint8_t* e = l.add("CE", kCeLength);
  put_u32_both(e + 4, block);
  put_u32_both(e + 12, offset);
  put_u32_both(e + 20, length);
  return {l.data(), l.data() + l.total()};
}

Split split_entries(const EntryList& l, size_t room) {
  Split s;
  const size_t n = l.count();
  if (l.total() <= room) {
    s.inline_count = n;
    return s;
  }
  size_t i = 0;
  while (i < n && l.start_of(i + 1) + kCeLength <= room) ++i;
  s.inline_count = i;
  // Continuation areas stay within one block, so a piece holds at most a block, CE included.
  constexpr size_t kPieceRoom = kBlockSize - kCeLength;
  while (i < n) {
    size_t from = l.start_of(i);
    while (i < n && l.start_of(i + 1) - from <= kPieceRoom) ++i;
    s.piece_ends.push_back(i);
  }
  return s;
}

}  // namespace imapi::fs::rockridge
