// Data-out parameter lists that accompany some CDBs: FORMAT UNIT's format
// list, SET STREAMING's performance descriptor, and MODE SELECT(10) pages.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "mmc/addressing.hpp"
#include "mmc/mode_pages.hpp"

namespace imapi::mmc {

// Format list header + one format descriptor (MMC-6 FORMAT UNIT, 12 bytes).
// `immediate` sets FOV and IMMED: the command returns at once and progress is
// polled through sense bytes 15-17.
std::array<uint8_t, 12> format_unit_parameters(uint8_t format_type, uint32_t blocks, uint32_t type_parameter,
                                               bool immediate = true, uint8_t format_subtype = 0);

// SEND DISC STRUCTURE format 20h (DVD+R DL layer boundary information), 12 bytes:
// data length 000Ah, 6 reserved bytes, then the L0 data zone capacity in blocks.
std::array<uint8_t, 12> layer_boundary_parameters(uint32_t layer0_blocks);

struct StreamingRequest {
  uint32_t start_lba = 0;
  uint32_t end_lba = 0;
  uint32_t read_size_kb = 0;   // with read_time_ms: the read rate
  uint32_t read_time_ms = 1000;
  uint32_t write_size_kb = 0;  // with write_time_ms: the write rate
  uint32_t write_time_ms = 1000;
  uint8_t write_rotation_control = 0;
  bool restore_defaults = false;
  bool exact = false;
};
// SET STREAMING type 00h performance descriptor (28 bytes).
std::array<uint8_t, 28> streaming_performance_descriptor(const StreamingRequest& r);

// A 52-byte page 05h (page length 32h) from the fields a MODE SELECT sets.
std::vector<uint8_t> write_parameters_page(const WriteParametersPage& w);

// The MODE SELECT(10) parameter list for one page: an 8-byte mode parameter
// header (mode data length zero: reserved for MODE SELECT; no block
// descriptors) followed by the page with its PS bit cleared.
std::vector<uint8_t> mode_select_parameter_list(std::span<const uint8_t> page);

// --- The target side: parsing what an initiator sends (untrusted bytes) ---

// FORMAT UNIT parameter list (the layout format_unit_parameters builds).
struct FormatRequest {
  bool immediate = false;
  uint32_t blocks = 0;
  uint8_t format_type = 0;
  uint8_t format_subtype = 0;
  uint32_t type_parameter = 0;
};
FormatRequest parse_format_unit_parameters(std::span<const uint8_t> list);

// MODE SELECT(10) parameter list: 8-byte header, block descriptors, pages.
std::vector<ModePageData> parse_mode_select_parameter_list(std::span<const uint8_t> list);

// SEND CUE SHEET: 8-byte entries (MMC-6 session-at-once cue sheet).
struct CueSheetEntry {
  uint8_t control = 0;    // byte 0 bits 7-4 (CTL)
  uint8_t adr = 0;        // byte 0 bits 3-0
  uint8_t track = 0;      // TNO (00h lead-in, AAh lead-out)
  uint8_t index = 0;
  uint8_t data_form = 0;
  uint8_t scms = 0;
  Msf start;              // absolute time
};
std::vector<CueSheetEntry> parse_cue_sheet(std::span<const uint8_t> list);

}  // namespace imapi::mmc
