#include "device/emu/disc_state.hpp"

namespace imapi::device::emu {

uint32_t cd_session_gap(uint16_t closed_session) { return (closed_session == 1 ? 6750u : 2250u) + 4500u + 150u; }

uint32_t DiscState::capacity() const {
  const MediaSpec& s = spec();
  if (s.recording == Recording::kReadOnly) return rom_blocks;
  // DVD+R DL (opposite track path): layer 1 holds as much as layer 0, wherever the boundary was put.
  if (media == MediaKind::kDvdPlusRDual && layer0_blocks != 0) return 2 * layer0_blocks;
  if (s.needs_format || s.rules() == MediaKind::kBdR)
    return formatted && !no_spares ? s.formatted_blocks : s.capacity_blocks;
  return s.capacity_blocks;
}

DiscStatus DiscState::status() const {
  const MediaSpec& s = spec();
  if (s.recording == Recording::kReadOnly) return DiscStatus::kFinalized;
  if (s.recording == Recording::kRandom) {
    if (media == MediaKind::kDvdRam) return DiscStatus::kRandomAccess;
    return formatted ? DiscStatus::kFinalized : DiscStatus::kBlank;
  }
  if (finalized) return DiscStatus::kFinalized;
  if (tracks.empty() && closed_sessions == 0) return DiscStatus::kBlank;
  return DiscStatus::kAppendable;
}

const Track* DiscState::open_track() const {
  if (tracks.empty()) return nullptr;
  const Track& t = tracks.back();
  return t.state == TrackState::kOpen ? &t : nullptr;
}

Track* DiscState::open_track() {
  return const_cast<Track*>(static_cast<const DiscState*>(this)->open_track());
}

uint32_t DiscState::next_track_start() const {
  if (tracks.empty()) return 0;  // a blank disc (or one blanked back) starts at LBA 0
  const Track& last = tracks.back();
  uint32_t end = last.end();
  const uint32_t unit = spec().packet_blocks;
  end = (end + unit - 1) / unit * unit;
  if (last.session <= closed_sessions && spec().family == Family::kCd) end += cd_session_gap(last.session);
  return end;
}

bool DiscState::has_invisible_track() const {
  if (spec().recording != Recording::kSequential || finalized || open_track()) return false;
  if (last_track_damaged()) return false;  // it is closed first
  return next_track_start() < capacity();
}

uint32_t DiscState::track_count_with_invisible() const {
  return static_cast<uint32_t>(tracks.size()) + (has_invisible_track() ? 1u : 0u);
}

uint32_t DiscState::first_track_of_session(uint16_t session) const {
  for (size_t i = 0; i < tracks.size(); ++i)
    if (tracks[i].session == session) return static_cast<uint32_t>(i + 1);
  return static_cast<uint32_t>(tracks.size() + 1);  // the invisible track opens an empty session
}

uint16_t DiscState::session_count() const {
  if (spec().recording != Recording::kSequential) return 1;
  if (finalized) return closed_sessions;
  return current_session();
}

std::optional<uint32_t> DiscState::track_at(uint32_t lba) const {
  for (size_t i = 0; i < tracks.size(); ++i)
    if (lba >= tracks[i].start && lba < tracks[i].end()) return static_cast<uint32_t>(i + 1);
  if (const Track* t = open_track(); t && lba == t->next_writable()) return static_cast<uint32_t>(tracks.size());
  return std::nullopt;
}

uint32_t DiscState::last_closed_session_start() const {
  uint16_t session = closed_sessions == 0 ? 1 : closed_sessions;
  for (const Track& t : tracks)
    if (t.session == session) return t.start;
  return 0;
}

std::vector<PmaTrack> DiscState::pma_tracks() const {
  std::vector<PmaTrack> out;
  if (spec().family != Family::kCd || spec().recording != Recording::kSequential || finalized) return out;
  for (size_t i = 0; i < tracks.size(); ++i) {
    const Track& t = tracks[i];
    if (t.session != current_session() || t.state == TrackState::kOpen || t.state == TrackState::kDamaged ||
        t.end() == t.start)
      continue;
    out.push_back({static_cast<uint32_t>(i + 1), t.start, t.end() - 1, t.control});
  }
  return out;
}

void DiscState::complete_tracks() {
  for (Track& t : tracks) {
    if (t.session != current_session() || t.state == TrackState::kComplete) continue;
    if (t.state == TrackState::kOpen || t.state == TrackState::kDamaged) t.size = t.written;
    t.state = TrackState::kComplete;
  }
  // A track closed with nothing written leaves no trace on sequential media.
  while (!tracks.empty() && tracks.back().written == 0 && tracks.back().state == TrackState::kComplete &&
         tracks.back().size == 0)
    tracks.pop_back();
}

void DiscState::interrupt_writing() {
  if (spec().family != Family::kCd) return;  // DVD and BD drives link the next write on
  if (Track* t = open_track()) t->state = TrackState::kDamaged;
}

void DiscState::close_session(bool finalize) {
  complete_tracks();
  bool has_tracks = !tracks.empty() && tracks.back().session == current_session();
  if (has_tracks) ++closed_sessions;
  if (finalize && closed_sessions > 0) finalized = true;
}

void DiscState::erase() {
  tracks.clear();
  closed_sessions = 0;
  finalized = false;
  random_extent = 0;
  background_format = false;
  no_spares = false;
  formatted = media == MediaKind::kDvdRam || media == MediaKind::kDvdRwRestricted;
}

}  // namespace imapi::device::emu
