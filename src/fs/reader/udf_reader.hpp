// Reads UDF 1.02-2.60 file systems from any block source: anchors, volume
// descriptor sequences (main, then reserve), physical, sparable, virtual (VAT)
// and metadata partitions, file entries and extended file entries with short,
// long, extended or embedded allocation, allocation extent chains. Hostile
// input as for the ISO 9660 reader: every length checked, loops and depth
// bounded, no recursion, errors that name the block.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "fs/reader/block_source.hpp"
#include "fs/reader/entry.hpp"

namespace imapi::fs {

struct UdfVolume {
  uint16_t revision = 0;       // the domain's UDF revision (BCD, e.g. 0x250)
  uint16_t min_read = 0;       // from the integrity descriptor, when recorded
  std::string label;           // logical volume identifier
  std::string volume_id;       // primary volume descriptor's identifier
  bool metadata_partition = false;
  bool virtual_partition = false;  // VAT (sequentially written media)
};

class UdfReader {
 public:
  // True when a UDF volume recognition sequence (NSR02/NSR03) starts 16 blocks
  // into the session.
  static bool present(const BlockSource& source, int64_t session_block = 0);

  // Reads the anchor and the descriptors. Errors: IMAPI_E_FILE_SYSTEM_NOT_FOUND
  // without UDF; IMAPI_E_FILE_SYSTEM_READ_CONSISTENCY_ERROR naming the block.
  explicit UdfReader(std::shared_ptr<BlockSource> source, ReaderLimits limits = {}, int64_t session_block = 0);
  ~UdfReader();
  UdfReader(const UdfReader&) = delete;
  UdfReader& operator=(const UdfReader&) = delete;

  const UdfVolume& volume() const;
  // Every entry, parents before children.
  std::vector<ImageEntry> list() const;
  void read(const ImageEntry& file, int64_t offset, void* buf, int64_t n) const {
    read_entry(*source_, file, offset, buf, n);
  }

 private:
  struct Impl;
  std::shared_ptr<BlockSource> source_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace imapi::fs
