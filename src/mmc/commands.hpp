// CDB builders for the SPC-4/MMC-6 commands a recorder needs. Each one fills
// the fields named in its parameters and leaves reserved bytes and CONTROL zero.
// Allocation and transfer lengths are the CDB's own widths; callers pass values
// that fit (narrower fields are truncated, as the spec's field widths demand).
#pragma once

#include <cstdint>

#include "mmc/cdb.hpp"

namespace imapi::mmc {

// --- SPC (primary commands) ---
Cdb test_unit_ready();
Cdb request_sense(uint8_t allocation_length, bool descriptor_format = false);
Cdb inquiry(uint16_t allocation_length, bool evpd = false, uint8_t page_code = 0);
Cdb mode_sense10(uint8_t page_code, uint16_t allocation_length, uint8_t page_control = 0,
                 uint8_t subpage_code = 0, bool disable_block_descriptors = true);
Cdb mode_select10(uint16_t parameter_list_length, bool page_format = true, bool save_pages = false);

// --- Block access ---
Cdb read_capacity();
Cdb read10(uint32_t lba, uint16_t blocks, bool force_unit_access = false);
Cdb read12(uint32_t lba, uint32_t blocks, bool streaming = false);
Cdb write10(uint32_t lba, uint16_t blocks, bool force_unit_access = false);
Cdb write12(uint32_t lba, uint32_t blocks, bool streaming = false);
Cdb synchronize_cache(bool immediate, uint32_t lba = 0, uint16_t blocks = 0);

// --- Device and medium state ---
// START STOP UNIT: start=false,load_eject=true ejects; start=true,load_eject=true loads.
Cdb start_stop_unit(bool start, bool load_eject, bool immediate = false);
Cdb prevent_allow_medium_removal(bool prevent, bool persistent = false);
// GET EVENT STATUS NOTIFICATION, polled; class_request is a bit mask (bit 4 = media).
Cdb get_event_status_notification(uint8_t class_request, uint16_t allocation_length);
inline constexpr uint8_t kEventClassMedia = 0x10;

// --- Drive and media description ---
enum class ConfigurationRequest : uint8_t {
  kAll = 0,          // every feature from the starting one on
  kCurrent = 1,      // only features whose Current bit is set
  kOne = 2,          // exactly the starting feature
};
Cdb get_configuration(ConfigurationRequest rt, uint16_t starting_feature, uint16_t allocation_length);
Cdb read_disc_information(uint16_t allocation_length, uint8_t data_type = 0);
enum class TrackAddressType : uint8_t { kLba = 0, kTrack = 1, kSession = 2 };  // = IMAPI_READ_TRACK_ADDRESS_TYPE
inline constexpr uint32_t kInvisibleTrack = 0xFF;  // track number of the incomplete/invisible track
Cdb read_track_information(TrackAddressType type, uint32_t address, uint16_t allocation_length,
                           bool open = false);
enum class TocFormat : uint8_t { kToc = 0, kSessionInfo = 1, kFullToc = 2, kPma = 3, kAtip = 4 };
Cdb read_toc(TocFormat format, uint8_t track_or_session, uint16_t allocation_length, bool msf = false);
Cdb read_disc_structure(uint8_t media_type, uint8_t format_code, uint16_t allocation_length,
                        uint32_t address = 0, uint8_t layer = 0, uint8_t agid = 0);
// SEND DISC STRUCTURE: media type byte 1, format byte 7, parameter list length 8-9, AGID byte 10 bits 7-6.
// Format 20h on DVD+R DL sets the layer boundary (layer_boundary_parameters).
Cdb send_disc_structure(uint8_t media_type, uint8_t format_code, uint16_t parameter_list_length, uint8_t agid = 0);
Cdb read_format_capacities(uint16_t allocation_length);
Cdb read_buffer_capacity(uint16_t allocation_length, bool in_blocks = false);

// --- Speeds ---
enum class PerformanceType : uint8_t { kPerformance = 0x00, kWriteSpeed = 0x03 };
// Type 0 sets Tolerance 10b (nominal) as MMC requires; `write` and `except` only apply to type 0.
Cdb get_performance(PerformanceType type, uint16_t max_descriptors, uint32_t start_lba = 0,
                    bool write = false, uint8_t except = 0);
Cdb set_streaming(uint16_t parameter_list_length, uint8_t type = 0);
// Speeds in kB/s (1000 bytes); 0xFFFF asks for the maximum.
Cdb set_cd_speed(uint16_t read_kbps, uint16_t write_kbps, uint8_t rotation_control = 0);
inline constexpr uint16_t kMaxSpeed = 0xFFFF;

// --- Writing ---
Cdb reserve_track(uint32_t blocks);
Cdb send_cue_sheet(uint32_t cue_sheet_bytes);
Cdb send_opc_information(bool do_opc, uint16_t parameter_list_length = 0);
// MMC-6 CLOSE TRACK/SESSION close functions; their exact effect depends on the medium.
enum class CloseFunction : uint8_t {
  kStopBackgroundFormat = 0,   // DVD+RW, BD-RE: quick stop of background formatting
  kTrack = 1,                  // close a logical track
  kSession = 2,                // close the session (CD, DVD-R, DVD+R, BD-R)
  kFinalizeMinimalRadius = 5,  // DVD+R: close session and finalize with minimal radius
  kFinalize = 6                // DVD+R, DVD+R DL, BD-R: close session and finalize the disc
};
Cdb close_track_session(CloseFunction function, uint16_t track = 0, bool immediate = true);
enum class BlankType : uint8_t {
  kFull = 0,
  kMinimal = 1,     // "fast": PMA, TOC and pregap of track 1
  kTrack = 2,
  kUnreserveTrack = 3,
  kTrackTail = 4,
  kUncloseSession = 5,
  kSession = 6
};
Cdb blank(BlankType type, bool immediate = true, uint32_t address = 0);
// FORMAT UNIT with FmtData=1, format code 001b: the parameter list (format_unit_parameters) follows.
Cdb format_unit();

// --- Reading CD sectors ---
// expected_sector_type: 0 any, 1 CD-DA, 2 mode 1, 3 mode 2 formless, 4 mode 2 form 1, 5 form 2.
// flags9 is byte 9 (SYNC, header codes, user data, EDC/ECC, C2); 0x10 = user data only, 0xF8 = all 2352 bytes.
Cdb read_cd(uint32_t lba, uint32_t blocks, uint8_t expected_sector_type = 0, uint8_t flags9 = 0x10,
            uint8_t subchannel = 0);

}  // namespace imapi::mmc
