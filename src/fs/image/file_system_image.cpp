#include "fs/image/file_system_image.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/utf8.hpp"
#include "fs/iso9660/names.hpp"
#include "fs/joliet/names.hpp"
#include "fs/udf/ecma167.hpp"
#include "fs/udf/names.hpp"
#include "fs/udf/revision.hpp"
#include "mmc/media_capacity.hpp"

namespace imapi::fs {

namespace {

constexpr int32_t kSupported = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE | IMAPI_FS_UDF;
constexpr int64_t kFourGiB = int64_t{1} << 32;
// Smallest metadata any image needs: system area, descriptors, path tables, root.
constexpr int64_t kMinMetadataBlocks = 16 + 3 + 4 + 2;

int64_t ts_ns(const struct timespec& ts) { return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec; }

[[noreturn]] void invalid_path(const std::string& path, const std::string& why) {
  fail_at(IMAPI_E_INVALID_PATH, "invalid path " + quoted(path) + ": " + why, path);
}

// The one reading of a path, for every function that takes one
// (docs/decisions.md, "Image paths"): '/'-separated names. An image path
// (`from_root`: Exists, GetItem of the image) starts at the root, with or
// without a leading '/'; an item's path is relative to the item and never
// starts with '/'. A trailing '/' is ignored; empty, "." and ".." components
// are refused rather than reported as "not found".
enum class PathBase { root, item };

std::vector<std::string> split_path(const std::string& path, PathBase base) {
  std::vector<std::string> parts;
  size_t i = 0;
  if (!path.empty() && path[0] == '/') {
    if (base == PathBase::item)
      invalid_path(path, "an item's path is relative to the item, so it cannot start with '/': drop the '/' "
                         "(image paths from the root go to Exists and GetItem of the image)");
    i = 1;
  }
  size_t end = path.size();
  if (end > i && path[end - 1] == '/') --end;
  while (i < end) {
    size_t j = std::min(path.find('/', i), end);
    std::string part = path.substr(i, j - i);
    if (part.empty()) invalid_path(path, "it has an empty component ('//')");
    if (part == "." || part == "..") invalid_path(path, "'.' and '..' are not followed in image paths; name the item without them");
    parts.push_back(std::move(part));
    i = j + 1;
  }
  return parts;
}

}  // namespace

FileSystemImage::FileSystemImage() {
  const char* tmp = std::getenv("TMPDIR");
  options_.working_directory = (tmp && *tmp) ? tmp : "/tmp";
}

std::shared_ptr<FileSystemImage> FileSystemImage::create() {
  std::shared_ptr<FileSystemImage> image(new FileSystemImage());
  image->root_ = image->new_node(NodeKind::directory, "");
  return image;
}

std::shared_ptr<Node> FileSystemImage::new_node(NodeKind kind, const std::string& name, NodeBatch* batch,
                                                std::optional<int64_t> time_ns) const {
  auto n = batch ? batch->make() : std::make_shared<Node>();
  n->kind = kind;
  n->name = name;
  const int64_t now = time_ns ? *time_ns : reproducible_now_ns();
  n->times = {now, now, now};
  n->mode = kind == NodeKind::directory ? 0755 : kind == NodeKind::symlink ? 0777 : 0644;
  return n;
}

ImageOptions FileSystemImage::options() const {
  std::lock_guard lock(mutex_);
  return options_;
}

int32_t FileSystemImage::file_systems_supported() { return kSupported; }

void FileSystemImage::set_volume_name(const std::string& name) {
  if (!utf8::is_valid(name)) fail(IMAPI_E_INVALID_VOLUME_NAME, "the volume name is not valid UTF-8");
  if (utf8::length(name) > 32)
    fail(IMAPI_E_INVALID_VOLUME_NAME, "the volume name " + quoted(name) + " has more than 32 characters; shorten it");
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F || std::strchr("/\\*?:;\"<>|", c))
      fail(IMAPI_E_INVALID_VOLUME_NAME,
           "the volume name " + quoted(name) + " contains a control character or one of / \\ * ? : ; \" < > |");
  std::lock_guard lock(mutex_);
  options_.volume_name = name;
}

void FileSystemImage::set_file_systems(int32_t mask) {
  if (mask == 0) fail(IMAPI_E_NO_OUTPUT, "FileSystemsToCreate is empty; choose ISO 9660, UDF or both");
  if (mask & ~kSupported)
    fail(IMAPI_E_INVALID_PARAM, "FileSystemsToCreate has bits this build cannot write (supported: ISO9660, "
                                "Joliet, UDF, Rock Ridge)");
  if ((mask & (IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE)) && !(mask & IMAPI_FS_ISO9660))
    fail(IMAPI_E_INVALID_PARAM, "Joliet and Rock Ridge are written alongside ISO 9660; add IMAPI_FS_ISO9660");
  std::lock_guard lock(mutex_);
  if (imported_ && mask != options_.file_systems)
    fail(IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED,
         "a previous session was imported, which fixes FileSystemsToCreate; create a new image to change it");
  options_.file_systems = mask;
}

