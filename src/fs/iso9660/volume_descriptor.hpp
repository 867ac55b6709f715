// ECMA-119 8.4 primary, 8.5 supplementary (Joliet) and 8.3 terminator volume descriptors.
#pragma once

#include <cstdint>
#include <string>

#include "fs/iso9660/directory_record.hpp"

namespace imapi::fs::iso9660 {

struct VolumeFields {
  uint32_t volume_space_size = 0;
  uint32_t path_table_size = 0;
  uint32_t l_path_table = 0;
  uint32_t m_path_table = 0;
  RecordFields root;  // the root directory's "." record (identifier "\0", no system use)
  int64_t creation_ns = 0;
  int64_t modification_ns = 0;
};

// Writes a 2048-byte primary volume descriptor; the volume id is in d-characters.
void write_primary(uint8_t* block, const VolumeFields& v, const std::string& volume_id, const std::string& application);
// Writes a Joliet supplementary volume descriptor (UCS-2 level 3, "%/E").
void write_joliet(uint8_t* block, const VolumeFields& v, const std::u16string& volume_id,
                  const std::u16string& application);
void write_terminator(uint8_t* block);

}  // namespace imapi::fs::iso9660
