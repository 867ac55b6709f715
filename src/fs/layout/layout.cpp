// The one layout pass: assigns every file's data extent once, builds the ISO 9660
// (with Rock Ridge) and Joliet directory hierarchies over those extents, places
// all metadata, and serializes it. Sizes are computed before locations, and
// nothing that depends on a location changes a size, so one sizing pass and one
// writing pass suffice.
#include <algorithm>
#include <ctime>
#include <cstring>
#include <deque>
#include <functional>
#include <optional>
#include <tuple>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "fs/iso9660/directory_record.hpp"
#include "fs/iso9660/encoding.hpp"
#include "fs/iso9660/names.hpp"
#include "fs/iso9660/volume_descriptor.hpp"
#include "fs/joliet/names.hpp"
#include "fs/layout/image_layout.hpp"
#include "fs/rockridge/susp.hpp"
#include "fs/udf/udf_writer.hpp"

namespace imapi::fs {

namespace {

namespace rr = rockridge;
using iso9660::RecordFields;

constexpr int kMaxIsoLevelDepth = 8;          // ECMA-119 6.8.2.1: root is level 1
constexpr int64_t kSectionMax = 0xFFFFF800;   // largest 2048-aligned extent a 32-bit length holds
constexpr int64_t kMaxDataLength = 0xFFFFFFFF;
constexpr char kApplication[] = "LIBIMAPI " IMAPI_VERSION_STRING;
constexpr char kRelocationDirIso[] = "rr_moved";
constexpr char kRelocationDirRr[] = ".rr_moved";  // or with a counter, if the root has one

// What the layout keeps per node, by Node::layout_slot (the preorder number,
// so a node's serial is its slot + 1 unless it shares its file): a file's index
// in files_, kImportedFile, kNoFile (links), or a directory's link count.
constexpr uint32_t kImportedFile = 0xFFFFFFFE;
constexpr uint32_t kNoFile = 0xFFFFFFFF;

// A file that several nodes share (hard links, a source added twice): the
// serial and link count all of them show. Few trees have any.
struct SharedFile {
  uint32_t file = 0;
  uint32_t serial = 0;
  uint32_t nlink = 0;
};

// What makes two files one: the host file (hard links, a path added twice) or,
// for other sources, the source object itself.
struct FileKey {
  dev_t dev = 0;
  ino_t ino = 0;
  const DataSource* source = nullptr;
  bool operator==(const FileKey&) const = default;
};

FileKey file_key(const DataSource& s) {
  if (auto id = s.identity()) return {id->first, id->second, nullptr};
  return {0, 0, &s};
}

// Finds which files are one with an open-addressing table of indices into the
// file list: 4 bytes a slot, 1.5 slots a file (where a map would spend a node,
// ~64 bytes, per file), and a table of any size, as the table is the largest
// thing the layout adds to a tree of a million files. Sized once for at most
// `capacity` files, so it never fills up.
class SameFiles {
 public:
  explicit SameFiles(size_t capacity) : slots_(std::max<size_t>(16, capacity + capacity / 2 + 1), kEmpty) {}
  // The index stored under `key`, or `index` after storing it; key_of(i) gives
  // the key of a stored index.
  template <typename KeyOf>
  int find_or_add(const FileKey& key, int index, KeyOf&& key_of) {
    const uint64_t n = slots_.size();
    for (size_t at = static_cast<size_t>((static_cast<uint64_t>(hash(key)) * n) >> 32);;
         at = at + 1 == n ? 0 : at + 1) {
      if (slots_[at] == kEmpty) {
        slots_[at] = index;
        return index;
      }
      if (key_of(slots_[at]) == key) return slots_[at];
    }
  }

 private:
  static constexpr int kEmpty = -1;
  // 32 well-mixed bits, scaled to the table's size by the caller.
  static uint32_t hash(const FileKey& k) {
    uint64_t h = (static_cast<uint64_t>(k.dev) * 0x9E3779B97F4A7C15ull) ^ static_cast<uint64_t>(k.ino) ^
                 (reinterpret_cast<uintptr_t>(k.source) >> 4);
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    h ^= h >> 32;
    return static_cast<uint32_t>(h);
  }
  std::vector<int> slots_;
};

struct NsDir;

struct NsEntry {
  const Node* node = nullptr;  // nullptr: the relocation directory
  NsDir* dir = nullptr;        // directories, relocation placeholders and relocated directories
  bool placeholder = false;    // CL record standing where a relocated directory really is
  bool relocated = false;      // RE record of a relocated directory, inside the relocation directory
  uint8_t id_len = 0;          // identifier bytes as recorded, in Namespace::ids
  const char* id_at = nullptr;
};

// ECMA-119 9.3 order: by name, then extension (the identifier split at its last
// separator '.'; d-characters and UCS-2 both sort as bytes).
std::pair<std::string_view, std::string_view> sort_key(std::string_view v, bool joliet) {
  if (!joliet) v = v.substr(0, v.find(';'));
  size_t dot = std::string_view::npos;
  if (joliet) {
    for (size_t i = v.size(); i >= 2; i -= 2)
      if (v[i - 2] == 0 && v[i - 1] == '.') {
        dot = i - 2;
        break;
      }
    return dot == std::string_view::npos ? std::pair{v, std::string_view()} : std::pair{v.substr(0, dot), v.substr(dot + 2)};
  }
  dot = v.find('.');
  return dot == std::string_view::npos ? std::pair{v, std::string_view()} : std::pair{v.substr(0, dot), v.substr(dot + 1)};
}

struct NsDir {
  const Node* node = nullptr;  // nullptr: the relocation directory
  NsDir* parent = nullptr;     // in this namespace
  NsDir* real_parent = nullptr;
  int level = 1;
  bool relocated = false;
  uint16_t number = 0;  // in the path table, 1-based
  int64_t block = 0;
  int64_t size = 0;
  // The directories whose records this one holds, in the tree's order (the
  // relocation directory: the relocated ones). Entries themselves are made per
  // directory when needed (entries_of), so no table of every entry is ever held.
  std::vector<NsDir*> child_dirs;
  std::vector<NsDir*> subdirs;  // the path table's children: child records in record order
  uint8_t id_len = 0;  // identifier in its parent (path table), in Namespace::ids
  const char* id_at = nullptr;
  size_t first_piece = 0;  // this directory's continuation pieces in Namespace::piece_sizes
  size_t piece_count = 0;
};

struct CeLocation {
  int64_t block = 0;
  uint32_t offset = 0;
};

struct Namespace {
  bool joliet = false;
  bool rock = false;
  StringArena ids;  // directories' identifiers (path tables); entries' live in a per-directory scratch arena
  static std::string_view id(const NsEntry& e) { return {e.id_at, e.id_len}; }
  static std::string_view id(const NsDir& d) { return {d.id_at, d.id_len}; }
  std::deque<NsDir> dirs;   // stable addresses
  NsDir* moved = nullptr;   // the relocation directory, if any
  std::vector<NsDir*> order;  // path table order
  int64_t path_table_size = 0;
  int64_t l_table = 0, m_table = 0;
  // Continuation pieces in the order records are written: their sizes, then their locations.
  std::vector<uint16_t> piece_sizes;
  std::vector<CeLocation> ce_locations;
};

class Builder {
 public:
  Builder(const Node& root, const LayoutOptions& o) : root_(root), opt_(o) {}
  // Sizes and locations of everything; returns the image's total blocks.
  int64_t place();
  // Writes the metadata and hands over the result (after place()).
  std::shared_ptr<const ImageLayout> serialize();

