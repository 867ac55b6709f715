// The UDF side of an image: plans where its descriptors, file entries and
// directories go around the shared data extents, then writes them. The image
// layout decides where the UDF area and the partition start; files' data is
// laid out once, by the layout, and only referenced here.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "fs/tree/node.hpp"
#include "fs/udf/volume_descriptors.hpp"

namespace imapi::fs::udf {

// Fixed places of the volume structures (ECMA-167 3/8.4.2, UDF 2.2.3): the
// sequences and the integrity descriptor before the first anchor at 256.
inline constexpr int64_t kMainSequenceBlock = 32;
inline constexpr int64_t kReserveSequenceBlock = 48;
inline constexpr int64_t kSequenceBlocks = 16;
inline constexpr int64_t kIntegrityBlock = 64;
inline constexpr int64_t kFirstAnchorBlock = 256;
inline constexpr int64_t kRecognitionBlocks = 3;  // BEA01, NSR0x, TEA01

struct UdfOptions {
  VolumeInfo volume;
  bool redundant_metadata = true;  // 2.50 and 2.60: the mirror holds a copy of its own
  int64_t session_start = 0;       // absolute sector of image block 0
};

// A file's data: its extent in the image stream (image-relative block), or the
// absolute extents a previous session recorded it at.
struct FileData {
  int64_t block = 0;
  int64_t bytes = 0;
  const std::vector<RecordedExtent>* recorded = nullptr;
};

class UdfWriter {
 public:
  // `node_count`: the tree's nodes, numbered by Node::layout_slot. `data_of(node)`
  // gives a regular file's extent; it is asked during write().
  UdfWriter(const Node& root, size_t node_count, UdfOptions options, std::function<FileData(const Node&)> data_of);

  // Places the UDF area at image block `area`, inside the partition that starts
  // at `partition_start`, with the recognition sequence at `recognition`; returns
  // the area's blocks (file set, entries, directories, and with a metadata
  // partition its two files and extents).
  int64_t plan(int64_t recognition, int64_t partition_start, int64_t area);
  // The last anchor: the image's last block, where the partition ends.
  void set_last_anchor(int64_t block) { last_anchor_ = block; }
  // Writes every UDF block through store(image-relative block, bytes, count).
  using Store = std::function<void(int64_t block, const uint8_t* bytes, size_t count)>;
  void write(const Store& store);
  struct Copy {
    int64_t at = 0, from = 0, blocks = 0;
  };
  // The file set, file entries and directories: `blocks` blocks at image block
  // `at`, each stored once, in order, as whole blocks.
  struct Blocks {
    int64_t at = 0, blocks = 0;
  };
  Blocks entries_extent() const { return Blocks{entries_at_, entry_blocks_}; }
  // The mirror's own copy of the metadata extent, when it has one: `blocks`
  // blocks at `at` that repeat those at `from`. write() does not store them;
  // the image repeats them (no second copy in the metadata file).
  std::optional<Copy> mirror_copy() const {
    if (mirror_at_ < 0) return std::nullopt;
    return Copy{mirror_at_, entries_at_, metadata_extent_blocks_};
  }

 private:
  void write_run(const Node& dir, const Store& store);
  std::vector<std::vector<uint8_t>> identifiers_of(const Node& dir) const;
  uint32_t first(const Node& n) const { return first_block_[n.layout_slot]; }
  // A block of the area's entries as the partition holding them numbers it.
  uint32_t lbn(uint32_t x) const { return lbn_offset_ + x; }
  uint16_t entry_partition() const { return metadata_ ? 1 : 0; }
  // UDF 3.2.1.1: 0 for the root, 1-15 reserved; every entry has a block of its own.
  uint64_t unique_id(const Node& n) const { return &n == &root_ ? 0 : 16 + first(n); }
  uint32_t absolute(int64_t block) const { return static_cast<uint32_t>(block + options_.session_start); }
  void store_entries(const Store& store, uint32_t x, const std::vector<uint8_t>& bytes) const;
  void write_volume(const Store& store) const;

  const Node& root_;
  UdfOptions options_;
  std::function<FileData(const Node&)> data_of_;
  Revision revision_;
  bool metadata_ = false;  // a metadata partition (2.50 on)
  // By Node::layout_slot, assigned here: each node's file entry, in the
  // partition that holds entries; a directory's identifiers (or a long link's
  // data) follow its entry.
  std::vector<uint32_t> first_block_;
  std::vector<uint32_t> data_bytes_;  // directories' identifier bytes, links' component bytes
  uint32_t entry_blocks_ = 0;         // file set, terminator, entries and directories
  uint32_t files_ = 0, directories_ = 0;
  int64_t recognition_ = 0, area_ = 0, partition_start_ = 0, last_anchor_ = 0;
  int64_t entries_at_ = 0;  // image block of the area's entry block 0
  int64_t mirror_at_ = -1;  // image block of the mirror's copy of it, if any
  uint32_t lbn_offset_ = 0;
  uint32_t metadata_extent_blocks_ = 0;
};

}  // namespace imapi::fs::udf
