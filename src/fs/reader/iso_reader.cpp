#include "fs/reader/iso_reader.hpp"

#include <algorithm>
#include <cstring>
#include <ctime>
#include <unordered_set>

#include "core/error.hpp"
#include "fs/block_size.hpp"
#include "core/utf8.hpp"
#include "fs/iso9660/encoding.hpp"

namespace imapi::fs {

namespace {

constexpr int kMaxDescriptors = 256;

using iso9660::get_u32_le;

// ECMA-119 9.1.5; an impossible date reads as the epoch rather than failing the listing.
int64_t record_date(const uint8_t* p) {
  struct tm tm {};
  tm.tm_year = p[0];
  tm.tm_mon = p[1] - 1;
  tm.tm_mday = p[2];
  tm.tm_hour = p[3];
  tm.tm_min = p[4];
  tm.tm_sec = p[5];
  if (p[1] < 1 || p[1] > 12 || p[2] < 1 || p[2] > 31 || p[3] > 23 || p[4] > 59 || p[5] > 60) return 0;
  int64_t t = timegm(&tm);
  int8_t offset = static_cast<int8_t>(p[6]);  // 15-minute units east of GMT
  if (offset >= -48 && offset <= 52) t -= int64_t{offset} * 15 * 60;
  return t * 1'000'000'000;
}

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\0')) s.pop_back();
  return s;
}

std::string ucs2_to_utf8(const uint8_t* p, size_t n) {
  std::u16string u;
  for (size_t i = 0; i + 1 < n; i += 2) u += static_cast<char16_t>((p[i] << 8) | p[i + 1]);
  return utf8::from_utf16(u);
}

// One directory record, checked against its directory buffer.
struct Record {
  const uint8_t* p = nullptr;
  size_t len = 0;
  uint32_t extent = 0;
  uint32_t size = 0;
  uint8_t flags = 0;
  const uint8_t* id = nullptr;
  size_t id_len = 0;
  const uint8_t* su = nullptr;  // system use area
  size_t su_len = 0;
  bool is_dot() const { return id_len == 1 && id[0] == 0; }
  bool is_dotdot() const { return id_len == 1 && id[0] == 1; }
};

Record parse_record(const uint8_t* p, size_t avail, int64_t block) {
  Record r;
  r.p = p;
  r.len = p[0];
  if (r.len < 34 || r.len > avail) corrupt(block, "a directory record of " + std::to_string(r.len) + " bytes");
  r.extent = get_u32_le(p + 2);
  r.size = get_u32_le(p + 10);
  r.flags = p[25];
  r.id_len = p[32];
  r.id = p + 33;
  if (33 + r.id_len > r.len) corrupt(block, "a file identifier runs past its directory record");
  size_t su = 33 + r.id_len + (r.id_len % 2 == 0 ? 1 : 0);
  r.su = p + std::min(su, r.len);
  r.su_len = su < r.len ? r.len - su : 0;
  return r;
}

// What Rock Ridge says about one record.
struct RockInfo {
  bool any = false;
  std::string name;
  bool has_name = false;
  bool has_mode = false;
  uint32_t mode = 0;
  std::string target;
  bool is_link = false;
  int64_t mtime_ns = 0;
  bool has_mtime = false;
  int64_t child_link = -1;  // CL
  bool relocated = false;   // RE
  bool sp = false;
  std::string er_id;
};

class Walker {
 public:
  Walker(const BlockSource& src, const ReaderLimits& limits, int64_t image_blocks)
      : src_(src), limits_(limits), image_blocks_(image_blocks) {}

  std::vector<uint8_t> read_extent(int64_t block, int64_t size) const {
    if (size < 0 || size > limits_.max_directory_bytes)
      corrupt(block, "a directory of " + std::to_string(size) + " bytes, more than the reader accepts");
    if (block < 0 || block >= image_blocks_ || (size + kBlockSize - 1) / kBlockSize > image_blocks_ - block)
      corrupt(block, "an extent of " + std::to_string(size) + " bytes lies past the end of the image");
    std::vector<uint8_t> buf(static_cast<size_t>(size));
    src_.read(block * kBlockSize, buf.data(), size);
    return buf;
  }

