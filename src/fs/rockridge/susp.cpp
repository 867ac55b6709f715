#include "fs/rockridge/susp.hpp"

#include <algorithm>
#include <string>

#include "fs/iso9660/encoding.hpp"

namespace imapi::fs::rockridge {

using iso9660::put_u32_both;

namespace {

Entry header(const char sig[2], size_t len) {
  Entry e(len, 0);
  e[0] = static_cast<uint8_t>(sig[0]);
  e[1] = static_cast<uint8_t>(sig[1]);
  e[2] = static_cast<uint8_t>(len);
  e[3] = 1;  // entry version
  return e;
}

constexpr size_t kMaxEntry = 255;
constexpr uint8_t kContinue = 0x01;

}  // namespace

Entry sp() {
  Entry e = header("SP", 7);
  e[4] = 0xBE;
  e[5] = 0xEF;
  e[6] = 0;  // bytes skipped at the start of each system use field
  return e;
}

Entry er() {
  static constexpr std::string_view id = "IEEE_1282";
  static constexpr std::string_view des = "THE IEEE 1282 PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS.";
  static constexpr std::string_view src =
      "PLEASE CONTACT THE IEEE STANDARDS DEPARTMENT, PISCATAWAY, NJ, USA FOR THE 1282 SPECIFICATION.";
  Entry e = header("ER", 8 + id.size() + des.size() + src.size());
  e[4] = static_cast<uint8_t>(id.size());
  e[5] = static_cast<uint8_t>(des.size());
  e[6] = static_cast<uint8_t>(src.size());
  e[7] = 1;  // extension version
  std::copy(id.begin(), id.end(), e.begin() + 8);
  std::copy(des.begin(), des.end(), e.begin() + 8 + static_cast<ptrdiff_t>(id.size()));
  std::copy(src.begin(), src.end(), e.begin() + 8 + static_cast<ptrdiff_t>(id.size() + des.size()));
  return e;
}

Entry px(uint32_t mode, uint32_t nlink, uint32_t uid, uint32_t gid, uint32_t serial) {
  Entry e = header("PX", 44);
  put_u32_both(e.data() + 4, mode);
  put_u32_both(e.data() + 12, nlink);
  put_u32_both(e.data() + 20, uid);
  put_u32_both(e.data() + 28, gid);
  put_u32_both(e.data() + 36, serial);
  return e;
}

Entry tf(const Times& t) {
  Entry e = header("TF", 5 + 4 * 7);
  e[4] = 0x0F;  // creation, modification, access, attributes; short form
  iso9660::put_record_date(e.data() + 5, t.creation);
  iso9660::put_record_date(e.data() + 12, t.modification);
  iso9660::put_record_date(e.data() + 19, t.access);
  iso9660::put_record_date(e.data() + 26, t.modification);
  return e;
}

std::vector<Entry> nm(std::string_view name) {
  std::vector<Entry> out;
  constexpr size_t kChunk = kMaxEntry - 5;
  do {
    size_t n = std::min(kChunk, name.size());
    Entry e = header("NM", 5 + n);
    e[4] = n < name.size() ? kContinue : 0;
    std::copy(name.begin(), name.begin() + static_cast<ptrdiff_t>(n), e.begin() + 5);
    out.push_back(std::move(e));
    name.remove_prefix(n);
  } while (!name.empty());
  return out;
}

std::vector<Entry> sl(std::string_view target) {
  // Component records: flags, length, content.
  std::vector<std::vector<uint8_t>> comps;
  auto add = [&](uint8_t flags, std::string_view text) {
    std::vector<uint8_t> c{flags, static_cast<uint8_t>(text.size())};
    c.insert(c.end(), text.begin(), text.end());
    comps.push_back(std::move(c));
  };
  if (!target.empty() && target[0] == '/') add(0x08, {});
  size_t i = 0;
  while (i < target.size()) {
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
  std::vector<Entry> out;
  Entry cur;
  auto flush = [&] {
    if (cur.empty()) return;
    cur[2] = static_cast<uint8_t>(cur.size());
    out.push_back(std::move(cur));
    cur.clear();
  };
  for (auto& c : comps) {
    if (!cur.empty() && cur.size() + c.size() > kMaxEntry) {
      cur[4] = kContinue;  // the component list goes on in the next SL entry
      flush();
    }
    if (cur.empty()) cur = header("SL", 5);
    cur.insert(cur.end(), c.begin(), c.end());
  }
  if (cur.empty()) cur = header("SL", 5);
  flush();
  return out;
}

Entry cl(uint32_t block) {
  Entry e = header("CL", 12);
  put_u32_both(e.data() + 4, block);
  return e;
}

Entry pl(uint32_t block) {
  Entry e = header("PL", 12);
  put_u32_both(e.data() + 4, block);
  return e;
}

Entry re() { return header("RE", 4); }

Entry ce(uint32_t block, uint32_t offset, uint32_t length) {
  Entry e = header("CE", kCeLength);
  put_u32_both(e.data() + 4, block);
  put_u32_both(e.data() + 12, offset);
  put_u32_both(e.data() + 20, length);
  return e;
}

Split split_entries(const std::vector<Entry>& entries, size_t room) {
  Split s;
  size_t total = 0;
  for (auto& e : entries) total += e.size();
  size_t i = 0;
  if (total <= room) {
    for (auto& e : entries) s.inline_part.insert(s.inline_part.end(), e.begin(), e.end());
    return s;
  }
  for (; i < entries.size() && s.inline_part.size() + entries[i].size() + kCeLength <= room; ++i)
    s.inline_part.insert(s.inline_part.end(), entries[i].begin(), entries[i].end());
  // Continuation areas stay within one block, so each piece holds at most a block, CE included.
  constexpr size_t kPieceRoom = 2048 - kCeLength;
  while (i < entries.size()) {
    std::vector<uint8_t> piece;
    for (; i < entries.size() && piece.size() + entries[i].size() <= kPieceRoom; ++i)
      piece.insert(piece.end(), entries[i].begin(), entries[i].end());
    s.pieces.push_back(std::move(piece));
  }
  return s;
}

}  // namespace imapi::fs::rockridge