void FileSystemImage::set_iso_level(int32_t level) {
  if (level < 1 || level > 3)
    fail(IMAPI_E_INVALID_PARAM, "ISO9660InterchangeLevel must be 1, 2 or 3, not " + std::to_string(level));
  std::lock_guard lock(mutex_);
  options_.iso_level = level;
}

void FileSystemImage::set_udf_revision(int32_t revision) {
  if (!udf::is_supported_revision(revision)) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%X", static_cast<unsigned>(revision));
    fail(IMAPI_E_INVALID_PARAM,
         std::string("UDFRevision ") + buf + " is not one this library writes: use " + udf::revision_list());
  }
  std::lock_guard lock(mutex_);
  if (imported_ && revision != options_.udf_revision)
    fail(IMAPI_E_UDF_REVISION_CHANGE_NOT_ALLOWED,
         "a previous session was imported, which fixes UDFRevision; create a new image to change it");
  options_.udf_revision = revision;
}

void FileSystemImage::set_redundant_udf_metadata(bool on) {
  std::lock_guard lock(mutex_);
  options_.redundant_udf_metadata = on;
}

void FileSystemImage::choose_defaults_for_media(int32_t media_type) {
  using mmc::MediaPhysicalType;
  if (media_type <= IMAPI_MEDIA_TYPE_UNKNOWN || media_type > IMAPI_MEDIA_TYPE_MAX)
    fail(IMAPI_E_INVALIDARG, "ChooseImageDefaultsForMediaType takes an IMAPI_MEDIA_TYPE_* other than UNKNOWN, not " +
                                 std::to_string(media_type));
  const auto type = static_cast<MediaPhysicalType>(media_type);
  constexpr int32_t kBridge = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE | IMAPI_FS_UDF;
  int32_t file_systems = kBridge, revision = udf::kDefaultRevision, level = 3;
  switch (type) {
    case MediaPhysicalType::kCdRom:
    case MediaPhysicalType::kCdR:
    case MediaPhysicalType::kCdRw:
      level = 2;  // no CD holds a 4 GiB file; level 2 suits the oldest readers
      break;
    case MediaPhysicalType::kHdDvdRom:
    case MediaPhysicalType::kHdDvdR:
    case MediaPhysicalType::kHdDvdRam:
      revision = udf::kRevision250;  // HD DVD players read UDF 2.50
      break;
    case MediaPhysicalType::kBdRom:
    case MediaPhysicalType::kBdR:
    case MediaPhysicalType::kBdRe:
      file_systems = IMAPI_FS_UDF;  // BD players and OSes read UDF 2.50; ISO 9660 adds nothing there
      revision = udf::kRevision250;
      break;
    case MediaPhysicalType::kDisk:
      file_systems = IMAPI_FS_UDF;  // random-access media: UDF 2.01, the last revision without a metadata partition
      revision = udf::kRevision201;
      break;
    default:
      break;  // DVDs: the CD choice at level 3 (a DL disc holds files of 4 GiB and more)
  }
  std::lock_guard lock(mutex_);
  if (imported_ && (file_systems != options_.file_systems || revision != options_.udf_revision))
    fail(IMAPI_E_FILE_SYSTEM_CHANGE_NOT_ALLOWED,
         "a previous session was imported, which fixes the file systems; its defaults cannot change them");
  options_.file_systems = file_systems;
  options_.udf_revision = revision;
  options_.iso_level = level;
  options_.free_media_blocks = mmc::nominal_capacity_blocks(type);
}

void FileSystemImage::require_empty_for(const char* what) const {
  if (stats_.files + stats_.directories > 0)
    fail(IMAPI_E_FILE_SYSTEM_NOT_EMPTY, std::string(what) + " can only be changed on an empty image");
}

void FileSystemImage::set_strict(bool strict) {
  std::lock_guard lock(mutex_);
  require_empty_for("StrictFileSystemCompliance");
  options_.strict = strict;
}

void FileSystemImage::set_restricted_charset(bool restricted) {
  std::lock_guard lock(mutex_);
  options_.restricted_charset = restricted;
}

void FileSystemImage::set_rr_relocation(bool relocate) {
  std::lock_guard lock(mutex_);
  options_.rr_relocation = relocate;
}

void FileSystemImage::set_free_media_blocks(int64_t blocks) {
  if (blocks < 0) fail(IMAPI_E_INVALID_PARAM, "FreeMediaBlocks cannot be negative (0 means unlimited)");
  std::lock_guard lock(mutex_);
  if (blocks > 0 && stats_.files + stats_.directories > 0) {
    int64_t used = used_blocks();
    if (used > blocks)
      fail(IMAPI_E_IMAGE_TOO_BIG, "the image already needs " + std::to_string(used) + " blocks, more than the " +
                                      std::to_string(blocks) + " requested; remove items first");
  }
  options_.free_media_blocks = blocks;
}

