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
  std::vector<uint8_t> out(8 + page.size(), 0);
  std::copy(page.begin(), page.end(), out.begin() + 8);
  if (!page.empty()) out[8] &= 0x7F;  // PS is reserved in MODE SELECT
  return out;
}

FormatRequest parse_format_unit_parameters(std::span<const uint8_t> list) {
  ResponseReader r(list, "FORMAT UNIT parameter list");
  r.require(0, 12, "format list header and one format descriptor");
  if (r.be16(2) < 8) r.fail(2, "format descriptor length is shorter than 8");
  FormatRequest f;
  f.immediate = r.bit(1, 7) && r.bit(1, 1);  // IMMED counts only with FOV
  f.blocks = r.be32(4);
  f.format_type = r.bits(8, 2, 6);
  f.format_subtype = r.bits(8, 0, 2);
  f.type_parameter = r.be24(9);
  return f;
}

std::vector<ModePageData> parse_mode_select_parameter_list(std::span<const uint8_t> list) {
  ResponseReader r(list, "MODE SELECT(10) parameter list");
  r.require(0, 8, "mode parameter header");
  size_t at = size_t{8} + r.be16(6);
  std::vector<ModePageData> pages;
  while (at < r.size()) {
    r.require(at, 2, "page header");
    ModePageData p;
    p.subpage_format = r.bit(at, 6);
    p.code = r.bits(at, 0, 6);
    size_t len = size_t{2} + r.u8(at + 1);
    if (p.subpage_format) {
      r.require(at, 4, "subpage header");
      p.subpage = r.u8(at + 1);
      len = size_t{4} + r.be16(at + 2);
    }
    auto bytes = r.slice(at, len);
    p.bytes.assign(bytes.begin(), bytes.end());
    pages.push_back(std::move(p));
    at += len;
  }
  return pages;
}

std::vector<CueSheetEntry> parse_cue_sheet(std::span<const uint8_t> list) {
  ResponseReader r(list, "SEND CUE SHEET parameter list");
  if (r.size() == 0 || r.size() % 8 != 0) r.fail(0, "cue sheet length is not a positive multiple of 8");
  std::vector<CueSheetEntry> out;
  for (size_t at = 0; at < r.size(); at += 8) {
    CueSheetEntry e;
    e.control = r.bits(at, 4, 4);
    e.adr = r.bits(at, 0, 4);
    e.track = r.u8(at + 1);
    e.index = r.u8(at + 2);
    e.data_form = r.u8(at + 3);
    e.scms = r.u8(at + 4);
    e.start = {r.u8(at + 5), r.u8(at + 6), r.u8(at + 7)};
    out.push_back(e);
  }
  return out;
}

std::array<uint8_t, 12> layer_boundary_parameters(uint32_t layer0_blocks) {
  std::array<uint8_t, 12> b{};
  put_be16(b.data(), 10);
  put_be32(b.data() + 8, layer0_blocks);
  return b;
}

}  // namespace imapi::mmc
