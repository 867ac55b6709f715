#include "burn/media_queries.hpp"

#include <algorithm>
#include <cstring>
#include <vector>

#include "burn/drive_ops.hpp"
#include "core/error.hpp"
#include "imapi_c.h"
#include "mmc/disc_information.hpp"
#include "mmc/track_information.hpp"

namespace imapi::burn {

SessionAddresses previous_session(device::Transport& t, const device::MediaStatus& m) {
  SessionAddresses a;
  if (!m.present || m.sessions == 0) return a;
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) {
    const int64_t end = random_last_written(t);
    if (end >= 0) a = {0, end};
    return a;
  }
  auto info = mmc::parse_disc_information(device::disc_information(t));
  // The last session holding data: the open, empty one of an appendable disc is not it.
  int sessions = info.sessions;
  if (info.last_session_state == mmc::SessionState::kEmpty && sessions > 0) --sessions;
  if (sessions == 0) return a;
  auto first = mmc::parse_track_information(
      device::track_information(t, static_cast<uint32_t>(sessions), IMAPI_READ_TRACK_ADDRESS_TYPE_SESSION));
  a.start = first.start;
  // The session's last track: the tracks of a session are consecutive; follow them to the session's end.
  int64_t last = first.start + static_cast<int64_t>(first.size) - 1;
  for (uint32_t track = first.track + 1; track < 0xFF; ++track) {
    mmc::TrackInformation ti;
    try {
      ti = mmc::parse_track_information(device::track_information(t, track, IMAPI_READ_TRACK_ADDRESS_TYPE_TRACK));
    } catch (const Error&) {
      break;
    }
    if (ti.session != first.session || ti.blank) break;
    last = ti.start + static_cast<int64_t>(ti.size) - 1;
  }
  a.last_written = last;
  return a;
}

int64_t random_last_written(device::Transport& t) {
  std::vector<uint8_t> pvd(2048);
  try {
    read_blocks(t, 16, 1, pvd.data());
  } catch (const Error&) {
    return -1;  // unformatted, or nothing readable there
  }
  if (pvd[0] != 1 || std::memcmp(pvd.data() + 1, "CD001", 5) != 0) return -1;
  const int64_t blocks = pvd[80] | (pvd[81] << 8) | (pvd[82] << 16) | (int64_t{pvd[83]} << 24);  // volume space size (LE)
  return blocks > 0 ? blocks - 1 : -1;
}

bool heuristically_blank(device::Transport& t, const device::MediaStatus& m) {
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) return true;
  if (!(m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY)) return false;
  std::vector<uint8_t> head(32 * 2048);
  try {
    read_blocks(t, 0, 32, head.data());
  } catch (const Error&) {
    return true;  // never formatted or written: nothing there to read
  }
  return std::all_of(head.begin(), head.end(), [](uint8_t b) { return b == 0; });
}

std::vector<MultisessionInfo> multisession_interfaces(device::Transport& t) {
  auto m = device::media_status(t);
  if (!m.present) throw Error(IMAPI_E_RECORDER_MEDIA_NO_MEDIA, "there is no disc in the drive: insert one");
  auto plan = plan_for_profile(m.profile);
  MultisessionInfo s;
  s.write_unit_size = plan ? (plan->cd ? 1 : plan->write_unit_blocks) : 1;
  const bool random = (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) != 0;
  if (random) {
    s.type = IMAPI_MULTISESSION_RANDOM_WRITE;
    s.total_sectors = m.total_sectors;
    s.last_written = random_last_written(t);
    const int64_t align = plan ? plan->session_alignment : 32;
    s.next_writable = s.last_written < 0 ? 0 : (s.last_written + 1 + align - 1) / align * align;
    s.supported_now = plan.has_value() && !(m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED) &&
                      s.next_writable < m.total_sectors;
    s.free_sectors = std::max<int64_t>(0, m.total_sectors - s.next_writable);
    s.first_data_session = s.last_written < 0;
    if (s.last_written >= 0) {
      s.start_previous = 0;
      s.last_written_previous = s.last_written;
    }
    return {s};
  }
  s.type = IMAPI_MULTISESSION_SEQUENTIAL;
  auto prev = previous_session(t, m);
  s.start_previous = prev.start;
  s.last_written_previous = prev.last_written;
  s.first_data_session = m.sessions == 0;
  s.next_writable = m.next_writable;
  s.free_sectors = m.free_sectors;
  s.total_sectors = m.total_sectors;
  s.supported_now = plan.has_value() &&
                    (m.state & (IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE | IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK)) &&
                    !(m.state & (IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED | IMAPI_FORMAT2_DATA_MEDIA_STATE_WRITE_PROTECTED));
  return {s};
}

bool recorder_supports(device::Transport& t, ProfileFilter handles) {
  for (int32_t p : device::profiles(t, false))
    if (handles(static_cast<uint16_t>(p))) return true;
  return false;
}

bool current_media_supported(device::Transport& t, ProfileFilter handles) {
  const auto m = device::media_status(t);
  return m.present && handles(m.profile);
}

bool data_writable_profile(uint16_t profile) { return plan_for_profile(profile).has_value(); }

}  // namespace imapi::burn