void FileSystemImage::set_session_start_block(int64_t lba) {
  if (lba < 0 || lba > INT32_MAX) fail(IMAPI_E_INVALID_PARAM, "SessionStartBlock must be between 0 and 2^31-1");
  std::lock_guard lock(mutex_);
  options_.session_start_block = lba;
}

void FileSystemImage::set_working_directory(const std::string& path) {
  struct stat st {};
  if (path.empty() || ::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || ::access(path.c_str(), W_OK) != 0)
    fail(IMAPI_E_INVALID_WORKING_DIRECTORY,
         "working directory " + quoted(path) + " does not exist or is not a writable directory");
  std::lock_guard lock(mutex_);
  options_.working_directory = path;
}

void FileSystemImage::set_stage_files(bool stage) {
  std::lock_guard lock(mutex_);
  options_.stage_files = stage;
}

void FileSystemImage::set_symlink_policy(int32_t policy) {
  if (policy != IMAPI_SYMLINKS_RECORD && policy != IMAPI_SYMLINKS_FOLLOW && policy != IMAPI_SYMLINKS_SKIP)
    fail(IMAPI_E_INVALIDARG, "symbolic link policy " + std::to_string(policy) +
                                 " is unknown; use IMAPI_SYMLINKS_RECORD (0), IMAPI_SYMLINKS_FOLLOW (1) or IMAPI_SYMLINKS_SKIP (2)");
  std::lock_guard lock(mutex_);
  options_.symlink_policy = policy;
}

int64_t FileSystemImage::file_count() const {
  std::lock_guard lock(mutex_);
  return stats_.files;
}

int64_t FileSystemImage::directory_count() const {
  std::lock_guard lock(mutex_);
  return stats_.directories;
}

LayoutOptions FileSystemImage::layout_options() const {
  LayoutOptions o;
  static_cast<VolumeOptions&>(o) = options_;
  o.volume_time_ns = reproducible_now_ns();
  return o;
}

int64_t FileSystemImage::used_blocks() const {
  std::lock_guard lock(mutex_);
  return count_blocks(*root_, layout_options());
}

std::shared_ptr<const ImageLayout> FileSystemImage::create_result() const {
  std::lock_guard lock(mutex_);
  auto layout = build_layout(*root_, layout_options());
  if (options_.free_media_blocks > 0 && layout->total_blocks > options_.free_media_blocks)
    fail(IMAPI_E_IMAGE_SIZE_LIMIT, "the image needs " + std::to_string(layout->total_blocks) +
                                       " blocks but FreeMediaBlocks allows " +
                                       std::to_string(options_.free_media_blocks) +
                                       "; remove items, or raise FreeMediaBlocks (0 = unlimited)");
  return layout;
}

// ---- change points -------------------------------------------------------

int64_t FileSystemImage::change_point() const {
  std::lock_guard lock(mutex_);
  return locked_base_ + static_cast<int64_t>(undo_.size());
}

void FileSystemImage::rollback_to(int64_t id) {
  std::lock_guard lock(mutex_);
  int64_t now = locked_base_ + static_cast<int64_t>(undo_.size());
  if (id < locked_base_ || id > now)
    fail(IMAPI_E_INVALID_PARAM, "change point " + std::to_string(id) + " is not between the last locked-in point (" +
                                    std::to_string(locked_base_) + ") and the current one (" + std::to_string(now) + ")");
  undo_to(id);
}

void FileSystemImage::lock_in() {
  std::lock_guard lock(mutex_);
  locked_base_ += static_cast<int64_t>(undo_.size());
  undo_.clear();
}

// ---- tree edits -----------------------------------------------------------

void FileSystemImage::check_name(const std::string& name) const {
  if (name.empty()) invalid_path(name, "a name cannot be empty");
  if (name == "." || name == "..") invalid_path(name, "'.' and '..' cannot be item names");
  if (name.find('/') != std::string::npos) invalid_path(name, "a name cannot contain '/'");
  if (name.size() > kMaxNameBytes)
    invalid_path(name, "a name has at most " + std::to_string(kMaxNameBytes) + " bytes of UTF-8, this one has " + std::to_string(name.size()));
  if (!utf8::is_valid(name)) invalid_path(name, "the name is not valid UTF-8");
  if (options_.restricted_charset)
    for (unsigned char c : name)
      if (c < 0x20 || c > 0x7E)
        fail(IMAPI_E_RESTRICTED_NAME_VIOLATION,
             quoted(name) + " has characters outside printable ASCII while UseRestrictedCharacterSet is on");
}

void FileSystemImage::check_fits(int64_t more_blocks) const {
  int64_t limit = options_.free_media_blocks;
  if (limit > 0 && kMinMetadataBlocks + stats_.data_blocks + more_blocks > limit)
    fail(IMAPI_E_IMAGE_SIZE_LIMIT, "adding " + std::to_string(more_blocks) +
                                       " blocks of data would exceed FreeMediaBlocks (" + std::to_string(limit) +
                                       "); raise FreeMediaBlocks (0 = unlimited) or add less");
}