  // Parses SUSP entries of a record, following CE continuation areas.
  RockInfo rock(const Record& r, int64_t block, size_t skip) const {
    RockInfo info;
    std::vector<uint8_t> area;  // the current continuation area
    const uint8_t* p = r.su;
    size_t n = r.su_len;
    if (skip <= n) {
      p += skip;
      n -= skip;
    }
    int continuations = 0;
    bool name_continues = false;
    bool comp_continues = false;
    for (;;) {
      int64_t ce_block = -1;
      uint32_t ce_off = 0, ce_len = 0;
      size_t i = 0;
      while (i + 4 <= n) {
        const uint8_t* e = p + i;
        size_t len = e[2];
        if (len < 4 || i + len > n) break;  // padding or a damaged tail: stop, as readers do
        std::string_view sig(reinterpret_cast<const char*>(e), 2);
        const uint8_t* data = e + 4;
        size_t dlen = len - 4;
        if (sig == "SP" && dlen >= 3 && data[0] == 0xBE && data[1] == 0xEF) {
          info.sp = true;
        } else if (sig == "CE" && dlen >= 24) {
          ce_block = get_u32_le(data);
          ce_off = get_u32_le(data + 8);
          ce_len = get_u32_le(data + 16);
        } else if (sig == "ER" && dlen >= 4) {
          size_t id_len = data[0];
          if (4 + id_len <= dlen) info.er_id.assign(reinterpret_cast<const char*>(data + 4), id_len);
        } else if (sig == "PX" && dlen >= 32) {
          info.any = info.has_mode = true;
          info.mode = get_u32_le(data);
        } else if (sig == "NM" && dlen >= 1) {
          info.any = true;
          uint8_t flags = data[0];
          if (!(flags & 0x06)) {
            if (!name_continues) info.name.clear();
            if (info.name.size() + dlen - 1 > kMaxNameBytes)
              corrupt(block, "a Rock Ridge name (NM) longer than " + std::to_string(kMaxNameBytes) +
                                 " bytes, more than POSIX readers such as Linux's isofs accept");
            info.name.append(reinterpret_cast<const char*>(data + 1), dlen - 1);
            info.has_name = true;
          }
          name_continues = flags & 0x01;
        } else if (sig == "SL" && dlen >= 1) {
          info.any = info.is_link = true;
          for (size_t c = 1; c + 2 <= dlen;) {
            uint8_t cflags = data[c];
            size_t clen = data[c + 1];
            if (c + 2 + clen > dlen) break;
            std::string part(reinterpret_cast<const char*>(data + c + 2), clen);
            if (cflags & 0x02) part = ".";
            if (cflags & 0x04) part = "..";
            if (cflags & 0x08) {
              info.target = "/";
            } else {
              if (!comp_continues && !info.target.empty() && info.target.back() != '/') info.target += '/';
              info.target += part;
            }
            if (info.target.size() > kMaxLinkTargetBytes)
              corrupt(block, "a Rock Ridge symbolic link target (SL) longer than " +
                                 std::to_string(kMaxLinkTargetBytes) + " bytes");
            comp_continues = cflags & 0x01;
            c += 2 + clen;
          }
        } else if (sig == "TF" && dlen >= 1) {
          info.any = true;
          uint8_t flags = data[0];
          size_t width = (flags & 0x80) ? 17 : 7;
          size_t at = 1;
          if (flags & 0x01) at += width;  // creation
          if ((flags & 0x02) && width == 7 && at + 7 <= dlen) {
            info.mtime_ns = record_date(data + at);
            info.has_mtime = true;
          }
        } else if (sig == "CL" && dlen >= 8) {
          info.any = true;
          info.child_link = get_u32_le(data);
        } else if (sig == "RE") {
          info.any = info.relocated = true;
        } else if (sig == "ST") {
          break;
        }
        i += len;
      }
      if (ce_block < 0) break;
      if (++continuations > limits_.max_continuations)
        corrupt(block, "more than " + std::to_string(limits_.max_continuations) + " Rock Ridge continuation areas");
      if (ce_len == 0 || ce_block >= image_blocks_)
        corrupt(block, "a Rock Ridge continuation area (CE) points outside the image");
      // SUSP 5.1 keeps a continuation area inside one logical block (so does the kernel's isofs).
      if (ce_off >= kBlockSize || ce_len > kBlockSize - ce_off)
        corrupt(block, "a Rock Ridge continuation area (CE) of " + std::to_string(ce_len) + " bytes at offset " +
                           std::to_string(ce_off) + " crosses the end of its block");
      area.resize(ce_len);
      src_.read(ce_block * kBlockSize + ce_off, area.data(), ce_len);
      p = area.data();
      n = area.size();
    }
    return info;
  }

