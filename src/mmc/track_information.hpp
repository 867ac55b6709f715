// MMC-6 READ TRACK INFORMATION reply.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace imapi::mmc {

struct TrackInformation {
  uint16_t length = 0;
  uint16_t track = 0;    // MSB byte 32 (when present), LSB byte 2
  uint16_t session = 0;  // MSB byte 33, LSB byte 3
  bool damage = false, copy = false;
  uint8_t track_mode = 0;  // byte 5 bits 3-0 (CD control nibble)
  bool reserved = false;   // RT
  bool blank = false;
  bool packet = false;     // packet/incremental
  bool fixed_packet = false;
  uint8_t data_mode = 0;   // byte 6 bits 3-0: 1 mode 1, 2 mode 2, Fh unknown
  bool lra_valid = false, nwa_valid = false;
  uint32_t start = 0;
  uint32_t next_writable = 0;  // meaningful when nwa_valid
  uint32_t free_blocks = 0;
  uint32_t packet_size = 0;    // fixed packet size / blocking factor
  uint32_t size = 0;
  std::optional<uint32_t> last_recorded;  // present in replies of 32 bytes or more
  std::optional<uint32_t> read_compatibility_lba;  // bytes 36-39 (DVD-R DL)
};

// Needs bytes 0-27 (through the track size, the MMC-2 layout).
TrackInformation parse_track_information(std::span<const uint8_t> bytes);

// The target side: a 48-byte reply (length 46) with every field above.
std::vector<uint8_t> encode_track_information(const TrackInformation& t);

}  // namespace imapi::mmc
