#include "fs/iso9660/volume_descriptor.hpp"

#include <cstring>

#include "fs/iso9660/encoding.hpp"
#include "fs/block_size.hpp"

namespace imapi::fs::iso9660 {

namespace {

void write_common(uint8_t* b, uint8_t type, const VolumeFields& v) {
  std::memset(b, 0, kBlockSize);
  b[0] = type;
  std::memcpy(b + 1, "CD001", 5);
  b[6] = 1;
  put_u32_both(b + 80, v.volume_space_size);
  put_u16_both(b + 120, 1);  // volume set size
  put_u16_both(b + 124, 1);  // volume sequence number
  put_u16_both(b + 128, static_cast<uint16_t>(kBlockSize));
  put_u32_both(b + 132, v.path_table_size);
  put_u32_le(b + 140, v.l_path_table);
  put_u32_be(b + 148, v.m_path_table);
  write_record(b + 156, v.root);
  put_volume_date(b + 813, v.creation_ns);
  put_volume_date(b + 830, v.modification_ns);
  put_volume_date(b + 847, -1);  // expiration: not specified
  put_volume_date(b + 864, -1);  // effective: not specified
  b[881] = 1;                    // file structure version
}

}  // namespace

void write_primary(uint8_t* b, const VolumeFields& v, const std::string& volume_id, const std::string& application) {
  write_common(b, 1, v);
  put_padded(b + 8, 32, "");
  put_padded(b + 40, 32, volume_id);
  put_padded(b + 190, 128, "");
  put_padded(b + 318, 128, "");
  put_padded(b + 446, 128, "");
  put_padded(b + 574, 128, application);
  put_padded(b + 702, 37, "");
  put_padded(b + 739, 37, "");
  put_padded(b + 776, 37, "");
}

void write_joliet(uint8_t* b, const VolumeFields& v, const std::u16string& volume_id, const std::u16string& application) {
  write_common(b, 2, v);
  put_padded_ucs2(b + 8, 32, u"");
  put_padded_ucs2(b + 40, 32, volume_id);
  std::memcpy(b + 88, "%/E", 3);  // UCS-2 level 3
  put_padded_ucs2(b + 190, 128, u"");
  put_padded_ucs2(b + 318, 128, u"");
  put_padded_ucs2(b + 446, 128, u"");
  put_padded_ucs2(b + 574, 128, application);
  put_padded_ucs2(b + 702, 37, u"");
  put_padded_ucs2(b + 739, 37, u"");
  put_padded_ucs2(b + 776, 37, u"");
}

void write_terminator(uint8_t* b) {
  std::memset(b, 0, kBlockSize);
  b[0] = 255;
  std::memcpy(b + 1, "CD001", 5);
  b[6] = 1;
}

}  // namespace imapi::fs::iso9660
