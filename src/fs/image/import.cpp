// IFileSystemImage::ImportFileSystem: a previous session's tree becomes part of
// this image, its files recorded where they already are.
#include <unordered_map>

#include "core/error.hpp"
#include "fs/image/file_system_image.hpp"
#include "fs/reader/image_reader.hpp"

namespace imapi::fs {

namespace {

// A file of a previous session: read from the image for IFsiFileItem.Data, and
// recorded by the layout at the extents it already has. Data with no place of
// its own on the disc (UDF data embedded in its file entry, unrecorded
// extents) is written again instead.
class ImportedSource final : public DataSource {
 public:
  ImportedSource(std::shared_ptr<const ImageReader> reader, ImageEntry entry)
      : DataSource(entry.size), reader_(std::move(reader)), entry_(std::move(entry)) {
    recorded_ = entry_.size == 0 || !entry_.extents.empty();
    for (const auto& x : entry_.extents) {
      recorded_ = recorded_ && x.block != ImageExtent::kHole;
      extents_.push_back({x.block, x.size});
    }
  }
  std::unique_ptr<DataReader> open() const override {
    class Reader final : public DataReader {
     public:
      Reader(const ImageReader& r, const ImageEntry& e) : r_(r), e_(e) {}
      void read_exact(int64_t offset, void* buf, int64_t n) override { r_.read(e_, offset, buf, n); }

     private:
      const ImageReader& r_;
      const ImageEntry& e_;
    };
    return std::make_unique<Reader>(*reader_, entry_);
  }
  std::string describe() const override { return "previous session: " + entry_.path; }
  const std::vector<RecordedExtent>* recorded_extents() const override { return recorded_ ? &extents_ : nullptr; }

 private:
  std::shared_ptr<const ImageReader> reader_;
  ImageEntry entry_;
  std::vector<RecordedExtent> extents_;
  bool recorded_ = true;
};

}  // namespace

int32_t FileSystemImage::import_session(std::shared_ptr<BlockSource> source, int64_t session_block,
                                        int32_t file_system) {
  auto reader = std::make_shared<const ImageReader>(std::move(source), ReaderLimits{}, session_block);
  // The richest tree by default: Rock Ridge, then UDF, then Joliet, then ISO 9660.
  const int32_t used = file_system == 0 ? reader->richest() : file_system;
  if (used != IMAPI_FS_ROCKRIDGE && used != IMAPI_FS_UDF && used != IMAPI_FS_JOLIET && used != IMAPI_FS_ISO9660)
    fail(IMAPI_E_INVALID_PARAM,
         "import one file system: IMAPI_FS_ROCKRIDGE, _UDF, _JOLIET or _ISO9660 (or 0 to choose)");
  auto entries = reader->list(used);  // IMAPI_E_FILE_SYSTEM_NOT_FOUND when absent

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
