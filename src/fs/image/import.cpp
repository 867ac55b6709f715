// IFileSystemImage::ImportFileSystem: a previous session's tree becomes part of
// this image, its files recorded where they already are.
#include <unordered_map>

#include "core/error.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/reader/iso_reader.hpp"

namespace imapi::fs {

namespace {

// A file of a previous session: read from the image for IFsiFileItem.Data, and
// recorded by the layout at the extents it already has.
class ImportedSource final : public DataSource {
 public:
  ImportedSource(std::shared_ptr<const IsoReader> reader, ImageEntry entry)
      : DataSource(entry.size), reader_(std::move(reader)), entry_(std::move(entry)) {
    for (const auto& x : entry_.extents) extents_.push_back({x.block, x.size});
  }
  std::unique_ptr<DataReader> open() const override {
    class Reader final : public DataReader {
     public:
      Reader(const IsoReader& r, const ImageEntry& e) : r_(r), e_(e) {}
      void read_exact(int64_t offset, void* buf, int64_t n) override { r_.read(e_, offset, buf, n); }

     private:
      const IsoReader& r_;
      const ImageEntry& e_;
    };
    return std::make_unique<Reader>(*reader_, entry_);
  }
  std::string describe() const override { return "previous session: " + entry_.path; }
  const std::vector<RecordedExtent>* recorded_extents() const override { return &extents_; }

 private:
  std::shared_ptr<const IsoReader> reader_;
  ImageEntry entry_;
  std::vector<RecordedExtent> extents_;
};

}  // namespace

int32_t FileSystemImage::import_session(std::shared_ptr<BlockSource> source, int64_t session_block,
                                        int32_t file_system) {
  auto reader = std::make_shared<const IsoReader>(std::move(source), ReaderLimits{}, session_block);
  const auto& v = reader->volume();
  IsoNamespace ns;
  int32_t used = 0;
  switch (file_system) {
    case 0:
      ns = v.rock_ridge ? IsoNamespace::rockridge : v.joliet_level ? IsoNamespace::joliet : IsoNamespace::iso9660;
      used = v.rock_ridge ? IMAPI_FS_ROCKRIDGE : v.joliet_level ? IMAPI_FS_JOLIET : IMAPI_FS_ISO9660;
      break;
    case IMAPI_FS_ROCKRIDGE: ns = IsoNamespace::rockridge; used = file_system; break;
    case IMAPI_FS_JOLIET: ns = IsoNamespace::joliet; used = file_system; break;
    case IMAPI_FS_ISO9660: ns = IsoNamespace::iso9660; used = file_system; break;
    default:
      fail(IMAPI_E_INVALID_PARAM, "import one file system: IMAPI_FS_ROCKRIDGE, _JOLIET or _ISO9660 (or 0 to choose)");
  }
  auto entries = reader->list(ns);  // IMAPI_E_FILE_SYSTEM_NOT_FOUND when absent

  std::lock_guard lock(mutex_);
  const int64_t start_point = locked_base_ + static_cast<int64_t>(undo_.size());
  try {
    // Imported paths are unique and parents come first, so one map finds every parent.
    std::unordered_map<std::string, std::shared_ptr<Node>> dirs{{"", root_}};
    for (const auto& e : entries) {
      size_t slash = e.path.rfind('/');
      auto parent_it = dirs.find(e.path.substr(0, slash));
      if (parent_it == dirs.end()) continue;  // below an in-memory file that won
      const auto& parent = parent_it->second;
      std::string name = e.path.substr(slash + 1);
      check_name(name);
      auto existing = parent->child(name);
      if (existing) {
        // IMAPI: the in-memory item wins; a clash of kinds is an error.
        if (e.kind == EntryKind::directory && !existing->is_dir())
          fail_at(IMAPI_E_IMPORT_TYPE_COLLISION_DIRECTORY_EXISTS_AS_FILE,
                  "the previous session has a directory '" + e.path + "' where the image has a file; remove the file "
                  "before importing",
                  e.path);
        if (e.kind != EntryKind::directory && existing->is_dir())
          fail_at(IMAPI_E_IMPORT_TYPE_COLLISION_FILE_EXISTS_AS_DIRECTORY,
                  "the previous session has a file '" + e.path + "' where the image has a directory; remove the "
                  "directory before importing",
                  e.path);
        if (existing->is_dir()) dirs.emplace(e.path, existing);
        continue;
      }
      auto n = new_node(e.kind == EntryKind::directory ? NodeKind::directory
                        : e.kind == EntryKind::symlink ? NodeKind::symlink
                                                       : NodeKind::file,
                        name);
      n->times = {e.mtime_ns, e.mtime_ns, e.mtime_ns};
      n->hidden = e.hidden;
      if (e.has_mode) n->mode = static_cast<uint16_t>(e.mode & 07777);
      if (e.kind == EntryKind::file) n->data = std::make_shared<ImportedSource>(reader, e);
      if (e.kind == EntryKind::symlink) n->set_link_target(e.target);
      attach(parent, n);
      if (n->is_dir()) dirs.emplace(e.path, n);
    }
  } catch (...) {
    undo_to(start_point);  // IMAPI: a failed import leaves the image as it was
    throw;
  }
  imported_ = true;
  return used;
}

}  // namespace imapi::fs