void FileSystemImage::check_file_size(int64_t size, std::string_view name) const {
  if ((options_.file_systems & IMAPI_FS_ISO9660) && options_.iso_level < 3 && size >= kFourGiB)
    fail(IMAPI_E_DATA_TOO_BIG, quoted(name) + " has " + std::to_string(size) +
                                   " bytes; ISO 9660 levels 1 and 2 hold files under 4 GiB: set "
                                   "ISO9660InterchangeLevel to 3");
}

std::shared_ptr<Node> FileSystemImage::find(const Node& dir, const std::string& path) const {
  return find_parts(dir, split_path(path, PathBase::item));
}

std::shared_ptr<Node> FileSystemImage::find(const std::string& image_path) const {
  return find_parts(*root_, split_path(image_path, PathBase::root));
}

std::shared_ptr<Node> FileSystemImage::find_parts(const Node& dir, const std::vector<std::string>& parts) const {
  std::lock_guard lock(mutex_);
  std::shared_ptr<Node> cur;
  const Node* at = &dir;
  for (const auto& part : parts) {
    if (!at->is_dir()) return nullptr;
    cur = at->child(part);
    if (!cur) return nullptr;
    at = cur.get();
  }
  if (!cur) {
    // The path named `dir` itself.
    auto p = dir.parent.lock();
    if (!p) return &dir == root_.get() ? root_ : nullptr;
    return p->child(dir.name);
  }
  return cur;
}

std::shared_ptr<Node> FileSystemImage::parent_dir_for(const std::shared_ptr<Node>& dir, const std::string& path,
                                                      std::string& leaf) const {
  if (!dir->is_dir()) fail(IMAPI_E_NOT_DIR, "the item is not a directory");
  auto parts = split_path(path, PathBase::item);
  if (parts.empty()) invalid_path(path, "the path names no item");
  leaf = parts.back();
  parts.pop_back();
  std::shared_ptr<Node> cur = dir;
  std::string walked;
  for (const auto& part : parts) {
    walked += "/" + part;
    auto next = cur->child(part);
    if (!next) fail_at(IMAPI_E_DIR_NOT_FOUND, "directory " + quoted(walked) + " of " + quoted(path) + " does not exist; add it first", path);
    if (!next->is_dir()) fail(IMAPI_E_NOT_DIR, quoted(walked) + " of " + quoted(path) + " is not a directory");
    cur = next;
  }
  check_name(leaf);
  return cur;
}

void FileSystemImage::link(const std::shared_ptr<Node>& parent, const std::shared_ptr<Node>& node) {
  auto s = subtree_stats(*node);
  node->parent = parent;
  parent->children.insert(parent->children.begin() + static_cast<ptrdiff_t>(parent->lower_bound(node->name)), node);
  stats_.files += s.files;
  stats_.directories += s.directories;
  stats_.data_blocks += s.data_blocks;
}

void FileSystemImage::unlink(const std::shared_ptr<Node>& node) {
  auto parent = node->parent.lock();
  if (!parent) return;
  auto s = subtree_stats(*node);
  parent->children.erase(parent->children.begin() + static_cast<ptrdiff_t>(parent->lower_bound(node->name)));
  node->parent.reset();
  stats_.files -= s.files;
  stats_.directories -= s.directories;
  stats_.data_blocks -= s.data_blocks;
}

void FileSystemImage::attach(const std::shared_ptr<Node>& parent, const std::shared_ptr<Node>& node, bool journal) {
  link(parent, node);
  if (journal) undo_.emplace_back([this, node] { unlink(node); });
}

void FileSystemImage::detach(const std::shared_ptr<Node>& node) {
  auto parent = node->parent.lock();
  if (!parent) return;
  unlink(node);
  undo_.emplace_back([this, parent, node] { link(parent, node); });
}

void FileSystemImage::undo_to(int64_t id) {
  while (locked_base_ + static_cast<int64_t>(undo_.size()) > id) {
    auto undo = std::move(undo_.back());
    undo_.pop_back();
    undo();
  }
}

std::shared_ptr<const DataSource> FileSystemImage::maybe_stage(std::shared_ptr<const DataSource> data) const {
  if (!options_.stage_files) return data;
  if (!stash_ || stash_->directory() != options_.working_directory)
    stash_ = std::make_shared<StashFile>(options_.working_directory);
  return stash_->stage(*data);
}

void FileSystemImage::add_directory(const std::shared_ptr<Node>& dir, const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string leaf;
  auto parent = parent_dir_for(dir, path, leaf);
  if (parent->child(leaf)) fail(IMAPI_E_DUP_NAME, quoted(path) + " already exists");
  attach(parent, new_node(NodeKind::directory, leaf));
}