 private:
  void collect();
  void build_namespace(Namespace& ns);
  // The records of `d` in record order, identifiers in `scratch`; the same every call.
  std::vector<NsEntry> entries_of(const Namespace& ns, const NsDir& d, StringArena& scratch) const;
  void name_and_sort(const Namespace& ns, std::vector<NsEntry>& entries, StringArena& scratch) const;
  void number_dirs(Namespace& ns);
  void susp_for_entry(rr::EntryList& l, const NsEntry& e) const;
  void susp_for_dot(rr::EntryList& l, const NsDir& d, bool dotdot) const;
  void px_for(rr::EntryList& l, const Node* n) const;
  void size_dir(Namespace& ns, NsDir& d, const std::vector<NsEntry>& entries);
  int64_t place_ce(Namespace& ns, const NsDir& d, int64_t block);
  void write_dir(const Namespace& ns, const NsDir& d, size_t& ce_index, StringArena& scratch);
  void store(int64_t byte_offset, const void* data, size_t n) {
    out_->metadata->write(byte_offset, data, static_cast<int64_t>(n));
    content_hash_.add(byte_offset, data, n);
  }
  // DiscId: a hash of every metadata byte as it is stored (the metadata records
  // every extent), a word at a time, so it costs no second pass over the store.
  struct ContentHash {
    uint64_t h = 0xcbf29ce484222325ull;
    void mix(uint64_t v) {
      h = (h ^ v) * 0x100000001b3ull;
      h ^= h >> 29;
    }
    void add(int64_t offset, const void* data, size_t n) {
      mix(static_cast<uint64_t>(offset));
      const auto* p = static_cast<const uint8_t*>(data);
      size_t i = 0;
      for (; i + 8 <= n; i += 8) {
        uint64_t w;
        std::memcpy(&w, p + i, 8);
        mix(w);
      }
      for (; i < n; ++i) mix(p[i]);
    }
  } content_hash_;
  size_t records_for(const NsEntry& e) const;
  uint32_t abs(int64_t block) const { return static_cast<uint32_t>(block + opt_.session_start_block); }
  std::string iso_path(const Namespace& ns, const NsDir& d) const;
  void check_path_length(const Namespace& ns, const NsDir& d) const;

