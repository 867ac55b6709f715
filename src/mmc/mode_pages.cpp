#include "mmc/mode_pages.hpp"

#include <algorithm>
#include <type_traits>

#include "mmc/bytes.hpp"

namespace imapi::mmc {

const ModePageData* ModeParameters::find(uint8_t code) const {
  for (const auto& p : pages)
    if (p.code == code) return &p;
  return nullptr;
}

ModeParameters parse_mode_sense10(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "MODE SENSE(10)");
  r.require(0, 8, "mode parameter header");
  ModeParameters m;
  m.mode_data_length = r.be16(0);
  m.medium_type = r.u8(2);
  m.device_specific = r.u8(3);
  m.block_descriptor_length = r.be16(6);
  if (m.mode_data_length < 6) r.fail(0, "mode data length " + std::to_string(m.mode_data_length) + " is shorter than the header");
  size_t end = r.announced_end(0, 2, m.mode_data_length);
  m.complete = end == size_t{2} + m.mode_data_length;
  size_t at = size_t{8} + m.block_descriptor_length;
  if (at > end) {
    m.complete = false;
    return m;
  }
  while (at + 2 <= end) {
    ModePageData p;
    p.parameters_savable = r.bit(at, 7);
    p.subpage_format = r.bit(at, 6);
    p.code = r.bits(at, 0, 6);
    size_t len;
    if (p.subpage_format) {
      if (at + 4 > end) break;
      p.subpage = r.u8(at + 1);
      len = size_t{4} + r.be16(at + 2);
    } else {
      len = size_t{2} + r.u8(at + 1);
    }
    if (at + len > end) break;
    auto page = r.slice(at, len);
    p.bytes.assign(page.begin(), page.end());
    m.pages.push_back(std::move(p));
    at += len;
  }
  if (at < end) m.complete = false;
  return m;
}

WriteParametersPage parse_write_parameters_page(std::span<const uint8_t> page) {
  ResponseReader r(page, "MODE SENSE(10) page 05h");
  r.require(0, 16, "write parameters page through audio pause length");
  if (r.bits(0, 0, 6) != 0x05) r.fail(0, "page code is not 05h");
  WriteParametersPage w;
  w.buffer_underrun_free = r.bit(2, 6);
  w.link_size_valid = r.bit(2, 5);
  w.test_write = r.bit(2, 4);
  w.write_type = r.bits(2, 0, 4);
  w.multi_session = r.bits(3, 6, 2);
  w.fixed_packet = r.bit(3, 5);
  w.copy = r.bit(3, 4);
  w.track_mode = r.bits(3, 0, 4);
  w.data_block_type = r.bits(4, 0, 4);
  w.link_size = r.u8(5);
  w.host_application_code = r.bits(7, 0, 6);
  w.session_format = r.u8(8);
  w.packet_size = r.be32(10);
  w.audio_pause_length = r.be16(14);
  // Only bytes the page length covers count; bytes past it belong to the next page.
  size_t page_end = std::min(r.size(), size_t{2} + r.u8(1));
  auto take = [&](size_t off, auto& field) {
    using Array = typename std::remove_reference_t<decltype(field)>::value_type;
    Array a{};
    if (off + a.size() > page_end) return;
    auto s = r.slice(off, a.size());
    std::copy(s.begin(), s.end(), a.begin());
    field = a;
  };
  take(16, w.media_catalog_number);
  take(32, w.isrc);
  take(48, w.subheader);
  return w;
}