 private:
  const BlockSource& src_;
  const ReaderLimits& limits_;
  int64_t image_blocks_;
};

}  // namespace

IsoReader::IsoReader(std::shared_ptr<BlockSource> source, ReaderLimits limits, int64_t session_block)
    : source_(std::move(source)), limits_(limits), session_block_(session_block) {
  if (source_->size() % kBlockSize != 0)
    fail(IMAPI_E_IMAGEMANAGER_IMAGE_NOT_ALIGNED,
         "the image has " + std::to_string(source_->size()) + " bytes, not a whole number of 2048-byte blocks");
  read_descriptors();
}

void IsoReader::read_descriptors() {
  const int64_t blocks = source_->size() / kBlockSize;
  volume_.volume_blocks = blocks;
  bool primary = false;
  std::vector<uint8_t> vd(kBlockSize);
  if (session_block_ < 0 || session_block_ >= blocks)
    fail(IMAPI_E_INVALIDARG, "the session start block " + std::to_string(session_block_) + " is outside the image");
  for (int i = 0; i < kMaxDescriptors && session_block_ + 16 + i < blocks; ++i) {
    const int64_t block = session_block_ + 16 + i;
    source_->read(block * kBlockSize, vd.data(), kBlockSize);
    if (std::memcmp(vd.data() + 1, "CD001", 5) != 0 || vd[6] != 1) break;
    const uint8_t type = vd[0];
    if (type == 255) break;
    auto root = parse_record(vd.data() + 156, 34, block);
    if (type == 1 && !primary) {
      primary = true;
      volume_.volume_id = trim(std::string(reinterpret_cast<const char*>(vd.data() + 40), 32));
      volume_.iso_root = {root.extent, root.size};
    } else if (type == 2 && volume_.joliet_level == 0 && vd[88] == '%' && vd[89] == '/') {
      int level = vd[90] == '@' ? 1 : vd[90] == 'C' ? 2 : vd[90] == 'E' ? 3 : 0;
      if (level) {
        volume_.joliet_level = level;
        volume_.joliet_volume_id = trim(ucs2_to_utf8(vd.data() + 40, 32));
        volume_.joliet_root = {root.extent, root.size};
      }
    }
  }
  if (!primary)
    fail(IMAPI_E_IMAGEMANAGER_NO_VALID_VD_FOUND,
         "no ISO 9660 primary volume descriptor from block " + std::to_string(session_block_ + 16) +
             " on: this is not an ISO 9660 image (or not the start of a session)");
  // Rock Ridge: SUSP's SP entry opens the system use area of the root's "." record.
  Walker w(*source_, limits_, blocks);
  auto dir = w.read_extent(volume_.iso_root.block, std::min<int64_t>(volume_.iso_root.size, kBlockSize));
  if (!dir.empty()) {
    auto dot = parse_record(dir.data(), dir.size(), volume_.iso_root.block);
    RockInfo ri = w.rock(dot, volume_.iso_root.block, 0);
    volume_.rock_ridge = ri.sp;
    volume_.rock_ridge_id = ri.er_id;
  }
}

