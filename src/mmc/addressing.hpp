// CD addresses: minutes/seconds/frames (75 frames a second) and LBAs.
// LBA 0 is MSF 00:02:00 (the 150-frame pregap of track 1); lead-in addresses
// (MSF minutes 90-99) are negative LBAs, as MMC-6 table "LBA to MSF" lays out.
#pragma once

#include <cstdint>

namespace imapi::mmc {

struct Msf {
  uint8_t minute = 0;
  uint8_t second = 0;
  uint8_t frame = 0;
  friend bool operator==(const Msf&, const Msf&) = default;
};

inline int32_t lba_from_msf(Msf m) {
  int32_t frames = (int32_t{m.minute} * 60 + m.second) * 75 + m.frame;
  return m.minute >= 90 ? frames - 450150 : frames - 150;
}

inline Msf msf_from_lba(int32_t lba) {
  int32_t frames = lba >= -150 ? lba + 150 : lba + 450150;
  if (frames < 0) frames = 0;
  return {static_cast<uint8_t>(frames / (60 * 75) % 256), static_cast<uint8_t>(frames / 75 % 60),
          static_cast<uint8_t>(frames % 75)};
}

// A 4-byte address field holding MSF in its low three bytes (byte 0 reserved).
inline Msf msf_from_field(uint32_t field) {
  return {static_cast<uint8_t>(field >> 16), static_cast<uint8_t>(field >> 8), static_cast<uint8_t>(field)};
}

}  // namespace imapi::mmc