CapabilitiesPage parse_capabilities_page(std::span<const uint8_t> page) {
  ResponseReader r(page, "MODE SENSE(10) page 2Ah");
  r.require(0, 16, "capabilities page through buffer size");
  if (r.bits(0, 0, 6) != 0x2A) r.fail(0, "page code is not 2Ah");
  CapabilitiesPage c;
  c.dvd_ram_read = r.bit(2, 5);
  c.dvd_r_read = r.bit(2, 4);
  c.dvd_rom_read = r.bit(2, 3);
  c.method2 = r.bit(2, 2);
  c.cd_rw_read = r.bit(2, 1);
  c.cd_r_read = r.bit(2, 0);
  c.dvd_ram_write = r.bit(3, 5);
  c.dvd_r_write = r.bit(3, 4);
  c.test_write = r.bit(3, 2);
  c.cd_rw_write = r.bit(3, 1);
  c.cd_r_write = r.bit(3, 0);
  c.buffer_underrun_protection = r.bit(4, 7);
  c.multi_session = r.bit(4, 6);
  c.mode2_form2 = r.bit(4, 5);
  c.mode2_form1 = r.bit(4, 4);
  c.audio_play = r.bit(4, 0);
  c.read_bar_code = r.bit(5, 7);
  c.upc = r.bit(5, 6);
  c.isrc = r.bit(5, 5);
  c.c2_pointers = r.bit(5, 4);
  c.rw_deinterleaved = r.bit(5, 3);
  c.rw_supported = r.bit(5, 2);
  c.cd_da_stream_accurate = r.bit(5, 1);
  c.cd_da_commands = r.bit(5, 0);
  c.loading_mechanism = r.bits(6, 5, 3);
  c.eject = r.bit(6, 3);
  c.prevent_jumper = r.bit(6, 2);
  c.lock_state = r.bit(6, 1);
  c.lock = r.bit(6, 0);
  c.max_read_speed_kbps = r.be16(8);
  c.buffer_size_kb = r.be16(12);
  size_t page_end = std::min(r.size(), size_t{2} + r.u8(1));
  if (page_end >= 20) c.max_write_speed_kbps = r.be16(18);
  if (page_end >= 30) {
    c.rotation_control_selected = r.bits(27, 0, 2);
    c.current_write_speed_kbps = r.be16(28);
  }
  if (page_end >= 32) {
    size_t announced = r.be16(30);
    size_t at = 32;
    for (size_t i = 0; i < announced; ++i, at += 4) {
      if (at + 4 > page_end) {
        c.complete = false;
        break;
      }
      c.write_speeds.push_back({r.bits(at + 1, 0, 2), r.be16(at + 2)});
    }
  }
  return c;
}

std::vector<uint8_t> encode_mode_sense10(const std::vector<std::vector<uint8_t>>& pages, uint8_t medium_type) {
  std::vector<uint8_t> b(8, 0);
  b[2] = medium_type;
  for (const auto& p : pages) b.insert(b.end(), p.begin(), p.end());
  put_be16(b.data(), static_cast<uint32_t>(b.size() - 2));
  return b;
}

std::vector<uint8_t> encode_capabilities_page(const CapabilitiesPage& c) {
  std::vector<uint8_t> p(32 + 4 * c.write_speeds.size(), 0);
  auto bit = [](bool v, int shift) { return static_cast<uint8_t>(v ? 1u << shift : 0u); };
  p[0] = 0x2A;
  p[1] = static_cast<uint8_t>(p.size() - 2);
  p[2] = bit(c.dvd_ram_read, 5) | bit(c.dvd_r_read, 4) | bit(c.dvd_rom_read, 3) | bit(c.method2, 2) |
         bit(c.cd_rw_read, 1) | bit(c.cd_r_read, 0);
  p[3] = bit(c.dvd_ram_write, 5) | bit(c.dvd_r_write, 4) | bit(c.test_write, 2) | bit(c.cd_rw_write, 1) |
         bit(c.cd_r_write, 0);
  p[4] = bit(c.buffer_underrun_protection, 7) | bit(c.multi_session, 6) | bit(c.mode2_form2, 5) |
         bit(c.mode2_form1, 4) | bit(c.audio_play, 0);
  p[5] = bit(c.read_bar_code, 7) | bit(c.upc, 6) | bit(c.isrc, 5) | bit(c.c2_pointers, 4) |
         bit(c.rw_deinterleaved, 3) | bit(c.rw_supported, 2) | bit(c.cd_da_stream_accurate, 1) |
         bit(c.cd_da_commands, 0);
  p[6] = static_cast<uint8_t>((c.loading_mechanism & 7) << 5) | bit(c.eject, 3) | bit(c.prevent_jumper, 2) |
         bit(c.lock_state, 1) | bit(c.lock, 0);
  put_be16(p.data() + 8, c.max_read_speed_kbps.value_or(0));
  put_be16(p.data() + 12, c.buffer_size_kb);
  put_be16(p.data() + 18, c.max_write_speed_kbps.value_or(0));
  p[27] = static_cast<uint8_t>(c.rotation_control_selected & 3);
  put_be16(p.data() + 28, c.current_write_speed_kbps.value_or(0));
  put_be16(p.data() + 30, static_cast<uint32_t>(c.write_speeds.size()));
  for (size_t i = 0; i < c.write_speeds.size(); ++i) {
    p[32 + 4 * i + 1] = static_cast<uint8_t>(c.write_speeds[i].rotation_control & 3);
    put_be16(p.data() + 32 + 4 * i + 2, c.write_speeds[i].write_speed_kbps);
  }
  return p;
}

}  // namespace imapi::mmc
