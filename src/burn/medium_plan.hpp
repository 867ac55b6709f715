// What writing a data session takes on each medium IDiscFormat2Data supports:
// the write unit, whether page 05h is set up, whether a blank disc is
// formatted first, and how a session or the disc is closed. The decisions and
// where they come from are in docs/burn-engine.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "mmc/commands.hpp"

namespace imapi::burn {

enum class Medium {
  kCdR, kCdRw, kDvdMinusR, kDvdMinusRwSequential, kDvdMinusRwRestricted, kDvdPlusR, kDvdPlusRDl,
  kDvdPlusRw, kDvdRam, kBdR, kBdRe,
};

struct MediumPlan {
  Medium medium = Medium::kCdR;
  const char* name = "";
  bool cd = false;
  bool bd = false;
  bool random = false;              // overwritable: written in place, sessions emulated
  int32_t write_unit_blocks = 16;   // blocks per WRITE: CD 16 (32 KiB), DVD 16 (ECC block), BD 32 (cluster)
  bool write_parameters = false;    // page 05h (write type, multi-session) before writing: CD, DVD-R/-RW sequential
  uint8_t write_type = 0;           // page 05h write type: CD TAO 1, DVD-R incremental 0
  bool test_write = false;          // the medium has a test (simulation) write
  bool streaming = false;           // WRITE(12) Streaming bypasses defect management (BD-RE, DVD-RAM)
  int32_t session_alignment = 1;    // a random-write logical session starts on this boundary (blocks)
};

// The plan for a current profile; nullopt when IDiscFormat2Data does not write it.
std::optional<MediumPlan> plan_for_profile(uint16_t profile);
// IMAPI_MEDIA_TYPE_* values the data writer writes (SupportedMediaTypes).
std::vector<int32_t> supported_media_types();

// How the session just written is closed.
enum class Closing { kLeaveAppendable, kCloseDisc };

// The CLOSE TRACK/SESSION functions that end a write, in order (after
// SYNCHRONIZE CACHE). `open_track` is the number of the track just written.
// `compatible` is DVD+R's compatibility close (DisableConsumerDvdCompatibilityMode 0).
struct CloseStep {
  mmc::CloseFunction function;
  uint16_t track = 0;
};
std::vector<CloseStep> close_steps(const MediumPlan& plan, Closing closing, bool compatible, uint16_t open_track);

}  // namespace imapi::burn
