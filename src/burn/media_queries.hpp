// What IDiscFormat2Data and IMultisession* report about the medium: the drive's
// media status (device::media_status) plus the addresses of the last session
// and, on overwritable media, where the file system recorded there ends.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "burn/medium_plan.hpp"
#include "device/drive_queries.hpp"

namespace imapi::burn {

struct SessionAddresses {
  int64_t start = -1;         // StartAddressOfPreviousSession
  int64_t last_written = -1;  // LastWrittenAddressOfPreviousSession
};
SessionAddresses previous_session(device::Transport& t, const device::MediaStatus& m);

// Overwritable media: the end of the ISO 9660 volume at block 16 (its volume
// space size - 1, the last block of every session growisofs -M style), or -1.
int64_t random_last_written(device::Transport& t);

// MediaHeuristicallyBlank: physically blank, or overwritable media whose first 32 blocks are zeros.
bool heuristically_blank(device::Transport& t, const device::MediaStatus& m);

struct MultisessionInfo {
  int32_t type = 0;  // IMAPI_MULTISESSION_*
  bool supported_now = false;
  bool first_data_session = false;
  int32_t write_unit_size = 1;
  int64_t start_previous = -1, last_written_previous = -1;
  int64_t next_writable = 0;
  int64_t free_sectors = 0;
  int64_t last_written = -1;
  int64_t total_sectors = 0;
};
// IsRecorderSupported and IsCurrentMediaSupported of a format object (data,
// erase): whether the drive has a profile, or holds a medium, that the object's
// `handles` accepts.
using ProfileFilter = bool (*)(uint16_t profile);
bool recorder_supports(device::Transport& t, ProfileFilter handles);
bool current_media_supported(device::Transport& t, ProfileFilter handles);
// The data writer's filter: a medium it has a plan for.
bool data_writable_profile(uint16_t profile);

// MultisessionInterfaces for the medium (one element: its kind).
std::vector<MultisessionInfo> multisession_interfaces(device::Transport& t);

}  // namespace imapi::burn
