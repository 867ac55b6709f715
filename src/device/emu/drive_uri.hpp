// Emulated drives are named by URIs:  emu:MEDIA?dir=PATH&speed=16&buffer=4M&...
// (docs/emulated-drive.md lists every parameter). MEDIA is what a blank disc
// inserted into an empty `dir` is; a disc already in `dir` keeps its own kind.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "device/emu/media_profile.hpp"

namespace imapi::device::emu {

// Failures the test or user asks for. Every LBA knob is "none" when unset.
struct FaultPlan {
  std::optional<uint32_t> write_error_lba;   // WRITE covering it fails 03/0C/00, nothing past it recorded
  uint32_t long_write_every = 0;             // every Nth WRITE is refused once with 02/04/08 (clients retry)
  uint32_t not_ready_polls = 0;              // after loading, N commands see 02/04/01 becoming ready
  std::optional<uint32_t> remove_at_lba;     // medium vanishes (02/3A/00) when a WRITE reaches it
  std::optional<uint32_t> power_loss_at_lba; // state rolls back to the last SYNCHRONIZE CACHE, then no medium
};

struct DriveConfig {
  MediaKind media = MediaKind::kDvdPlusR;
  std::string dir;             // holds disc.img (user data, 2048 bytes per block) and disc.state
  uint32_t speed_x10 = 0;      // highest write speed offered, tenths of 1x; 0 = the medium's fastest
  uint32_t buffer_bytes = 4u << 20;
  bool throttle = false;       // drain the drive buffer in real time at the selected speed
  uint32_t operation_polls = 3;  // TEST UNIT READY polls a BLANK/FORMAT/CLOSE with IMMED reports progress for
  bool write_protected = false;
  std::string vendor = "IMAPI";
  std::string product = "EMULATED DRIVE";
  FaultPlan faults;

  std::string image_path() const { return dir + "/disc.img"; }
  std::string state_path() const { return dir + "/disc.state"; }
  std::string lock_path() const { return dir + "/disc.lock"; }
};

// Throws imapi::Error (E_INVALIDARG) naming the offending part.
DriveConfig parse_drive_uri(std::string_view uri);

}  // namespace imapi::device::emu
