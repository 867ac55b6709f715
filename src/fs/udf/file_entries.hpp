// ECMA-167 part 4 structures of the file tree as UDF records them: (extended)
// file entries, file identifier descriptors and symbolic link path components.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "fs/udf/revision.hpp"

namespace imapi::fs::udf {

// ECMA-167 4/14.6.6 file types.
enum FileType : uint8_t {
  kFileTypeDirectory = 4,
  kFileTypeRegular = 5,
  kFileTypeSymlink = 12,
  kFileTypeMetadata = 250,  // UDF 2.2.13
  kFileTypeMetadataMirror = 251,
};

// Where an extent of data lies: partition-relative block and partition reference.
struct DataExtent {
  uint32_t block = 0;
  uint64_t bytes = 0;
  uint16_t partition = 0;
};

// The most a long_ad extent holds: 30 bits of length, whole blocks.
inline constexpr uint64_t kMaxExtentBytes = 0x3FFFF800;

struct FileEntryFields {
  FileType type = kFileTypeRegular;
  // An extended file entry (ECMA-167 3rd edition: UDF 2.00 on), which adds a
  // creation time. The tree uses plain file entries in every revision, as UDF
  // allows: readers such as pycdlib know no other kind.
  bool extended = false;
  uint32_t uid = 0;
  uint32_t gid = 0;
  uint32_t mode = 0644;  // POSIX permission bits, setuid/setgid/sticky included
  uint16_t links = 1;
  int64_t access_ns = 0;
  int64_t modification_ns = 0;
  int64_t creation_ns = 0;  // extended file entries only
  uint64_t unique_id = 0;
  uint64_t size = 0;           // information length
  DataExtent data;             // recorded data: split into extents of kMaxExtentBytes
  std::span<const DataExtent> more;  // further recorded extents, in order (data a previous session holds)
  bool embed = false;                 // data held in the entry itself (allocation type 3):
  std::span<const uint8_t> embedded;  // these bytes
  bool short_ads = false;      // short_ad (same partition as the entry) instead of long_ad
};

// The allocation descriptors a file entry for `size` bytes needs; the entry has
// room for at most max_extents() of them.
size_t extents_for(uint64_t size);
size_t max_extents(bool extended);
// Room for embedded data.
size_t max_embedded(bool extended);

// Writes a file entry or extended file entry in the 2048-byte block, tagged
// with its partition-relative location.
void write_file_entry(uint8_t* block, uint32_t location, const Revision& r, const FileEntryFields& f);

// File identifier descriptors (ECMA-167 4/14.4).
struct Identifier {
  std::span<const uint8_t> name;  // CS0; empty for the parent entry
  uint32_t icb_block = 0;
  uint16_t icb_partition = 0;
  uint32_t unique_id = 0;  // lower 32 bits of the entry's unique ID (UDF 2.3.4.3)
  bool directory = false;
  bool parent = false;
  bool hidden = false;
};
// Length of the descriptor, padding included.
size_t identifier_length(size_t name_bytes);
// Writes it at `p` (identifier_length bytes); `location` is the partition-relative
// block holding its first byte.
void write_identifier(uint8_t* p, uint32_t location, const Revision& r, const Identifier& id);

// A symbolic link's data: ECMA-167 4/14.16 path components of a POSIX target.
std::vector<uint8_t> symlink_components(std::string_view target);

}  // namespace imapi::fs::udf