std::vector<ImageEntry> IsoReader::list(IsoNamespace ns) const {
  if (ns == IsoNamespace::joliet && volume_.joliet_level == 0)
    fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no Joliet volume descriptor");
  if (ns == IsoNamespace::rockridge && !volume_.rock_ridge)
    fail(IMAPI_E_FILE_SYSTEM_NOT_FOUND, "the image has no Rock Ridge extensions");
  const bool joliet = ns == IsoNamespace::joliet;
  const bool rock = ns == IsoNamespace::rockridge;
  Walker w(*source_, limits_, volume_.volume_blocks);
  std::vector<ImageEntry> out;
  struct Pending {
    ImageExtent dir;
    std::string path;
    int depth;
  };
  std::vector<Pending> stack{{joliet ? volume_.joliet_root : volume_.iso_root, "", 0}};
  std::unordered_set<int64_t> visited;
  ListingBudget budget(limits_, source_->size());
  while (!stack.empty()) {
    Pending cur = std::move(stack.back());
    stack.pop_back();
    if (!visited.insert(cur.dir.block).second) corrupt(cur.dir.block, "a directory is reached twice (a loop)");
    if (cur.depth > limits_.max_depth) corrupt(cur.dir.block, "directories nested deeper than the reader accepts");
    auto buf = w.read_extent(cur.dir.block, cur.dir.size);
    std::vector<Pending> subdirs;
    ImageEntry pending_multi;  // sections of a multi-extent file gathered so far
    bool in_multi = false;
    for (size_t pos = 0; pos < buf.size();) {
      const int64_t block = cur.dir.block + static_cast<int64_t>(pos) / kBlockSize;
      if (buf[pos] == 0) {  // the rest of this sector is padding
        pos = (pos / kBlockSize + 1) * kBlockSize;
        continue;
      }
      size_t in_sector = kBlockSize - pos % kBlockSize;
      Record r = parse_record(buf.data() + pos, std::min(in_sector, buf.size() - pos), block);
      pos += r.len;
      if (r.is_dot() || r.is_dotdot()) continue;
      RockInfo ri;
      if (rock) ri = w.rock(r, block, 0);
      if (rock && ri.relocated) continue;  // shown where its CL placeholder stands
      std::string name;
      if (rock && ri.has_name) {
        name = ri.name;
      } else if (joliet) {
        name = ucs2_to_utf8(r.id, r.id_len);
      } else {
        name.assign(reinterpret_cast<const char*>(r.id), r.id_len);
      }
      if (!rock || !ri.has_name) {
        if (auto semi = name.rfind(';'); semi != std::string::npos && !(r.flags & 0x02)) name.resize(semi);
        if (!joliet && !name.empty() && name.back() == '.' && !(r.flags & 0x02)) name.pop_back();
      }
      if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos ||
          name.find('\0') != std::string::npos)
        corrupt(block, "a file identifier that is empty or contains '/' or NUL");
      if (!utf8::is_valid(name)) corrupt(block, "a name that is not valid UTF-8");
      if (static_cast<int64_t>(out.size()) >= limits_.max_entries)
        corrupt(block, "more entries than the reader accepts");
      budget.charge(static_cast<int64_t>(sizeof(ImageEntry) + cur.path.size() + name.size() + 1 + ri.target.size() +
                                         2 * sizeof(ImageExtent)),
                    block);
      ImageEntry e;
      e.path = cur.path + "/" + name;
      e.hidden = r.flags & 0x01;
      e.mtime_ns = ri.has_mtime ? ri.mtime_ns : record_date(r.p + 18);
      e.has_mode = ri.has_mode;
      e.mode = ri.mode & 07777;
      const bool is_dir = (r.flags & 0x02) || ri.child_link >= 0;
      if (is_dir) {
        e.kind = EntryKind::directory;
        ImageExtent d{r.extent, r.size};
        if (ri.child_link >= 0) {
          // A relocated directory: its size is in its own "." record.
          auto first = w.read_extent(ri.child_link, kBlockSize);
          auto dot = parse_record(first.data(), first.size(), ri.child_link);
          d = {ri.child_link, dot.size};
        }
        subdirs.push_back({d, e.path, cur.depth + 1});
        out.push_back(std::move(e));
        continue;
      }
      if (rock && ri.is_link) {
        e.kind = EntryKind::symlink;
        e.target = ri.target;
        out.push_back(std::move(e));
        continue;
      }
      // Files: sections with the multi-extent flag continue in the next record.
      if (in_multi && pending_multi.path != e.path) corrupt(block, "a multi-extent file's sections disagree on its name");
      if (!in_multi) pending_multi = std::move(e);
      pending_multi.extents.push_back({r.extent, r.size});
      pending_multi.size += r.size;
      if (r.size > 0 && (r.extent >= volume_.volume_blocks || (int64_t{r.size} + kBlockSize - 1) / kBlockSize > volume_.volume_blocks - r.extent))
        corrupt(block, "file '" + pending_multi.path + "' has data past the end of the image");
      in_multi = r.flags & 0x80;
      if (!in_multi) out.push_back(std::move(pending_multi)), pending_multi = ImageEntry{};
    }
    if (in_multi) corrupt(cur.dir.block, "a multi-extent file's last section is missing");
    // Reverse, so the stack yields subdirectories in record order.
    for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) stack.push_back(std::move(*it));
  }
  return out;
}

}  // namespace imapi::fs
