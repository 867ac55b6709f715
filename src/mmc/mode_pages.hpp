// MODE SENSE(10) replies (SPC-4 mode parameter header, block descriptors,
// pages) and the two MMC pages recorders need: 05h Write Parameters and
// 2Ah MM Capabilities and Mechanical Status.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace imapi::mmc {

struct ModePageData {
  uint8_t code = 0;
  uint8_t subpage = 0;
  bool parameters_savable = false;  // PS
  bool subpage_format = false;      // SPF: 4-byte page header
  std::vector<uint8_t> bytes;       // the whole page, header included (what MODE SELECT sends back)
};

struct ModeParameters {
  uint16_t mode_data_length = 0;  // as reported (bytes after the length field)
  uint8_t medium_type = 0;
  uint8_t device_specific = 0;
  uint16_t block_descriptor_length = 0;
  std::vector<ModePageData> pages;
  bool complete = true;  // false when the drive had more than arrived

  const ModePageData* find(uint8_t code) const;
};

ModeParameters parse_mode_sense10(std::span<const uint8_t> bytes);

// Page 05h (MMC-6 Write Parameters). Byte offsets are within the page.
struct WriteParametersPage {
  bool buffer_underrun_free = false;  // BUFE, byte 2 bit 6
  bool link_size_valid = false;       // LS_V, byte 2 bit 5
  bool test_write = false;            // byte 2 bit 4
  uint8_t write_type = 0;             // 0 packet/incremental, 1 TAO, 2 SAO/DAO, 3 raw, 4 layer jump
  uint8_t multi_session = 0;          // byte 3 bits 7-6
  bool fixed_packet = false;          // FP, byte 3 bit 5
  bool copy = false;
  uint8_t track_mode = 0;             // byte 3 bits 3-0 (CD control nibble)
  uint8_t data_block_type = 0;        // byte 4 bits 3-0
  uint8_t link_size = 0;              // byte 5
  uint8_t host_application_code = 0;  // byte 7 bits 5-0
  uint8_t session_format = 0;         // byte 8: 00h CD-DA/ROM, 10h CD-I, 20h CD-ROM XA
  uint32_t packet_size = 0;           // bytes 10-13
  uint16_t audio_pause_length = 0;    // bytes 14-15
  std::optional<std::array<uint8_t, 16>> media_catalog_number;  // bytes 16-31, when present
  std::optional<std::array<uint8_t, 16>> isrc;                  // bytes 32-47
  std::optional<std::array<uint8_t, 4>> subheader;              // bytes 48-51
};

// Takes the page bytes (ModePageData::bytes). Needs bytes 0-15.
WriteParametersPage parse_write_parameters_page(std::span<const uint8_t> page);

struct WriteSpeedDescriptor2A {
  uint8_t rotation_control = 0;  // 0 CLV, 1 CAV
  uint16_t write_speed_kbps = 0;
};

// Page 2Ah (legacy capabilities; MMC-3 layout kept by MMC-6).
struct CapabilitiesPage {
  bool dvd_ram_read = false, dvd_r_read = false, dvd_rom_read = false;
  bool cd_rw_read = false, cd_r_read = false, method2 = false;
  bool dvd_ram_write = false, dvd_r_write = false, test_write = false;
  bool cd_rw_write = false, cd_r_write = false;
  bool buffer_underrun_protection = false;  // BUF, byte 4 bit 7
  bool multi_session = false;
  bool mode2_form1 = false, mode2_form2 = false, audio_play = false;
  bool cd_da_commands = false, cd_da_stream_accurate = false, rw_supported = false;
  bool rw_deinterleaved = false, c2_pointers = false, isrc = false, upc = false, read_bar_code = false;
  uint8_t loading_mechanism = 0;  // byte 6 bits 7-5: 0 caddy, 1 tray, 2 pop-up, 4/5 changer
  bool eject = false, prevent_jumper = false, lock_state = false, lock = false;
  uint16_t buffer_size_kb = 0;               // bytes 12-13
  std::optional<uint16_t> max_read_speed_kbps;      // bytes 8-9 (obsolete in MMC-6)
  std::optional<uint16_t> max_write_speed_kbps;     // bytes 18-19 (obsolete)
  std::optional<uint16_t> current_write_speed_kbps; // bytes 28-29 (selected)
  uint8_t rotation_control_selected = 0;            // byte 27 bits 1-0
  std::vector<WriteSpeedDescriptor2A> write_speeds; // from byte 32, 4 bytes each
  bool complete = true;  // false when fewer descriptors arrived than byte 30-31 announce
};

// Takes the page bytes. Needs bytes 0-15 (MMC-1 length); later fields are read when present.
CapabilitiesPage parse_capabilities_page(std::span<const uint8_t> page);

// The target side: MODE SENSE(10) reply with an 8-byte header, no block
// descriptors, and the given whole pages (bytes as in ModePageData::bytes).
std::vector<uint8_t> encode_mode_sense10(const std::vector<std::vector<uint8_t>>& pages, uint8_t medium_type = 0);
// Page 2Ah with every field above; length 28 + 4n (so 32 + 4n <= page length + 2
// for n descriptors, which libburn checks).
std::vector<uint8_t> encode_capabilities_page(const CapabilitiesPage& c);

}  // namespace imapi::mmc
