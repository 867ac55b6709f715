// The state of the disc in the emulated drive: tracks and sessions on
// sequential media, the format state of rewritable media. A value type with
// pure queries; commands change it, state_file persists it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "device/emu/media_profile.hpp"

namespace imapi::device::emu {

enum class TrackState : uint8_t {
  kOpen,      // incomplete track grown by writes at its NWA (the "invisible" track once written to)
  kReserved,  // RESERVE TRACK / cue sheet: fixed size, written from its start
  kComplete,  // closed: no more writes
  // CD: an open track whose writing was interrupted (the medium removed mid-write): no
  // run-out, no PMA entry. Not writable (READ TRACK INFORMATION: Damage 1, NWA_V 0) until
  // CLOSE TRACK or CLOSE SESSION closes it at what was written; then a new track follows.
  kDamaged,
};

struct Track {
  uint16_t session = 1;
  uint32_t start = 0;
  uint32_t size = 0;     // reserved size; for open and incrementally written tracks equal to `written` once closed
  uint32_t written = 0;  // blocks recorded from `start`
  TrackState state = TrackState::kOpen;
  uint8_t control = 4;   // CD Q-channel control nibble (4 = data, recorded uninterrupted)

  uint32_t end() const { return start + (state == TrackState::kReserved ? size : (size > written ? size : written)); }
  uint32_t next_writable() const { return start + written; }
};

enum class DiscStatus : uint8_t { kBlank, kAppendable, kFinalized, kRandomAccess };

// A track entry of a CD's program memory area (READ TOC format 3).
struct PmaTrack {
  uint32_t number = 0;  // 1-based track number
  uint32_t start = 0;   // first block
  uint32_t last = 0;    // last block (reserved tracks: of the reservation)
  uint8_t control = 4;
};

struct DiscState {
  MediaKind media = MediaKind::kDvdPlusR;
  bool formatted = false;        // rewritable media after FORMAT UNIT (DVD+RW, BD-RE, DVD-RAM always formatted)
  bool background_format = false;  // DVD+RW/BD-RE: formatting not finished (CLOSE 0 stops it)
  bool no_spares = false;        // BD-RE formatted with type 31h: no spare areas, the whole user capacity
  uint16_t closed_sessions = 0;
  bool finalized = false;
  std::vector<Track> tracks;
  uint32_t rom_blocks = 0;       // read-only media: size of the pressed data
  uint32_t random_extent = 0;    // random-access media: one past the highest block written
  uint32_t layer0_blocks = 0;    // DVD+R DL: L0 data zone capacity set by SEND DISC STRUCTURE 20h (0: half the disc)

  const MediaSpec& spec() const { return spec_of(media); }
  uint32_t capacity() const;      // user blocks available on this medium in its current format state
  uint16_t current_session() const { return static_cast<uint16_t>(closed_sessions + 1); }
  DiscStatus status() const;
  bool blank() const { return status() == DiscStatus::kBlank; }

  // The track being grown by incremental writes, if any.
  const Track* open_track() const;
  Track* open_track();
  // The last track was interrupted and awaits its close (TrackState::kDamaged).
  bool last_track_damaged() const { return !tracks.empty() && tracks.back().state == TrackState::kDamaged; }
  // Where a new track would start: after the last track, past the lead-out/lead-in
  // gap when a session was closed after it.
  uint32_t next_track_start() const;
  // The invisible track exists while the disc can take another track and no track is open.
  bool has_invisible_track() const;
  // 1-based track numbers; the open or invisible track is the last one.
  uint32_t track_count_with_invisible() const;
  // Tracks in the last (possibly empty) session: first and last numbers.
  uint32_t first_track_of_session(uint16_t session) const;
  uint16_t session_count() const;  // incl. an empty appendable session
  // The track containing `lba` (1-based number), or nullopt.
  std::optional<uint32_t> track_at(uint32_t lba) const;
  // Start of the first track of the last closed session (TOC format 1, msinfo).
  uint32_t last_closed_session_start() const;
  // CD-R/RW: the PMA, where the drive notes each track of the session not yet
  // closed once the track is reserved (RESERVE TRACK, cue sheet) or closed (CLOSE
  // TRACK, TAO SYNCHRONIZE CACHE); a track still being written has no entry yet.
  // Closing the session moves them into the TOC; BLANK erases them. Empty on
  // other media and on a finalized disc.
  std::vector<PmaTrack> pma_tracks() const;
  // Closes the open track and reserved tracks of the current session.
  void complete_tracks();
  // The medium leaves the drive (removed, ejected) while a track is being written: on CD the
  // open track is left damaged, as a real drive finds it when the disc comes back.
  void interrupt_writing();
  void close_session(bool finalize);
  // Back to a factory-blank medium of the same kind.
  void erase();
};

// CD session overhead between the end of a session and the next program area:
// lead-out (6750 blocks after session 1, 2250 after later ones), lead-in 4500, pregap 150.
uint32_t cd_session_gap(uint16_t closed_session);

}  // namespace imapi::device::emu