  const Node& root_;
  const LayoutOptions& opt_;
  bool iso_ = false, joliet_ = false, rock_ = false, udf_ = false;
  std::optional<udf::UdfWriter> udf_writer_;
  // Writes whole blocks, head or tail, of the metadata.
  void store_blocks(int64_t block, const uint8_t* data, size_t n);
  std::vector<FileExtent> files_;
  // Handed over to the result: what keeps the sources alive and what names the files (ImageLayout).
  std::vector<std::shared_ptr<const DataSource>> owners_;
  std::vector<const char*> dirs_;
  RenamedFiles renamed_;
  StringArena paths_;
  std::vector<uint32_t> slots_;       // by Node::layout_slot: see kImportedFile
  std::vector<SharedFile> shared_;    // by file
  uint32_t file_of(const Node* n) const { return slots_[n->layout_slot]; }
  uint32_t serial_of(const Node* n, uint32_t* nlink) const;
  std::string file_path(const FileExtent& f) const { return dirs_[f.dir] + std::string("/") += file_name(renamed_, f); }
  int max_depth_ = 0;
  Namespace iso_ns_, joliet_ns_;
  std::shared_ptr<ImageLayout> out_;
  Times volume_times_;
  std::string relocation_rr_name_;
  int64_t metadata_blocks_ = 0;  // set by place()
  int64_t tail_blocks_ = 0;
  int64_t total_blocks_ = 0;
  int64_t packing_from_ = 0, packing_to_ = 0;  // head blocks stored packed (UDF's entries)
  int64_t pvd_ = 0, svd_ = -1, terminator_ = 0;
};

// ---- snapshot of the tree -----------------------------------------------------

void Builder::collect() {
  std::vector<std::string_view> path_stack;  // names of the nodes above, root excluded
  std::vector<uint32_t> dir_at_depth;        // the directory at each depth, in dirs_ once it has files
  constexpr uint32_t kNoDir = 0xFFFFFFFF;
  auto totals = subtree_stats(root_);
  slots_.reserve(static_cast<size_t>(totals.files + totals.directories + 1));
  files_.reserve(static_cast<size_t>(totals.files));
  std::vector<uint32_t> links;  // by file, once the walk is done
  {  // scoped: the table is gone before the link counts below take memory of their own
    SameFiles same_files(static_cast<size_t>(totals.files));
    walk_preorder(root_, [&](const Node& n, int depth) {
      const auto d = static_cast<size_t>(depth);
      uint32_t slot = kNoFile;
      path_stack.resize(d);
      if (depth > 0) path_stack.back() = n.name;
      if (n.is_dir()) {
        max_depth_ = std::max(max_depth_, depth);
        uint32_t subdirs = 0;
        for (auto& c : n.children) subdirs += c->is_dir();
        slot = 2 + subdirs;
        dir_at_depth.resize(d + 1);
        dir_at_depth[d] = kNoDir;
      }
      if (n.kind == NodeKind::file && n.data->recorded_extents()) {
        slot = kImportedFile;
        // Imported: the previous session holds the data; only records are written.
      } else if (n.kind == NodeKind::file) {
        // Hard links, and files added twice from one source, are stored once.
        const int next = static_cast<int>(files_.size());
        const int index = same_files.find_or_add(file_key(*n.data), next, [&](int i) {
          return file_key(*files_[static_cast<size_t>(i)].source);
        });
        if (index == next) {
          uint32_t& dir = dir_at_depth[d - 1];
          if (dir == kNoDir) {
            std::string p;
            for (size_t i = 0; i + 1 < d; ++i) p.append("/").append(path_stack[i]);
            dir = static_cast<uint32_t>(dirs_.size());
            dirs_.push_back(paths_.add(p));
          }
                    if (owners_.empty() || owners_.back().owner_before(n.data) || n.data.owner_before(owners_.back()))
            owners_.push_back(n.data);
          if (n.data->own_name() != n.name.view()) renamed_.emplace_back(n.data.get(), paths_.add(n.name));
          files_.push_back({0, dir, n.data.get()});
        }
        slot = static_cast<uint32_t>(index);
      }
      n.layout_slot = static_cast<uint32_t>(slots_.size());
      slots_.push_back(slot);
    });
  }
  std::sort(renamed_.begin(), renamed_.end(), [](const auto& a, const auto& b) { return std::less<>()(a.first, b.first); });
  // Shared files: one serial (their first node's) and a link count, as a POSIX
  // file system would show them.
  links.assign(files_.size(), 0);
  bool any_shared = false;
  walk_preorder(root_, [&](const Node& n, int) {
    if (n.kind != NodeKind::file) return;
    const uint32_t f = file_of(&n);
    if (f != kImportedFile) any_shared |= ++links[f] > 1;
  });
  if (!any_shared) return;
  walk_preorder(root_, [&](const Node& n, int) {
    if (n.kind != NodeKind::file) return;
    const uint32_t f = file_of(&n);
    if (f == kImportedFile || links[f] < 2) return;
    auto it = std::lower_bound(shared_.begin(), shared_.end(), f,
                               [](const SharedFile& s, uint32_t v) { return s.file < v; });
    if (it == shared_.end() || it->file != f) shared_.insert(it, {f, n.layout_slot + 1, links[f]});
  });
}

uint32_t Builder::serial_of(const Node* n, uint32_t* nlink) const {
  const uint32_t slot = file_of(n);
  *nlink = n->is_dir() ? slot : 1;
  if (n->kind == NodeKind::file && slot != kImportedFile && !shared_.empty()) {
    auto it = std::lower_bound(shared_.begin(), shared_.end(), slot,
                               [](const SharedFile& s, uint32_t v) { return s.file < v; });
    if (it != shared_.end() && it->file == slot) {
      *nlink = it->nlink;
      return it->serial;
    }
  }
  return n->layout_slot + 1;
}

// ---- namespaces ----------------------------------------------------------------

void Builder::build_namespace(Namespace& ns) {
  // Deep directories stay where they are unless relocation is asked for (as
  // xorriso -as mkisofs, whose -D is its default): every reader then sees the
  // source tree in every namespace.
  const bool relocate = ns.rock && max_depth_ >= kMaxIsoLevelDepth && (opt_.strict || opt_.rr_relocation);
  if (!ns.joliet && !ns.rock && max_depth_ >= kMaxIsoLevelDepth && opt_.strict)
    fail(IMAPI_E_ISO9660_LEVELS, "the tree is " + std::to_string(max_depth_ + 1) +
                                     " directory levels deep; ISO 9660 allows 8. Add Rock Ridge (which relocates "
                                     "deep directories), flatten the tree, or turn off strict compliance");
  NsDir& root = ns.dirs.emplace_back();
  root.node = &root_;
  root.parent = &root;
  root.real_parent = &root;
  root.id_at = ns.ids.add(std::string_view("\0", 1));  // the root's identifier
  root.id_len = 1;
  if (relocate) {
    relocation_rr_name_ = kRelocationDirRr;
    for (int k = 1; root_.child(relocation_rr_name_); ++k) relocation_rr_name_ = kRelocationDirRr + std::to_string(k);
    ns.moved = &ns.dirs.emplace_back();
    ns.moved->parent = ns.moved->real_parent = &root;
    ns.moved->level = 2;
  }
  // Breadth first, so that every directory's level is known when it is reached.
  for (size_t i = 0; i < ns.dirs.size(); ++i) {
    NsDir& d = ns.dirs[i];
    if (!d.node) continue;  // the relocation directory gets its children from the others
    for (const auto& c : d.node->children) {
      if (!c->is_dir()) continue;
      NsDir& child = ns.dirs.emplace_back();
      child.node = c.get();
      child.real_parent = &d;
      child.level = d.level + 1;
      child.parent = &d;
      d.child_dirs.push_back(&child);
      if (relocate && child.level > kMaxIsoLevelDepth) {
        child.parent = ns.moved;
        child.level = ns.moved->level + 1;
        child.relocated = true;
        ns.moved->child_dirs.push_back(&child);
      }
    }
  }
  // Directories keep their identifiers and record-ordered children; the sizes
  // of their records are known now, before any location.
  StringArena scratch;
  for (auto& d : ns.dirs) {
    auto entries = entries_of(ns, d, scratch);
    for (const auto& e : entries)
      if (e.dir && !e.placeholder) {
        e.dir->id_at = ns.ids.add(Namespace::id(e));
        e.dir->id_len = e.id_len;
        d.subdirs.push_back(e.dir);
      }
    size_dir(ns, d, entries);
    scratch.clear();
  }
  number_dirs(ns);
}

std::vector<NsEntry> Builder::entries_of(const Namespace& ns, const NsDir& d, StringArena& scratch) const {
  std::vector<NsEntry> entries;
  if (d.node) {
    const bool is_root = d.parent == &d;
    entries.reserve(d.node->children.size() + (is_root && ns.moved ? 1 : 0));
    size_t next_dir = 0;
    for (const auto& c : d.node->children) {
      if (!namespace_records(*c, ns.rock)) continue;
      NsEntry e;
      e.node = c.get();
      if (c->is_dir()) {
        e.dir = d.child_dirs[next_dir++];
        e.placeholder = e.dir->relocated;  // a CL record where the directory really is
      }
      entries.push_back(e);
    }
    if (is_root && ns.moved) {
      NsEntry m;
      m.dir = ns.moved;
      entries.push_back(m);
    }
  } else {
    entries.reserve(d.child_dirs.size());
    for (NsDir* r : d.child_dirs) {
      NsEntry e;
      e.node = r->node;
      e.dir = r;
      e.relocated = true;
      entries.push_back(e);
    }
  }
  name_and_sort(ns, entries, scratch);
  return entries;
}

void Builder::name_and_sort(const Namespace& ns, std::vector<NsEntry>& entries, StringArena& scratch) const {
  // Mangling takes names in canonical order (the tree's order), so that which
  // name keeps its natural form never depends on anything else.
  auto name_of = [&](const NsEntry& e) -> std::string_view {
    return e.node ? std::string_view(e.node->name) : std::string_view(kRelocationDirIso);
  };
  auto set_id = [&](NsEntry& e, std::string_view bytes) {
    e.id_at = scratch.add(bytes);
    e.id_len = static_cast<uint8_t>(bytes.size());
  };
  if (ns.joliet) {
    std::vector<std::string_view> names;
    names.reserve(entries.size());
    for (auto& e : entries) names.push_back(name_of(e));
    auto ids = joliet::mangle_names(names);
    std::string bytes;
    for (size_t i = 0; i < entries.size(); ++i) {
      bytes.clear();
      for (char16_t c : ids[i]) {
        bytes += static_cast<char>(c >> 8);
        bytes += static_cast<char>(c & 0xFF);
      }
      set_id(entries[i], bytes);
    }
  } else {
    std::vector<iso9660::NameRequest> req;
    req.reserve(entries.size());
    for (auto& e : entries) req.push_back({name_of(e), e.dir != nullptr});
    auto ids = iso9660::mangle_names(req, opt_.iso_level);
    for (size_t i = 0; i < entries.size(); ++i) set_id(entries[i], ids[i]);
  }
  // ECMA-119 9.3: records in order of identifier (name, then extension).
  const bool joliet = ns.joliet;
  std::sort(entries.begin(), entries.end(), [joliet](const NsEntry& a, const NsEntry& b) {
    return sort_key(Namespace::id(a), joliet) < sort_key(Namespace::id(b), joliet);
  });
}

void Builder::number_dirs(Namespace& ns) {
  // ECMA-119 6.9.1: path table order is by level, then parent number, then identifier;
  // a breadth-first walk over sorted entries yields exactly that.
  NsDir* root = &ns.dirs.front();
  ns.order = {root};
  root->number = 1;
  for (size_t i = 0; i < ns.order.size(); ++i) {
    NsDir* d = ns.order[i];
    for (NsDir* sub : d->subdirs) {
      if (ns.order.size() >= 65535)
        fail(IMAPI_E_TOO_MANY_DIRS, "the image has more than 65535 directories, the most an ISO 9660 path table "
                                    "numbers; split the content over several discs");
      sub->number = static_cast<uint16_t>(ns.order.size() + 1);
      ns.order.push_back(sub);
    }
  }
  std::vector<iso9660::PathTableEntry> pt;
  for (NsDir* d : ns.order) pt.push_back({ns.id(*d), 0, d->parent->number});
  ns.path_table_size = static_cast<int64_t>(iso9660::path_table(pt, false).size());
  if (opt_.strict)
    for (NsDir* d : ns.order) check_path_length(ns, *d);
}

std::string Builder::iso_path(const Namespace& ns, const NsDir& d) const {
  std::string p;
  for (const NsDir* cur = &d; cur->parent != cur; cur = cur->parent) p = "/" + std::string(ns.id(*cur)) + p;
  return p.empty() ? "/" : p;
}

// Strict compliance: ECMA-119 6.8.2.1 bounds a path at 255 bytes; Joliet's
// UCS-2 paths are bounded at 240 characters (the limit libisofs keeps unless
// asked for longer Joliet paths). Counted as written: '/' before each level.
void Builder::check_path_length(const Namespace& ns, const NsDir& d) const {
  constexpr size_t kMaxIsoPathBytes = 255, kMaxJolietPathChars = 240;
  if (!ns.joliet) {
    const std::string p = iso_path(ns, d);
    if (p.size() > kMaxIsoPathBytes)
      fail(IMAPI_E_INVALID_PATH, "the ISO 9660 path " + quoted(p) + " has " + std::to_string(p.size()) +
                                     " bytes, more than the 255 strict compliance allows; shorten names or turn "
                                     "off strict compliance");
    return;
  }
  std::u16string p;
  for (const NsDir* cur = &d; cur->parent != cur; cur = cur->parent) {
    const std::string_view id = ns.id(*cur);
    std::u16string level(1, u'/');
    for (size_t i = 0; i + 1 < id.size(); i += 2)
      level += static_cast<char16_t>((static_cast<unsigned char>(id[i]) << 8) | static_cast<unsigned char>(id[i + 1]));
    p = level + p;
  }
  if (p.size() > kMaxJolietPathChars)
    fail(IMAPI_E_INVALID_PATH, "the Joliet path " + quoted(utf8::from_utf16(p)) + " has " + std::to_string(p.size()) +
                                   " characters, more than the 240 strict compliance allows; shorten names, leave "
                                   "Joliet out or turn off strict compliance");
}

// ---- Rock Ridge ------------------------------------------------------------------

void Builder::px_for(rr::EntryList& l, const Node* n) const {
  // The relocation directory: a serial after every node's, as RRIP 1.12 wants them unique.
  if (!n) return rr::px(l, rr::kTypeDir | 0555, 2, 0, 0, static_cast<uint32_t>(slots_.size() + 1));
  uint32_t nlink = 1;
  const uint32_t serial = serial_of(n, &nlink);
  uint32_t type = n->is_dir() ? rr::kTypeDir : n->kind == NodeKind::symlink ? rr::kTypeSymlink : rr::kTypeFile;
  rr::px(l, type | n->mode, nlink, n->uid, n->gid, serial);
}

void Builder::susp_for_entry(rr::EntryList& l, const NsEntry& e) const {
  l.clear();
  const Node* n = e.node;
  px_for(l, n);
  rr::tf(l, n ? n->times : volume_times_);
  std::string_view name = n ? std::string_view(n->name) : std::string_view(relocation_rr_name_);
  // When the name does not fit, fill the record with its beginning and continue it
  // in the CE area (as libisofs does): readers that cannot follow CE, such as
  // libcdio 2.1, then still find a Rock Ridge name in the record itself.
  size_t room = iso9660::system_use_room(e.id_len);
  size_t used = l.total() + 5;
  size_t first = 250;
  if (used + name.size() > room && room > used + rr::kCeLength + 16) first = room - used - rr::kCeLength;
  rr::nm(l, name, first);
  if (n && n->kind == NodeKind::symlink) rr::sl(l, n->link_target());
  if (e.placeholder) rr::cl(l, abs(e.dir->block));
  // RE also on the relocation directory itself (as libisofs does), so that
  // Rock Ridge readers hide it: their tree is the source tree.
  if (e.relocated || !n) rr::re(l);
}

void Builder::susp_for_dot(rr::EntryList& l, const NsDir& d, bool dotdot) const {
  l.clear();
  const NsDir& target = dotdot ? *d.real_parent : d;
  const bool is_root = d.parent == &d;
  if (!dotdot && is_root) rr::sp(l);  // SUSP 5.3: first in the root's "." record
  px_for(l, target.node);
  rr::tf(l, target.node ? target.node->times : volume_times_);
  if (dotdot && d.relocated) rr::pl(l, abs(d.real_parent->block));
  if (!dotdot && is_root) rr::er(l);
}

size_t Builder::records_for(const NsEntry& e) const {
  if (!e.node || e.node->kind != NodeKind::file || e.placeholder) return 1;
  if (const auto* rec = e.node->data->recorded_extents(); rec && !rec->empty()) return rec->size();
  int64_t size = e.node->data_size();
  if (size <= kMaxDataLength) return 1;
  return static_cast<size_t>((size + kSectionMax - 1) / kSectionMax);
}

// ---- sizes and locations -----------------------------------------------------------

void Builder::size_dir(Namespace& ns, NsDir& d, const std::vector<NsEntry>& entries) {
  int64_t pos = 0;
  d.first_piece = ns.piece_sizes.size();
  rr::EntryList l;
  auto add = [&](size_t id_len) {
    size_t su = 0;
    if (ns.rock) {
      rr::Split sp = rr::split_entries(l, iso9660::system_use_room(id_len));
      su = sp.inline_size(l);
      for (size_t i = 0; i < sp.piece_ends.size(); ++i)
        ns.piece_sizes.push_back(static_cast<uint16_t>(sp.piece_size(l, i)));
    }
    size_t len = iso9660::record_length(id_len, su);
    if (pos % kBlockSize + static_cast<int64_t>(len) > kBlockSize) pos = (pos / kBlockSize + 1) * kBlockSize;
    pos += static_cast<int64_t>(len);
  };
  if (ns.rock) susp_for_dot(l, d, false);
  add(1);
  if (ns.rock) susp_for_dot(l, d, true);
  add(1);
  for (auto& e : entries) {
    if (ns.rock) susp_for_entry(l, e);
    for (size_t i = records_for(e); i > 0; --i) add(e.id_len);
  }
  d.size = blocks_for(pos) * kBlockSize;
  d.piece_count = ns.piece_sizes.size() - d.first_piece;
}

// A directory's continuation pieces go in the blocks right after its extent:
// sequential readers (libarchive) must meet them before any entry they name.
int64_t Builder::place_ce(Namespace& ns, const NsDir& d, int64_t block) {
  if (d.piece_count == 0) return block;
  int64_t offset = 0;
  for (size_t i = d.first_piece; i < d.first_piece + d.piece_count; ++i) {
    uint16_t len = ns.piece_sizes[i];
    if (offset + len > kBlockSize) {
      ++block;
      offset = 0;
    }
    ns.ce_locations.push_back({block, static_cast<uint32_t>(offset)});
    offset += len;
  }
  return block + 1;
}

void Builder::write_dir(const Namespace& ns, const NsDir& d, size_t& ce_index, StringArena& scratch) {
  const auto entries = entries_of(ns, d, scratch);
  std::vector<uint8_t> buf(static_cast<size_t>(d.size), 0);
  size_t pos = 0;
  rr::EntryList l;
  std::vector<uint8_t> su;
  // Writes one record whose SUSP is in `l`; its continuation pieces go where place_ce put them.
  auto emit = [&](RecordFields r) {
    su.clear();
    if (ns.rock) {
      rr::Split s = rr::split_entries(l, iso9660::system_use_room(r.identifier.size()));
      su.assign(l.data(), l.data() + l.start_of(s.inline_count));
      for (size_t i = 0; i < s.piece_ends.size(); ++i) {
        const CeLocation& loc = ns.ce_locations[ce_index + i];
        auto ce = rr::ce(abs(loc.block), loc.offset, static_cast<uint32_t>(s.piece_size(l, i)));
        if (i == 0)
          su.insert(su.end(), ce.begin(), ce.end());
        else
          store(ns.ce_locations[ce_index + i - 1].block * kBlockSize + ns.ce_locations[ce_index + i - 1].offset +
                    static_cast<int64_t>(s.piece_size(l, i - 1) - rr::kCeLength),
                ce.data(), ce.size());
        size_t from = l.start_of(i == 0 ? s.inline_count : s.piece_ends[i - 1]);
        size_t to = l.start_of(s.piece_ends[i]);
        store(loc.block * kBlockSize + loc.offset, l.data() + from, to - from);
      }
      ce_index += s.piece_ends.size();
    }
    r.system_use = std::string_view(reinterpret_cast<const char*>(su.data()), su.size());
    size_t len = iso9660::record_length(r.identifier.size(), su.size());
    if (pos % kBlockSize + len > kBlockSize) pos = (pos / kBlockSize + 1) * kBlockSize;
    iso9660::write_record(buf.data() + pos, r);
    pos += len;
  };
  auto dir_times = [&](const NsDir& x) { return x.node ? x.node->times.modification() : opt_.volume_time_ns; };
  auto dir_flags = [](const NsDir& x) {
    return static_cast<uint8_t>(iso9660::kFlagDirectory | (x.node && x.node->hidden ? iso9660::kFlagHidden : 0));
  };
  static const std::string kDot(1, '\0'), kDotDot(1, '\1');
  if (ns.rock) susp_for_dot(l, d, false);
  emit({abs(d.block), static_cast<uint32_t>(d.size), dir_times(d), dir_flags(d), kDot, {}});
  const NsDir& up = *d.parent;
  if (ns.rock) susp_for_dot(l, d, true);
  emit({abs(up.block), static_cast<uint32_t>(up.size), dir_times(up), dir_flags(up), kDotDot, {}});
  for (auto& e : entries) {
    if (ns.rock) susp_for_entry(l, e);
    uint8_t hidden = e.node && e.node->hidden ? iso9660::kFlagHidden : 0;
    int64_t t = e.node ? e.node->times.modification() : opt_.volume_time_ns;
    if (e.dir && !e.placeholder) {
      emit({abs(e.dir->block), static_cast<uint32_t>(e.dir->size), t,
            static_cast<uint8_t>(iso9660::kFlagDirectory | hidden), ns.id(e), {}});
    } else if (e.placeholder) {
      emit({abs(e.dir->block), 0, t, hidden, ns.id(e), {}});
    } else if (e.node->kind == NodeKind::symlink) {
      emit({0, 0, t, hidden, ns.id(e), {}});
    } else if (const auto* rec = e.node->data->recorded_extents(); rec && !rec->empty()) {
      // Recorded blocks are absolute already: no session offset.
      for (size_t i = 0; i < rec->size(); ++i) {
        uint8_t flags = static_cast<uint8_t>(hidden | (i + 1 < rec->size() ? iso9660::kFlagMultiExtent : 0));
        emit({static_cast<uint32_t>((*rec)[i].block), static_cast<uint32_t>((*rec)[i].size), t, flags, ns.id(e), {}});
      }
    } else if (e.node->data->recorded_extents()) {
      emit({0, 0, t, hidden, ns.id(e), {}});  // an imported empty file
    } else {
      const FileExtent& f = files_[file_of(e.node)];
      int64_t remaining = f.size();
      int64_t block = f.size() > 0 ? f.block : 0;
      size_t n = records_for(e);
      for (size_t i = 0; i < n; ++i) {
        int64_t len = (i + 1 < n) ? kSectionMax : remaining;
        uint8_t flags = static_cast<uint8_t>(hidden | (i + 1 < n ? iso9660::kFlagMultiExtent : 0));
        emit({f.size() > 0 ? abs(block) : 0, static_cast<uint32_t>(len), t, flags, ns.id(e), {}});
        block += len / kBlockSize;
        remaining -= len;
      }
    }
  }
  store(d.block * kBlockSize, buf.data(), buf.size());
}

// ---- the whole image -----------------------------------------------------------------

int64_t Builder::place() {
  iso_ = opt_.file_systems & IMAPI_FS_ISO9660;
  joliet_ = opt_.file_systems & IMAPI_FS_JOLIET;
  rock_ = opt_.file_systems & IMAPI_FS_ROCKRIDGE;
  udf_ = opt_.file_systems & IMAPI_FS_UDF;
  if (!iso_ && !udf_)
    fail(IMAPI_E_NO_OUTPUT, "no file system to create: FileSystemsToCreate must include ISO 9660 or UDF");
  volume_times_ = {opt_.volume_time_ns, opt_.volume_time_ns, opt_.volume_time_ns};
  collect();
  if (iso_)
    for (auto& f : files_)
      if (f.size() > kMaxDataLength && opt_.iso_level < 3)
        fail(IMAPI_E_DATA_TOO_BIG, "'" + file_path(f) + "' has " + std::to_string(f.size()) +
                                       " bytes; ISO 9660 levels 1 and 2 hold files under 4 GiB: set "
                                       "ISO9660InterchangeLevel to 3");
  if (iso_) {
    iso_ns_.rock = rock_;
    build_namespace(iso_ns_);
    if (joliet_) {
      joliet_ns_.joliet = true;
      build_namespace(joliet_ns_);
    }
  }

  // Fixed area: system area, volume descriptors; with UDF, its recognition
  // sequence, then its sequences and first anchor at their fixed places, and
  // everything else inside its partition, which starts after that anchor.
  int64_t block = 16;
  if (iso_) {
    pvd_ = block++;
    svd_ = joliet_ ? block++ : -1;
    terminator_ = block++;
  }
  int64_t recognition = block;
  int64_t partition_start = 0;
  if (udf_) {
    block += udf::kRecognitionBlocks;
    block = udf::kFirstAnchorBlock + 1;
    // A later session's partition starts at the disc's first block, so that it
    // holds the files earlier sessions recorded (UDF addresses data only inside
    // its partition); a first session's starts after its anchor.
    partition_start = opt_.session_start_block > 0 ? -opt_.session_start_block : block;
  }
  // The partition opens with the UDF area: readers that look for the file set
  // descriptor in the partition's first block (pycdlib) find it there.
  if (udf_) {
    std::string name = opt_.volume_name.empty() ? default_volume_name(opt_.volume_time_ns) : opt_.volume_name;
    udf::UdfOptions u;
    u.volume.revision.value = static_cast<uint16_t>(opt_.udf_revision);
    u.volume.label = name;
    u.volume.volume_id = udf_volume_name(name);
    char set_id[17];
    std::snprintf(set_id, sizeof set_id, "%016llx",
                  static_cast<unsigned long long>(std::hash<std::string>()(name) ^
                                                  static_cast<uint64_t>(opt_.volume_time_ns)));
    u.volume.volume_set = std::string(set_id) + name;
    u.volume.time_ns = opt_.volume_time_ns;
    u.redundant_metadata = opt_.redundant_udf_metadata;
    u.session_start = opt_.session_start_block;
    udf_writer_.emplace(root_, slots_.size(), std::move(u), [this](const Node& n) {
      if (n.kind != NodeKind::file) return udf::FileData{};
      const uint32_t file = file_of(&n);
      if (file == kImportedFile) return udf::FileData{0, n.data_size(), n.data->recorded_extents()};
      const FileExtent& f = files_[file];
      return udf::FileData{f.block, f.size(), nullptr};
    });
    block += udf_writer_->plan(recognition, partition_start, block);
  }
  auto place_tables = [&](Namespace& ns) {
    ns.l_table = block;
    block += blocks_for(ns.path_table_size);
    ns.m_table = block;
    block += blocks_for(ns.path_table_size);
  };
  auto place_dirs = [&](Namespace& ns) {
    for (NsDir* d : ns.order) {
      d->block = block;
      block += d->size / kBlockSize;
      block = place_ce(ns, *d, block);
    }
  };
  if (iso_) {
    place_tables(iso_ns_);
    if (joliet_) place_tables(joliet_ns_);
    place_dirs(iso_ns_);
    if (joliet_) place_dirs(joliet_ns_);
  }
  metadata_blocks_ = block;
  for (auto& f : files_) {
    if (f.size() == 0) continue;
    if (block > UINT32_MAX)
      fail(IMAPI_E_IMAGE_TOO_BIG, "the image would exceed 2^32 blocks of 2048 bytes (8 TiB), which ISO 9660 and UDF "
                                  "cannot address; make it smaller");
    f.block = static_cast<uint32_t>(block);
    block += blocks_for(f.size());
  }
  if (udf_) {
    udf_writer_->set_last_anchor(block);  // the last block: UDF's second anchor
    tail_blocks_ = 1;
    block += tail_blocks_;
  }
  total_blocks_ = block;
  return total_blocks_;
}

void Builder::store_blocks(int64_t block, const uint8_t* data, size_t n) {
  if (block >= packing_from_ && block < packing_to_) {
    // UDF's entries, which arrive in order: each block without its trailing zeros.
    if (out_->packed.empty() || block != out_->packed.back().end_block() || n % kBlockSize != 0)
      fail(IMAPI_E_FAIL, "internal error: UDF entries stored out of order at block " + std::to_string(block));
    for (size_t i = 0; i < n; i += kBlockSize) {
      if (!out_->packed.back().has_room()) out_->packed.emplace_back(block + static_cast<int64_t>(i / kBlockSize));
      PackedRun& run = out_->packed.back();
      const int64_t at = run.store_offset_of_next();
      const size_t used = run.append(data + i);
      content_hash_.mix(used);  // the trailing zeros' count is content too
      if (used > 0) store(at, data + i, used);
    }
    return;
  }
  const int64_t tail_start = total_blocks_ - tail_blocks_;
  const int64_t at = block < tail_start ? block : metadata_blocks_ + (block - tail_start);
  store(at * kBlockSize, data, n);
}

std::shared_ptr<const ImageLayout> Builder::serialize() {
  const int64_t metadata_blocks = metadata_blocks_;
  out_ = std::make_shared<ImageLayout>();
  out_->total_blocks = total_blocks_;
  out_->session_start_block = opt_.session_start_block;
  out_->metadata_blocks = metadata_blocks;
  out_->tail_blocks = tail_blocks_;
  out_->metadata =
      std::make_unique<MetadataStore>(opt_.working_directory, (metadata_blocks + tail_blocks_) * kBlockSize);
  if (udf_writer_) {
    const auto entries = udf_writer_->entries_extent();
    packing_from_ = entries.at;
    packing_to_ = entries.at + entries.blocks;
    out_->packed.emplace_back(entries.at, entries.blocks);
    udf_writer_->write([this](int64_t b, const uint8_t* d, size_t n) { store_blocks(b, d, n); });
    if (auto c = udf_writer_->mirror_copy()) out_->repeats.push_back({c->at, c->from, c->blocks});
  }

  size_t ce_index = 0;
  StringArena scratch;
  auto write_dirs = [&](const Namespace& ns) {
    for (const NsDir* d : ns.order) {
      write_dir(ns, *d, ce_index, scratch);
      scratch.clear();
    }
  };
  if (iso_) write_dirs(iso_ns_);
  if (joliet_) write_dirs(joliet_ns_);

  auto write_tables = [&](Namespace& ns) {
    std::vector<iso9660::PathTableEntry> pt;
    for (NsDir* d : ns.order) pt.push_back({ns.id(*d), abs(d->block), d->parent->number});
    auto l = iso9660::path_table(pt, false);
    auto m = iso9660::path_table(pt, true);
    store(ns.l_table * kBlockSize, l.data(), l.size());
    store(ns.m_table * kBlockSize, m.data(), m.size());
  };
  if (iso_) write_tables(iso_ns_);
  if (joliet_) write_tables(joliet_ns_);

  std::string name = opt_.volume_name.empty() ? default_volume_name(opt_.volume_time_ns) : opt_.volume_name;
  auto volume = [&](const Namespace& ns) {
    iso9660::VolumeFields v;
    v.volume_space_size = abs(out_->total_blocks);
    v.path_table_size = static_cast<uint32_t>(ns.path_table_size);
    v.l_path_table = abs(ns.l_table);
    v.m_path_table = abs(ns.m_table);
    const NsDir& r = ns.dirs.front();
    static const std::string kRootId(1, '\0');
    v.root = {abs(r.block), static_cast<uint32_t>(r.size), r.node->times.modification(), iso9660::kFlagDirectory,
              kRootId, {}};
    v.creation_ns = v.modification_ns = opt_.volume_time_ns;
    return v;
  };
  std::vector<uint8_t> vd(kBlockSize);
  if (iso_) {
    iso9660::write_primary(vd.data(), volume(iso_ns_), iso9660::volume_identifier(name), kApplication);
    store(pvd_ * kBlockSize, vd.data(), vd.size());
    if (joliet_) {
      std::string app = std::string("libimapi ") + IMAPI_VERSION_STRING;
      iso9660::write_joliet(vd.data(), volume(joliet_ns_), joliet::volume_identifier(name),
                            std::u16string(app.begin(), app.end()));
      store(svd_ * kBlockSize, vd.data(), vd.size());
    }
    iso9660::write_terminator(vd.data());
    store(terminator_ * kBlockSize, vd.data(), vd.size());
  }

  // Results: the data extents in block order, and an identifier of the content.
  std::erase_if(files_, [](const FileExtent& f) { return f.size() == 0; });
  out_->files = std::move(files_);
  out_->owners = std::move(owners_);
  out_->dirs = std::move(dirs_);
  out_->renamed = std::move(renamed_);
  out_->paths = std::move(paths_);
  const uint64_t h = content_hash_.h;
  char id[17];
  std::snprintf(id, sizeof id, "%016llx", static_cast<unsigned long long>(h));
  out_->disc_id = id;
  return out_;
}

}  // namespace

Error with_image_path(const Error& e, const ImageLayout& layout, const FileExtent& f) {
  ErrorDetail d = e.detail();
  if (d.path.empty()) d.path = f.source->describe();
  return Error(e.code(), e.message() + " (image file '" + layout.file_path(f) + "')", d);
}

void StringArena::clear() {
  if (blocks_.size() > 1) blocks_.erase(blocks_.begin() + 1, blocks_.end());
  used_ = 0;
  capacity_ = blocks_.empty() ? 0 : kBlockBytes;
}

const char* StringArena::add(std::string_view s) {
  if (used_ + s.size() + 1 > capacity_) {
    capacity_ = std::max(kBlockBytes, s.size() + 1);
    blocks_.push_back(std::make_unique<char[]>(capacity_));
    used_ = 0;
  }
  char* p = blocks_.back().get() + used_;
  std::memcpy(p, s.data(), s.size());
  p[s.size()] = '\0';
  used_ += s.size() + 1;
  return p;
}

std::shared_ptr<const ImageLayout> build_layout(const Node& root, const LayoutOptions& options) {
  Builder b(root, options);
  b.place();
  return b.serialize();
}

int64_t count_blocks(const Node& root, const LayoutOptions& options) { return Builder(root, options).place(); }

std::string default_volume_name(int64_t volume_time_ns) {
  const CivilTime c = civil_utc(volume_time_ns);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d_%02d%02d%02d", c.year % 10000, c.month, c.day, c.hour, c.minute,
                c.second);
  return buf;
}

std::string iso9660_volume_name(const std::string& name) { return iso9660::volume_identifier(name); }
std::string joliet_volume_name(const std::string& name) { return utf8::from_utf16(joliet::volume_identifier(name)); }
std::string udf_volume_name(const std::string& name) {
  auto cps = utf8::decode(name).value_or(std::u32string());
  if (cps.size() > 30) cps.resize(30);
  return utf8::encode(cps);
}

}  // namespace imapi::fs
