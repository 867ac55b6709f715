// The frozen result of laying out a tree: every metadata byte, every file's
// extent, and the block map. An image stream reads from this and nothing else,
// so a result stays valid whatever happens to the tree afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/error.hpp"
#include "fs/block_size.hpp"
#include "fs/layout/metadata_store.hpp"
#include "fs/layout/packed_run.hpp"
#include "fs/tree/node.hpp"
#include "fs/udf/revision.hpp"

namespace imapi::fs {

// What the image will be, with IMAPI's defaults: the options an
// IFileSystemImage and the layout built from it share (defined once here).
struct VolumeOptions {
  int32_t file_systems = IMAPI_FS_ISO9660 | IMAPI_FS_JOLIET | IMAPI_FS_ROCKRIDGE;  // FileSystemsToCreate
  int32_t iso_level = 2;
  int32_t udf_revision = udf::kDefaultRevision;  // IMAPI's UDFRevision (BCD)
  bool redundant_udf_metadata = true;            // CreateRedundantUdfMetadataFiles (UDF 2.50 on)
  bool strict = false;
  // Rock Ridge relocation of directories deeper than ISO 9660's 8 levels (into
  // a `.rr_moved` marked RE); also when strict. Off: deep directories stay where
  // they are (docs/decisions.md, "Deep directories").
  bool rr_relocation = false;
  int64_t session_start_block = 0;
  std::string volume_name;        // as the user set it; may be empty
  std::string working_directory;  // where the metadata file goes
};

// What one layout is built with: the volume's options and its timestamp.
struct LayoutOptions : VolumeOptions {
  int64_t volume_time_ns = 0;
};

// NUL-terminated strings in large blocks that never move: one allocation per
// 64 KiB instead of one per string.
class StringArena {
 public:
  const char* add(std::string_view s);
  // Forgets every string (pointers handed out become invalid), keeping one block for reuse.
  void clear();

 private:
  static constexpr size_t kBlockBytes = 64 << 10;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0;
  size_t capacity_ = 0;
};

// One per stored file, and as many as there are files: 16 bytes. The image
// path is not a string of its own: its directory's path is shared by the
// directory's files, and its name is the source's own (a host file's name)
// unless the image renamed it (ImageLayout::file_path).
struct FileExtent {
  uint32_t block = 0;  // relative to the start of the image stream (ISO 9660 and UDF address blocks in 32 bits)
  uint32_t dir = 0;    // the image directory that holds it, in ImageLayout::dirs
  const DataSource* source = nullptr;  // kept alive by ImageLayout::owners
  int64_t size() const { return source->size(); }  // bytes
};

// Files whose image name is not their source's own name, sorted by source address.
using RenamedFiles = std::vector<std::pair<const DataSource*, const char*>>;
// The image name of `f`: its source's own name unless `renamed` holds another.
std::string_view file_name(const RenamedFiles& renamed, const FileExtent& f);

struct ImageLayout {
  int64_t total_blocks = 0;
  int64_t session_start_block = 0;          // the disc address of the stream's block 0 (SessionStartBlock)
  int64_t metadata_blocks = 0;              // blocks [0, metadata_blocks) of the stream
  int64_t tail_blocks = 0;                  // and [total_blocks - tail_blocks, total_blocks) (UDF's last anchor)
  std::unique_ptr<MetadataStore> metadata;  // their bytes: the head, then the tail
  int64_t tail_start() const { return total_blocks - tail_blocks; }
  // Head blocks [at, at + blocks) repeat [from, from + blocks) (UDF's metadata
  // mirror): the store leaves them empty and readers copy from `from`.
  struct Repeat {
    int64_t at = 0, from = 0, blocks = 0;
  };
  std::vector<Repeat> repeats;
  std::vector<PackedRun> packed;  // head blocks the store keeps packed
  // Reads [pos, pos + n) of the head, resolving repeats and packed runs.
  void read_head(int64_t pos, uint8_t* out, int64_t n) const;
  std::vector<FileExtent> files;            // ascending blocks, each source stored once
  // What keeps the files' sources alive: one reference per owner (a host
  // directory's listing owns all of its files' sources), not one per file.
  std::vector<std::shared_ptr<const DataSource>> owners;
  std::vector<const char*> dirs;  // image paths of the directories that hold files ("" the root), in `paths`
  RenamedFiles renamed;
  StringArena paths;  // what `dirs` and `renamed` point into
  // A file's image path ("/dir/name"), for progress and messages.
  std::string file_path(const FileExtent& f) const;
  bool file_path_is(const FileExtent& f, std::string_view path) const;
  // files[i]'s image path as a C string that lives as long as the layout (the
  // C ABI lends progress item descriptions): made when first asked for.
  const char* lent_file_path(size_t i) const;
  std::string disc_id;
  // IMAPI's ProgressItems: item 0 is the metadata, item i > 0 is files[i - 1].
  int64_t progress_count() const { return static_cast<int64_t>(files.size()) + 1; }

 private:
  mutable std::mutex lent_mutex_;
  mutable std::unordered_map<size_t, std::string> lent_;  // nodes never move: pointers stay valid
};

// Whether a namespace records a node: symbolic links only in a Rock Ridge one
// (Joliet and plain ISO 9660 cannot represent them).
inline bool namespace_records(const Node& n, bool rock_ridge) { return n.kind != NodeKind::symlink || rock_ridge; }

// A failure reading a file's data, told with the file's image path and its source.
Error with_image_path(const Error& e, const ImageLayout& layout, const FileExtent& f);

// Lays out `root` for the file systems in `options`. Throws Error with IMAPI's
// codes for what the chosen file systems cannot hold.
std::shared_ptr<const ImageLayout> build_layout(const Node& root, const LayoutOptions& options);
// The blocks build_layout's image would take, without serializing anything.
int64_t count_blocks(const Node& root, const LayoutOptions& options);

// Labels as each file system records them.
std::string default_volume_name(int64_t volume_time_ns);
std::string iso9660_volume_name(const std::string& name);
std::string joliet_volume_name(const std::string& name);
std::string udf_volume_name(const std::string& name);

}  // namespace imapi::fs
