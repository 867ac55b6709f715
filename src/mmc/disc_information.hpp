// MMC-6 READ DISC INFORMATION, data type 000b (standard disc information).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace imapi::mmc {

enum class DiscStatus : uint8_t { kEmpty = 0, kIncomplete = 1, kFinalized = 2, kOther = 3 };  // "other": random-access media
enum class SessionState : uint8_t { kEmpty = 0, kIncomplete = 1, kDamaged = 2, kComplete = 3 };

struct DiscInformation {
  uint16_t length = 0;  // disc information length as reported
  bool erasable = false;
  SessionState last_session_state = SessionState::kEmpty;
  DiscStatus disc_status = DiscStatus::kEmpty;
  uint8_t first_track = 0;               // number of first track on disc
  uint16_t sessions = 0;                 // MSB byte 9, LSB byte 4
  uint16_t first_track_last_session = 0; // MSB byte 10, LSB byte 5
  uint16_t last_track_last_session = 0;  // MSB byte 11, LSB byte 6
  bool disc_id_valid = false, bar_code_valid = false, unrestricted_use = false, application_code_valid = false;
  uint8_t background_format_status = 0;  // byte 7 bits 1-0 (BG format: 0 none, 1 incomplete, 2 running, 3 complete)
  uint8_t disc_type = 0;                 // byte 8: 00h CD-DA/ROM, 10h CD-I, 20h CD-ROM XA, FFh undefined
  uint32_t disc_identification = 0;
  // Raw 4-byte address fields: CD media give MSF in bytes 1-3 (see addressing.hpp), others an LBA.
  uint32_t last_session_lead_in = 0;
  uint32_t last_possible_lead_out = 0;
  std::optional<uint8_t> application_code;  // byte 32, when present
};

// Needs bytes 0-23 (through the last possible lead-out start address).
DiscInformation parse_disc_information(std::span<const uint8_t> bytes);

// The target side (an emulated drive): the 34-byte reply parse_disc_information reads.
std::vector<uint8_t> encode_disc_information(const DiscInformation& d);

}  // namespace imapi::mmc
