#include "mmc/parameter_lists.hpp"

#include <algorithm>

#include "mmc/bytes.hpp"

namespace imapi::mmc {

std::array<uint8_t, 12> format_unit_parameters(uint8_t format_type, uint32_t blocks, uint32_t type_parameter,
                                               bool immediate, uint8_t format_subtype) {
  std::array<uint8_t, 12> p{};
  p[1] = immediate ? 0x82 : 0x00;  // FOV | IMMED
  put_be16(p.data() + 2, 8);       // format descriptor length
  put_be32(p.data() + 4, blocks);
  p[8] = static_cast<uint8_t>((format_type & 0x3F) << 2 | (format_subtype & 0x03));
  put_be24(p.data() + 9, type_parameter);
  return p;
}

std::array<uint8_t, 28> streaming_performance_descriptor(const StreamingRequest& r) {
  std::array<uint8_t, 28> p{};
  p[0] = static_cast<uint8_t>((r.write_rotation_control & 0x03) << 3 | (r.restore_defaults ? 0x04 : 0) |
                              (r.exact ? 0x02 : 0));
  put_be32(p.data() + 4, r.start_lba);
  put_be32(p.data() + 8, r.end_lba);
  put_be32(p.data() + 12, r.read_size_kb);
  put_be32(p.data() + 16, r.read_time_ms);
  put_be32(p.data() + 20, r.write_size_kb);
  put_be32(p.data() + 24, r.write_time_ms);
  return p;
}

std::vector<uint8_t> write_parameters_page(const WriteParametersPage& w) {
  std::vector<uint8_t> p(52, 0);
  p[0] = 0x05;
  p[1] = 0x32;
  p[2] = static_cast<uint8_t>((w.buffer_underrun_free ? 0x40 : 0) | (w.link_size_valid ? 0x20 : 0) |
                              (w.test_write ? 0x10 : 0) | (w.write_type & 0x0F));
  p[3] = static_cast<uint8_t>((w.multi_session & 0x03) << 6 | (w.fixed_packet ? 0x20 : 0) | (w.copy ? 0x10 : 0) |
                              (w.track_mode & 0x0F));
  p[4] = static_cast<uint8_t>(w.data_block_type & 0x0F);
  p[5] = w.link_size;
  p[7] = static_cast<uint8_t>(w.host_application_code & 0x3F);
  p[8] = w.session_format;
  put_be32(p.data() + 10, w.packet_size);
  put_be16(p.data() + 14, w.audio_pause_length);
  if (w.media_catalog_number) std::copy(w.media_catalog_number->begin(), w.media_catalog_number->end(), p.begin() + 16);
  if (w.isrc) std::copy(w.isrc->begin(), w.isrc->end(), p.begin() + 32);
  if (w.subheader) std::copy(w.subheader->begin(), w.subheader->end(), p.begin() + 48);
  return p;
}

std::vector<uint8_t> mode_select_parameter_list(std::span<const uint8_t> page) {
  std::vector<uint8_t> out(8, 0);
  out.insert(out.end(), page.begin(), page.end());
  if (page.size() > 0) out[8] &= 0x7F;  // PS is reserved in MODE SELECT
  return out;
}

}  // namespace imapi::mmc