void FileSystemImage::add_file(const std::shared_ptr<Node>& dir, const std::string& path,
                               std::shared_ptr<const DataSource> data) {
  std::lock_guard lock(mutex_);
  std::string leaf;
  auto parent = parent_dir_for(dir, path, leaf);
  if (parent->child(leaf)) fail(IMAPI_E_DUP_NAME, quoted(path) + " already exists");
  check_file_size(data->size(), path);
  check_fits(blocks_for(data->size()));
  auto n = new_node(NodeKind::file, leaf);
  n->data = maybe_stage(std::move(data));
  attach(parent, n);
}

void FileSystemImage::add_symlink(const std::shared_ptr<Node>& dir, const std::string& path, const std::string& target) {
  if (target.empty() || !utf8::is_valid(target) || target.size() > 4095)
    invalid_path(target, "a symbolic link target must be 1 to 4095 bytes of valid UTF-8");
  std::lock_guard lock(mutex_);
  std::string leaf;
  auto parent = parent_dir_for(dir, path, leaf);
  if (parent->child(leaf)) fail(IMAPI_E_DUP_NAME, quoted(path) + " already exists");
  auto n = new_node(NodeKind::symlink, leaf);
  n->set_link_target(target);
  attach(parent, n);
}

void FileSystemImage::add_item(const std::shared_ptr<Node>& dir, const std::shared_ptr<Node>& item) {
  std::lock_guard lock(mutex_);
  if (!dir->is_dir()) fail(IMAPI_E_NOT_DIR, "the item is not a directory");
  if (!item->parent.expired() || item == root_)
    fail(IMAPI_E_INVALID_PARAM, "the item " + quoted(item->name) + " is already in the tree; remove it first");
  for (auto p = dir; p; p = p->parent.lock())
    if (p == item) fail(IMAPI_E_INVALID_PARAM, "a directory cannot be added inside itself");
  if (dir->child(item->name)) fail(IMAPI_E_DUP_NAME, quoted(item->name) + " already exists in the directory");
  auto s = subtree_stats(*item);
  walk_preorder(*item, [&](const Node& n, int) {
    if (n.kind == NodeKind::file) check_file_size(n.data_size(), n.name);
  });
  check_fits(s.data_blocks);
  attach(dir, item);
}

void FileSystemImage::remove(const std::shared_ptr<Node>& dir, const std::string& path, bool recursive) {
  std::lock_guard lock(mutex_);
  if (!dir->is_dir()) fail(IMAPI_E_NOT_DIR, "the item is not a directory");
  auto node = find(*dir, path);
  if (!node) fail_at(IMAPI_E_ITEM_NOT_FOUND, quoted(path) + " is not in the image", path);
  if (node == dir || node == root_)
    fail_at(IMAPI_E_INVALID_PATH, quoted(path) + " names the directory itself; remove it from its parent", path);
  if (node->is_dir() && !node->children.empty() && !recursive)
    fail(IMAPI_E_DIR_NOT_EMPTY, "directory " + quoted(path) + " is not empty; use RemoveTree to remove it with its contents");
  detach(node);
}

std::shared_ptr<Node> FileSystemImage::create_detached(NodeKind kind, const std::string& name) {
  std::lock_guard lock(mutex_);
  check_name(name);
  auto n = new_node(kind, name);
  if (kind == NodeKind::file) n->data = make_stream_source(std::make_shared<ZeroStream>(0));
  return n;
}

