#include "fs/udf/volume_descriptors.hpp"

#include <cstring>
#include <span>

#include "fs/iso9660/encoding.hpp"
#include "fs/udf/ecma167.hpp"

namespace imapi::fs::udf {

using iso9660::put_u16_le;
using iso9660::put_u32_le;
using iso9660::put_u64_le;

namespace {

constexpr size_t kDescriptorSize = 512;  // most volume descriptors
// Implementation identifier suffix (UDF 2.1.5.3): OS class UNIX (4), OS Linux (5).
constexpr uint8_t kOsSuffix[8] = {4, 5, 0, 0, 0, 0, 0, 0};

void tag(uint8_t* block, size_t size, uint16_t id, uint16_t version, uint32_t location) {
  write_tag(std::span<uint8_t>(block, size), id, version, 0, location);
}

void write_udf_entity(uint8_t* p, const char* identifier, uint16_t revision) {
  write_entity_id(p, identifier, udf_revision_suffix(revision));
}

}  // namespace

void write_osta_charspec(uint8_t* p) {
  std::memset(p, 0, 64);
  p[0] = 0;  // CS0
  static const char kName[] = "OSTA Compressed Unicode";
  std::memcpy(p + 1, kName, sizeof kName - 1);
}

void write_implementation_id(uint8_t* p) { write_entity_id(p, "*libimapi", kOsSuffix); }

void write_domain_id(uint8_t* p, uint16_t revision) {
  // Suffix: revision, then domain flags 0 (neither hard nor soft write-protected).
  write_udf_entity(p, "*OSTA UDF Compliant", revision);
}

void write_recognition(uint8_t* block, const char* identifier) {
  std::memset(block, 0, kBlockSize);
  block[0] = 0;  // structure type
  std::memcpy(block + 1, identifier, 5);
  block[6] = 1;  // structure version
}

void write_anchor(uint8_t* block, uint32_t location, uint16_t descriptor_version, Extent main_vds, Extent reserve_vds) {
  std::memset(block, 0, kBlockSize);
  write_extent_ad(block + 16, main_vds.blocks * static_cast<uint32_t>(kBlockSize), main_vds.location);
  write_extent_ad(block + 24, reserve_vds.blocks * static_cast<uint32_t>(kBlockSize), reserve_vds.location);
  tag(block, kDescriptorSize, kTagAnchor, descriptor_version, location);
}

void write_primary_volume(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v) {
  std::memset(block, 0, kBlockSize);
  put_u32_le(block + 16, sequence_number);
  put_u32_le(block + 20, 0);  // primary volume descriptor number
  write_dstring(block + 24, 32, v.volume_id);
  put_u16_le(block + 56, 1);  // volume sequence number
  put_u16_le(block + 58, 1);  // maximum volume sequence number
  put_u16_le(block + 60, 2);  // interchange level: a single volume (UDF 2.2.2.1)
  put_u16_le(block + 62, 3);
  put_u32_le(block + 64, 1);  // character set list: CS0
  put_u32_le(block + 68, 1);
  write_dstring(block + 72, 128, v.volume_set);
  write_osta_charspec(block + 200);
  write_osta_charspec(block + 264);
  write_implementation_id(block + 344);  // application identifier
  write_timestamp(block + 376, v.time_ns);
  write_implementation_id(block + 388);
  tag(block, kDescriptorSize, kTagPrimaryVolume, v.revision.descriptor_version(), location);
}

void write_implementation_use(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v) {
  std::memset(block, 0, kBlockSize);
  put_u32_le(block + 16, sequence_number);
  write_udf_entity(block + 20, "*UDF LV Info", v.revision.value);
  uint8_t* iu = block + 52;  // LVInformation (UDF 2.2.7.2)
  write_osta_charspec(iu);
  write_dstring(iu + 64, 128, v.label);
  write_implementation_id(iu + 64 + 128 + 3 * 36);
  tag(block, kDescriptorSize, kTagImplementationUse, v.revision.descriptor_version(), location);
}

void write_partition(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v,
                     uint32_t start, uint32_t blocks) {
  std::memset(block, 0, kBlockSize);
  put_u32_le(block + 16, sequence_number);
  put_u16_le(block + 20, 1);  // allocated
  put_u16_le(block + 22, 0);  // partition number
  write_entity_id(block + 24, v.revision.nsr(), {});
  // Partition header descriptor (contents use): no space tables or bitmaps,
  // as a read-only partition has nothing left to allocate.
  put_u32_le(block + 184, 1);  // access type: read-only
  put_u32_le(block + 188, start);
  put_u32_le(block + 192, blocks);
  write_implementation_id(block + 196);
  tag(block, kDescriptorSize, kTagPartition, v.revision.descriptor_version(), location);
}

void write_logical_volume(uint8_t* block, uint32_t location, uint32_t sequence_number, const VolumeInfo& v,
                          uint32_t file_set_block, const MetadataPartition* metadata, Extent integrity) {
  std::memset(block, 0, kBlockSize);
  put_u32_le(block + 16, sequence_number);
  write_osta_charspec(block + 20);
  write_dstring(block + 84, 128, v.label);
  put_u32_le(block + 212, static_cast<uint32_t>(kBlockSize));
  write_domain_id(block + 216, v.revision.value);
  write_long_ad(block + 248, static_cast<uint32_t>(kBlockSize), file_set_block, metadata ? 1 : 0);
  write_implementation_id(block + 272);
  write_extent_ad(block + 432, integrity.blocks * static_cast<uint32_t>(kBlockSize), integrity.location);
  uint8_t* map = block + 440;
  // Type 1: the physical partition 0 of volume 1.
  map[0] = 1;
  map[1] = 6;
  put_u16_le(map + 2, 1);
  put_u16_le(map + 4, 0);
  uint32_t table = 6;
  if (metadata) {
    uint8_t* m = map + 6;  // type 2, UDF 2.2.10
    m[0] = 2;
    m[1] = 64;
    write_udf_entity(m + 4, "*UDF Metadata Partition", v.revision.value);
    put_u16_le(m + 36, 1);
    put_u16_le(m + 38, 0);
    put_u32_le(m + 40, metadata->metadata_file);
    put_u32_le(m + 44, metadata->mirror_file);
    put_u32_le(m + 48, 0xFFFFFFFF);  // no bitmap file: nothing to allocate on read-only media
    put_u32_le(m + 52, metadata->allocation_unit);
    put_u16_le(m + 56, metadata->alignment_unit);
    m[58] = metadata->duplicated ? 1 : 0;
    table += 64;
  }
  put_u32_le(block + 264, table);
  put_u32_le(block + 268, metadata ? 2 : 1);
  tag(block, 440 + table, kTagLogicalVolume, v.revision.descriptor_version(), location);
}

void write_unallocated_space(uint8_t* block, uint32_t location, uint32_t sequence_number,
                             uint16_t descriptor_version) {
  std::memset(block, 0, kBlockSize);
  put_u32_le(block + 16, sequence_number);
  put_u32_le(block + 20, 0);  // no free extents
  tag(block, 24, kTagUnallocatedSpace, descriptor_version, location);
}

void write_terminating(uint8_t* block, uint32_t location, uint16_t descriptor_version) {
  std::memset(block, 0, kBlockSize);
  tag(block, kDescriptorSize, kTagTerminating, descriptor_version, location);
}

void write_integrity(uint8_t* block, uint32_t location, const VolumeInfo& v, bool metadata_partition,
                     const IntegrityCounts& c) {
  std::memset(block, 0, kBlockSize);
  write_timestamp(block + 16, v.time_ns);
  put_u32_le(block + 28, 1);  // integrity type: close
  put_u64_le(block + 40, c.next_unique_id);  // logical volume header descriptor (UDF 3.2.1)
  const uint32_t partitions = metadata_partition ? 2 : 1;
  put_u32_le(block + 72, partitions);
  constexpr uint32_t kImplementationUse = 46;
  put_u32_le(block + 76, kImplementationUse);
  uint8_t* free_table = block + 80;
  uint8_t* size_table = free_table + 4 * partitions;
  put_u32_le(free_table, 0);
  put_u32_le(size_table, c.partition_blocks);
  if (metadata_partition) {
    put_u32_le(free_table + 4, 0);
    put_u32_le(size_table + 4, c.metadata_blocks);
  }
  uint8_t* iu = size_table + 4 * partitions;  // UDF 2.2.6.4
  write_implementation_id(iu);
  put_u32_le(iu + 32, c.files);
  put_u32_le(iu + 36, c.directories);
  put_u16_le(iu + 40, v.revision.min_read());
  put_u16_le(iu + 42, v.revision.value);  // minimum write revision
  put_u16_le(iu + 44, v.revision.value);  // maximum write revision
  tag(block, 80 + 8 * partitions + kImplementationUse, kTagIntegrity, v.revision.descriptor_version(), location);
}

void write_file_set(uint8_t* block, uint32_t location, const VolumeInfo& v, uint32_t root_block,
                    uint16_t root_partition) {
  std::memset(block, 0, kBlockSize);
  write_timestamp(block + 16, v.time_ns);
  put_u16_le(block + 28, 3);  // interchange level
  put_u16_le(block + 30, 3);
  put_u32_le(block + 32, 1);  // character set list: CS0
  put_u32_le(block + 36, 1);
  put_u32_le(block + 40, 0);  // file set number
  put_u32_le(block + 44, 0);  // file set descriptor number
  write_osta_charspec(block + 48);
  write_dstring(block + 112, 128, v.label);
  write_osta_charspec(block + 240);
  write_dstring(block + 304, 32, v.label);
  write_long_ad(block + 400, static_cast<uint32_t>(kBlockSize), root_block, root_partition);
  write_domain_id(block + 416, v.revision.value);
  tag(block, kDescriptorSize, kTagFileSet, v.revision.descriptor_version(), location);
}

}  // namespace imapi::fs::udf
