// The frozen result of laying out a tree: every metadata byte, every file's
// extent, and the block map. An image stream reads from this and nothing else,
// so a result stays valid whatever happens to the tree afterwards.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

// One per stored file, and as many as there are files: kept small.
struct FileExtent {
  int64_t block = 0;  // relative to the start of the image stream
  std::shared_ptr<const DataSource> source;
  const char* path = "";  // image path, for progress and messages (in ImageLayout::paths)
  int64_t size() const { return source->size(); }  // bytes
};

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
  StringArena paths;                        // what FileExtent::path points into
  std::string disc_id;
  // IMAPI's ProgressItems: item 0 is the metadata, item i > 0 is files[i - 1].
  int64_t progress_count() const { return static_cast<int64_t>(files.size()) + 1; }
};

// Whether a namespace records a node: symbolic links only in a Rock Ridge one
// (Joliet and plain ISO 9660 cannot represent them).
inline bool namespace_records(const Node& n, bool rock_ridge) { return n.kind != NodeKind::symlink || rock_ridge; }

// A failure reading a file's data, told with the file's image path and its source.
Error with_image_path(const Error& e, const FileExtent& f);

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