// AddTree: an explicit stack instead of recursion, so depth costs no stack; host
// directories are read through descriptors (openat) to stay fast on large trees.
void FileSystemImage::add_tree(const std::shared_ptr<Node>& dir, const std::string& host_dir, bool include_base) {
  std::lock_guard lock(mutex_);
  if (!dir->is_dir()) fail(IMAPI_E_NOT_DIR, "the item is not a directory");
  struct stat top {};
  if (::stat(host_dir.c_str(), &top) != 0)
    fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot add tree " + quoted(host_dir), errno, host_dir);
  if (!S_ISDIR(top.st_mode))
    fail_at(IMAPI_E_NOT_DIR, quoted(host_dir) + " is not a directory; add single files with AddFile", host_dir);
  const int64_t start_point = locked_base_ + static_cast<int64_t>(undo_.size());
  try {
    auto apply_attrs = [](Node& n, const struct stat& st) {
      int64_t m = ts_ns(st.st_mtim);
      // All three times from the modification time: the image must not depend on when sources were read.
      n.times = {m, m, m};
      n.mode = static_cast<uint16_t>(st.st_mode & 07777);
      n.uid = st.st_uid;
      n.gid = st.st_gid;
    };
    std::shared_ptr<Node> base = dir;
    if (include_base) {
      std::string name = host_dir;
      while (name.size() > 1 && name.back() == '/') name.pop_back();
      name = name.substr(name.rfind('/') + 1);
      if (name.empty() || name == "." || name == "..") {
        char buf[4096];
        if (::realpath(host_dir.c_str(), buf)) {
          name = buf;
          name = name.substr(name.rfind('/') + 1);
        }
      }
      check_name(name);
      auto existing = dir->child(name);
      if (existing && existing->is_dir()) {
        base = existing;
      } else {
        if (existing) detach(existing);
        base = new_node(NodeKind::directory, name);
        apply_attrs(*base, top);
        attach(dir, base);
      }
    }
    // Inside a directory this call created, children need no undo records of
    // their own: undoing the directory's attach takes them away with it.
    // The host directories above a pending one, as the walk reached them: a
    // followed link that leads to one of them would repeat forever.
    struct Ancestor {
      dev_t dev;
      ino_t ino;
      std::shared_ptr<const Ancestor> up;
    };
    struct Pending {
      std::string host;
      std::shared_ptr<Node> node;
      bool created = false;
      std::shared_ptr<const Ancestor> ancestors;
    };
    const int32_t policy = options_.symlink_policy;
    const int64_t now = reproducible_now_ns();  // every node's times are its source's, set below
    // What this call leaves out is journaled once, on its first skip, so a
    // failed call or a rollback takes its records away with its items.
    bool skips_journaled = false;
    auto skip = [&](SkipReason why, auto&& host_path) {
      if (!skips_journaled) {
        undo_.emplace_back([this, mark = skipped_.mark()] { skipped_.truncate(mark); });
        skips_journaled = true;
      }
      skipped_.add(why, host_path);
    };
    std::vector<Pending> stack{{host_dir, base, false, std::make_shared<const Ancestor>(Ancestor{top.st_dev, top.st_ino, nullptr})}};
    while (!stack.empty()) {
      Pending cur = std::move(stack.back());
      stack.pop_back();
      int dfd = ::open(cur.host.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (dfd < 0) fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot open directory " + quoted(cur.host), errno, cur.host);
      DIR* d = ::fdopendir(dfd);
      if (!d) {
        int err = errno;
        ::close(dfd);
        fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot read directory " + quoted(cur.host), err, cur.host);
      }
      std::unique_ptr<DIR, int (*)(DIR*)> dir_guard(d, ::closedir);
      std::vector<std::string> names;
      errno = 0;
      while (auto* ent = ::readdir(d)) {
        std::string n = ent->d_name;
        if (n != "." && n != "..") names.push_back(std::move(n));
        errno = 0;
      }
      if (errno != 0) fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot read directory " + quoted(cur.host), errno, cur.host);
      std::sort(names.begin(), names.end());
      // Every entry is stat()ed first, so that the directory's files and links
      // can be made together: their sources in one listing (which holds the
      // directory's path and one buffer of their names) and their nodes in one
      // batch. Errors are still raised in name order, below.
      struct Entry {
        struct stat st {};
        int err = 0;
        size_t name_at = 0;  // regular files: in the listing's names
        bool followed = false;  // a link whose target `st` describes
        int target_err = 0;     // a followed link whose target cannot be stat()ed
      };
      std::vector<Entry> entries(names.size());
      size_t files = 0, leaves = 0, name_bytes = 0;
      for (size_t i = 0; i < names.size(); ++i) {
        Entry& e = entries[i];
        if (::fstatat(dfd, names[i].c_str(), &e.st, AT_SYMLINK_NOFOLLOW) != 0) {
          e.err = errno;
          continue;
        }
        if (S_ISLNK(e.st.st_mode) && policy == IMAPI_SYMLINKS_FOLLOW) {
          e.followed = true;
          if (::fstatat(dfd, names[i].c_str(), &e.st, 0) != 0) {
            e.target_err = errno;
            continue;
          }
        }
        if (S_ISREG(e.st.st_mode)) {
          ++files;
          name_bytes += names[i].size() + 1;
        }
        leaves += S_ISREG(e.st.st_mode) || (S_ISLNK(e.st.st_mode) && policy == IMAPI_SYMLINKS_RECORD);
      }
      std::string file_names;
      file_names.reserve(name_bytes);
      for (size_t i = 0; i < names.size(); ++i)
        if (entries[i].err == 0 && S_ISREG(entries[i].st.st_mode)) {
          entries[i].name_at = file_names.size();
          file_names.append(names[i].c_str(), names[i].size() + 1);
        }
      auto listing = HostDirectory::create(cur.host, std::move(file_names), files);
      NodeBatch batch(leaves);
      cur.node->children.reserve(cur.node->children.size() + names.size());
      for (size_t i = 0; i < names.size(); ++i) {
        const std::string& name = names[i];
        const struct stat& st = entries[i].st;
        // The host path, made only where needed (directories, messages): not a string per file.
        auto host_path = [&] { return cur.host + "/" + name; };
        if (entries[i].err != 0)
          fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot stat " + quoted(host_path()), entries[i].err, host_path());
        if (entries[i].target_err != 0)
          fail_os(IMAPI_E_FILE_NOT_FOUND,
                  "symbolic link " + quoted(host_path()) + " cannot be followed (dangling or unreadable target)" +
                      "; fix or remove it, or choose IMAPI_SYMLINKS_RECORD or IMAPI_SYMLINKS_SKIP",
                  entries[i].target_err, host_path());
        if (S_ISLNK(st.st_mode) && policy == IMAPI_SYMLINKS_SKIP) {
          skip(SkipReason::symlink, host_path);
          continue;
        }
        if (auto why = unstorable_reason(st.st_mode)) {
          skip(*why, host_path);
          continue;
        }
        if (!utf8::is_valid(name)) invalid_path(host_path(), "the host file name is not valid UTF-8; rename it");
        check_name(name);
        auto existing = cur.node->child(name);
        if (S_ISDIR(st.st_mode)) {
          if (entries[i].followed)
            for (auto a = cur.ancestors.get(); a; a = a->up.get())
              if (a->dev == st.st_dev && a->ino == st.st_ino)
                fail_at(IMAPI_E_DIRECTORY_READ_FAILURE,
                        "symbolic link " + quoted(host_path()) +
                            " leads to a directory that contains it (a loop) and cannot be followed; remove it, or "
                            "choose IMAPI_SYMLINKS_RECORD or IMAPI_SYMLINKS_SKIP",
                        host_path());
          // Only a followed link can lead back up, so other walks keep no chain.
          auto ancestors = policy == IMAPI_SYMLINKS_FOLLOW
                               ? std::make_shared<const Ancestor>(Ancestor{st.st_dev, st.st_ino, cur.ancestors})
                               : nullptr;
          if (existing && existing->is_dir()) {
            stack.push_back({host_path(), existing, false, std::move(ancestors)});
            continue;
          }
          if (existing) detach(existing);
          auto n = new_node(NodeKind::directory, name, nullptr, now);
          apply_attrs(*n, st);
          attach(cur.node, n, !cur.created);
          stack.push_back({host_path(), n, true, std::move(ancestors)});
        } else {
          if (existing) detach(existing);
          std::shared_ptr<Node> n;
          if (S_ISREG(st.st_mode)) {
            if (st.st_size >= kFourGiB) check_file_size(st.st_size, host_path());  // the only size it refuses
            check_fits(blocks_for(st.st_size));
            n = new_node(NodeKind::file, name, &batch, now);
            std::shared_ptr<const DataSource> snapshot;
            if (st.st_size == 0) snapshot = snapshot_sizeless_file(dfd, name.c_str(), host_path());
            n->data = maybe_stage(snapshot ? std::move(snapshot) : listing->add_file(entries[i].name_at, st));
          } else {
            std::string target(static_cast<size_t>(std::max<off_t>(st.st_size, 0)) + 1, '\0');
            ssize_t len = ::readlinkat(dfd, name.c_str(), target.data(), target.size());
            if (len < 0) fail_os(IMAPI_E_DIRECTORY_READ_FAILURE, "cannot read link " + quoted(host_path()), errno, host_path());
            target.resize(static_cast<size_t>(len));
            if (target.empty() || !utf8::is_valid(target))
              invalid_path(host_path(), "the symbolic link's target is empty or not valid UTF-8");
            n = new_node(NodeKind::symlink, name, &batch, now);
            n->set_link_target(std::move(target));
          }
          apply_attrs(*n, st);
          attach(cur.node, n, !cur.created);
        }
      }
    }
  } catch (...) {
    // IMAPI: a failed AddTree leaves the image as it was.
    undo_to(start_point);
    throw;
  }
}

int64_t FileSystemImage::skipped_total(int32_t reason) const {
  std::lock_guard lock(mutex_);
  return skipped_.total(reason);
}

int64_t FileSystemImage::skipped_kept() const {
  std::lock_guard lock(mutex_);
  return skipped_.kept();
}

const SkippedEntry& FileSystemImage::skipped_entry(int64_t index) const {
  std::lock_guard lock(mutex_);
  return skipped_.entry(index);
}

// ---- attributes ------------------------------------------------------------

void FileSystemImage::set_times(const std::shared_ptr<Node>& node, const Times& t) {
  // ISO 9660 dates span 1900..2155; UDF's and Rock Ridge's more, but one rule for all.
  constexpr int64_t kMin = -2208988800LL * 1'000'000'000;  // 1900-01-01
  constexpr int64_t kMax = 5868230400LL * 1'000'000'000;   // 2156-01-01
  for (int64_t v : {t.creation, t.access, t.modification})
    if (v < kMin || v >= kMax)
      fail(IMAPI_E_INVALID_DATE, "item times must lie between 1900-01-01 and 2155-12-31");
  if (t.modification < t.creation || t.access < t.creation)
    fail(IMAPI_E_INVALID_DATE, "the modification and access times cannot be earlier than the creation time; "
                               "set the creation time first");
  std::lock_guard lock(mutex_);
  Times old = node->times;
  node->times = t;
  undo_.emplace_back([node, old] { node->times = old; });
}

void FileSystemImage::set_hidden(const std::shared_ptr<Node>& node, bool hidden) {
  std::lock_guard lock(mutex_);
  bool old = node->hidden;
  node->hidden = hidden;
  undo_.emplace_back([node, old] { node->hidden = old; });
}

void FileSystemImage::set_posix(const std::shared_ptr<Node>& node, uint32_t mode, uint32_t uid, uint32_t gid) {
  if (mode & ~07777u) fail(IMAPI_E_INVALID_PARAM, "POSIX mode takes permission bits only (at most 07777)");
  std::lock_guard lock(mutex_);
  uint32_t om = node->mode, ou = node->uid, og = node->gid;
  node->mode = static_cast<uint16_t>(mode);
  node->uid = uid;
  node->gid = gid;
  undo_.emplace_back([node, om, ou, og] {
    node->mode = static_cast<uint16_t>(om);
    node->uid = ou;
    node->gid = og;
  });
}

void FileSystemImage::set_data(const std::shared_ptr<Node>& node, std::shared_ptr<const DataSource> data) {
  std::lock_guard lock(mutex_);
  if (node->kind != NodeKind::file) fail(IMAPI_E_NOT_FILE, quoted(node->name) + " is not a file");
  check_file_size(data->size(), node->name);
  bool attached = full_path(*node).has_value();
  int64_t delta = blocks_for(data->size()) - blocks_for(node->data_size());
  if (attached && delta > 0) check_fits(delta);
  auto staged = maybe_stage(std::move(data));
  auto old = node->data;
  node->data = staged;
  if (attached) stats_.data_blocks += delta;
  undo_.emplace_back([this, node, old, delta, attached] {
    node->data = old;
    if (attached) stats_.data_blocks -= delta;
  });
}

std::optional<std::string> FileSystemImage::full_path(const Node& node) const {
  std::lock_guard lock(mutex_);
  std::vector<const NodeName*> parts;
  const Node* cur = &node;
  std::shared_ptr<Node> hold;
  while (cur != root_.get()) {
    parts.push_back(&cur->name);
    hold = cur->parent.lock();
    if (!hold) return std::nullopt;
    cur = hold.get();
  }
  if (parts.empty()) return std::string("/");
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + **it;
  return out;
}

namespace {

void check_name_file_system(int32_t file_system) {
  if (file_system != IMAPI_FS_ISO9660 && file_system != IMAPI_FS_JOLIET && file_system != IMAPI_FS_UDF &&
      file_system != IMAPI_FS_ROCKRIDGE)
    fail(IMAPI_E_INVALID_PARAM, "FileSystemName/Path take one of IMAPI_FS_ISO9660, _JOLIET, _UDF or _ROCKRIDGE");
}

}  // namespace

std::string FileSystemImage::file_system_name(const Node& node, int32_t file_system) const {
  check_name_file_system(file_system);
  std::lock_guard lock(mutex_);
  if (&node == root_.get()) return "";
  auto parent = node.parent.lock();
  if (file_system == IMAPI_FS_ROCKRIDGE) return node.name.str();
  if (!parent) fail(IMAPI_E_NOT_IN_FILE_SYSTEM, quoted(node.name) + " is not in the image yet");
  size_t index = parent->lower_bound(node.name);
  if (file_system == IMAPI_FS_UDF) {
    std::vector<std::string_view> req;
    for (auto& c : parent->children) req.push_back(c->name);  // UDF records every kind
    return udf::decode_cs0(udf::file_identifiers(req)[index]).value_or(node.name.str());
  }

  // The same children the layout records in that namespace.
  const bool rock = file_system == IMAPI_FS_ISO9660 && (options_.file_systems & IMAPI_FS_ROCKRIDGE);
  auto recorded = [&](const Node& c) { return namespace_records(c, rock); };
  if (!recorded(node))
    fail(IMAPI_E_NOT_IN_FILE_SYSTEM, quoted(node.name) + " is a symbolic link, which this file system does not record");
  size_t at = 0;
  for (size_t i = 0; i < index; ++i) at += recorded(*parent->children[i]);
  if (file_system == IMAPI_FS_ISO9660) {
    std::vector<iso9660::NameRequest> req;
    for (auto& c : parent->children)
      if (recorded(*c)) req.push_back({c->name, c->is_dir()});
    return iso9660::mangle_names(req, options_.iso_level)[at];
  }
  std::vector<std::string_view> req;  // Joliet
  for (auto& c : parent->children)
    if (recorded(*c)) req.push_back(c->name);
  return utf8::from_utf16(joliet::mangle_names(req)[at]);
}

std::string FileSystemImage::file_system_path(const Node& node, int32_t file_system) const {
  check_name_file_system(file_system);
  std::lock_guard lock(mutex_);
  if (!full_path(node)) fail(IMAPI_E_NOT_IN_FILE_SYSTEM, quoted(node.name) + " is not in the image yet");
  std::vector<std::string> parts;
  const Node* cur = &node;
  std::shared_ptr<Node> hold;
  while (cur != root_.get()) {
    parts.push_back(file_system_name(*cur, file_system));
    hold = cur->parent.lock();
    cur = hold.get();
  }
  if (parts.empty()) return "/";
  std::string out;
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) out += "/" + *it;
  return out;
}

}  // namespace imapi::fs
