// ECMA-167 part 2 and 3 descriptors as UDF records them: the volume recognition
// sequence, the volume descriptor sequence (primary, implementation use,
// partition, logical volume, unallocated space, terminating), the anchor and
// the logical volume integrity descriptor. Each writer fills one 2048-byte
// block, tag included.
#pragma once

#include <cstdint>
#include <string>

#include "fs/block_size.hpp"
#include "fs/udf/revision.hpp"

namespace imapi::fs::udf {

// Tag identifiers (ECMA-167 3/7.2.1, 4/7.2.1) of what this library writes and reads.
enum TagId : uint16_t {
  kTagPrimaryVolume = 1,
  kTagAnchor = 2,
  kTagPointer = 3,
  kTagImplementationUse = 4,
  kTagPartition = 5,
  kTagLogicalVolume = 6,
  kTagUnallocatedSpace = 7,
  kTagTerminating = 8,
  kTagIntegrity = 9,
  kTagFileSet = 256,
  kTagFileIdentifier = 257,
  kTagAllocationExtent = 258,
  kTagIndirectEntry = 259,
  kTagFileEntry = 261,
  kTagExtendedFileEntry = 266,
};

// What every descriptor of one volume shares.
struct VolumeInfo {
  Revision revision;
  std::string label;       // logical volume / file set identifier (UTF-8)
  std::string volume_id;   // the 32-byte primary volume identifier (UTF-8, short)
  std::string volume_set;  // 128-byte volume set identifier (starts with 16 hex digits)
  int64_t time_ns = 0;
};

struct Extent {
  uint32_t location = 0;  // sector
  uint32_t blocks = 0;
};

// Volume recognition: "BEA01", "NSR02"/"NSR03" or "TEA01" (ECMA-167 2/9).
void write_recognition(uint8_t* block, const char* identifier);

void write_anchor(uint8_t* block, uint32_t location, uint16_t descriptor_version, Extent main_vds, Extent reserve_vds);

void write_primary_volume(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v);
void write_implementation_use(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v);
// Partition 0 over [start, start + blocks), read-only access.
void write_partition(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v,
                     uint32_t start, uint32_t blocks);

struct MetadataPartition {
  uint32_t metadata_file = 0;  // file entry locations, in partition 0
  uint32_t mirror_file = 0;
  uint32_t allocation_unit = 32;  // blocks
  uint16_t alignment_unit = 32;
  bool duplicated = false;  // the mirror holds a copy of its own
};

// The logical volume: partition map 0 is the physical partition; with a
// metadata partition, map 1 is it and the file set descriptor lives there.
void write_logical_volume(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v,
                          uint32_t file_set_block, const MetadataPartition* metadata, Extent integrity);
void write_unallocated_space(uint8_t* block, uint32_t location, uint32_t sequence_number,
                             uint16_t descriptor_version);
void write_terminating(uint8_t* block, uint32_t location, uint16_t descriptor_version);

struct IntegrityCounts {
  uint64_t next_unique_id = 0;
  uint32_t files = 0;
  uint32_t directories = 0;
  uint32_t partition_blocks = 0;  // size of the physical partition
  uint32_t metadata_blocks = 0;   // size of the metadata partition, when there is one
};
// A closed logical volume integrity descriptor.
void write_integrity(uint8_t* block, uint32_t location, const VolumeInfo& v, bool metadata_partition,
                     const IntegrityCounts& counts);

// The file set descriptor (ECMA-167 4/14.1), `location` within its partition.
void write_file_set(uint8_t* block, uint32_t location, const VolumeInfo& v, uint32_t root_block,
                    uint16_t root_partition);

// Entity identifiers this implementation records (UDF 2.1.5).
void write_implementation_id(uint8_t* p);
void write_domain_id(uint8_t* p, uint16_t revision);
// The charspec (ECMA-167 1/7.2.1) UDF requires: CS0 "OSTA Compressed Unicode".
void write_osta_charspec(uint8_t* p);

}  // namespace imapi::fs::udf
