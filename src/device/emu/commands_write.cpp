// Writing on sequential and random media: WRITE, track reservation, the
// session-at-once cue sheet, cache synchronization and CLOSE TRACK/SESSION,
// with the track/session state transitions a real drive makes (including the
// ones it makes by itself where clients send no CLOSE).
#include <time.h>

#include <algorithm>
#include <thread>

#include "core/error.hpp"
#include "device/emu/command.hpp"
#include "device/emu/image_blocks.hpp"
#include "mmc/addressing.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/toc.hpp"

namespace imapi::device::emu {

namespace {

int64_t monotonic_ns() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return int64_t{ts.tv_sec} * 1'000'000'000 + ts.tv_nsec;
}

bool dvd_dash(const DiscState& d) { return d.media == MediaKind::kDvdR || d.media == MediaKind::kDvdRwSequential; }

// The disc-at-once / session-at-once write type on CD and DVD-R.
bool at_once(const EmuState& s) { return current_write_parameters(s).write_type == 2; }

// Page 05h selects 2048-byte user data blocks (mode 1, mode 2 form 1): the only ones
// this drive records. Audio and raw block types are accepted by MODE SELECT only.
bool data_blocks(const EmuState& s) {
  const uint8_t t = current_write_parameters(s).data_block_type;
  return t == 8 || t == 10;
}

// Closing a session on CD and DVD-R leaves the disc appendable only when the
// write parameters page asked for a next session (Multi-session = 11b).
bool finalize_on_close(const EmuState& s) {
  const Family f = s.disc.spec().family;
  if (f == Family::kCd || dvd_dash(s.disc)) return current_write_parameters(s).multi_session != 3;
  return false;
}

// Bytes the drive can take in its buffer before a WRITE waits for room.
uint64_t rate_bytes_per_second(const Context& ctx) {
  return uint64_t{selected_write_speed_kbps(ctx.config, ctx.state)} * 1000;
}

// A WRITE arriving after the buffer ran dry mid-track: a buffer underrun. With
// BUFE the drive links seamlessly and only counts it; without, the write fails
// (and the buffer model starts afresh, so the client's retry goes through).
void check_underrun(Context& ctx) {
  DriveState& v = ctx.drive();
  drain_buffer(ctx);
  if (!v.buffer_ran_dry) return;
  v.buffer_ran_dry = false;
  ++v.underruns;
  ctx.state_changed = true;
  ctx.checkpoint = true;
  if (!current_write_parameters(ctx.state).buffer_underrun_free) check(0x03, 0x0C, 0x09);  // loss of streaming
}

// `bytes` enter the buffer. A full buffer holds the host back, as a real drive
// does, until room frees up.
void account_buffer(Context& ctx, uint64_t bytes) {
  DriveState& v = ctx.drive();
  drain_buffer(ctx);
  if (!ctx.config.throttle) return;
  const uint64_t rate = rate_bytes_per_second(ctx);
  const uint64_t size = ctx.config.buffer_bytes;
  if (v.buffer_fill + bytes > size && rate != 0) {
    const uint64_t excess = v.buffer_fill + bytes - size;
    std::this_thread::sleep_for(std::chrono::nanoseconds(excess * 1'000'000'000 / rate));
    // The drive kept recording for as long as the sleep really took: a sleep
    // that overshoots (timer slack, a busy machine) must not stop the drive's
    // clock, or a throttled drive records slower than its speed. The time the
    // drive itself held the host is no underrun, however far it drained.
    const int64_t now = monotonic_ns();
    const uint64_t drained =
        now > v.buffer_clock_ns ? static_cast<uint64_t>(now - v.buffer_clock_ns) * rate / 1'000'000'000 : 0;
    v.buffer_clock_ns = now;
    v.buffer_fill = std::min(v.buffer_fill - std::min(drained, v.buffer_fill), size - std::min<uint64_t>(bytes, size));
  }
  v.buffer_fill += bytes;
}

void store(Context& ctx, uint64_t lba, uint64_t blocks, std::span<const uint8_t> data) {
  if (blocks == 0) return;
  if (store_blocks(ctx.image_fd, lba, data.first(blocks * mmc::kDataSectorSize)) != 0)
    check(0x03, 0x0C, 0x00, static_cast<uint32_t>(lba));  // the image cannot be written: a write error
}

// How many blocks of [lba, lba + blocks) may be recorded before a fault
// strikes, and the fault's sense. Applied after address validation so a
// fault never hides an addressing error.
struct FaultCut {
  uint64_t blocks;
  enum class Kind { kNone, kWriteError, kRemoved, kPowerLoss } kind = Kind::kNone;
  uint32_t lba = 0;
};
FaultCut fault_cut(const FaultPlan& f, uint64_t lba, uint64_t blocks) {
  FaultCut cut{blocks};
  auto consider = [&](std::optional<uint32_t> at, FaultCut::Kind kind) {
    if (at && *at >= lba && *at < lba + blocks && *at - lba < cut.blocks) cut = {*at - lba, kind, *at};
  };
  consider(f.write_error_lba, FaultCut::Kind::kWriteError);
  consider(f.remove_at_lba, FaultCut::Kind::kRemoved);
  consider(f.power_loss_at_lba, FaultCut::Kind::kPowerLoss);
  return cut;
}

[[noreturn]] void strike(Context& ctx, const FaultCut& cut) {
  DriveState& v = ctx.drive();
  ctx.state_changed = true;
  ctx.checkpoint = true;  // a fault is a moment tests and users look at disc.state
  switch (cut.kind) {
    case FaultCut::Kind::kWriteError:
      check(0x03, 0x0C, 0x00, cut.lba);
    case FaultCut::Kind::kRemoved:
      ctx.disc().interrupt_writing();
      v.medium_present = false;
      check(0x02, 0x3A, 0x00);
    case FaultCut::Kind::kPowerLoss:
      // Everything since the disc was last made durable (SYNCHRONIZE CACHE, CLOSE,
      // BLANK, FORMAT) is lost with the drive's cache: the whole disc goes back to then.
      ctx.disc() = v.durable_disc;
      v.medium_present = false;
      v.sao_armed = false;
      v.sao_plan.clear();
      v.simulated_blocks = 0;
      v.buffer_fill = 0;
      check(0x02, 0x3A, 0x00);
    case FaultCut::Kind::kNone:
      break;
  }
  check(0x04, 0x44, 0x00);  // internal target failure: unreachable
}

void write_random(Context& ctx, uint64_t lba, uint64_t blocks, std::span<const uint8_t> data) {
  DiscState& d = ctx.disc();
  if (!d.formatted) {
    // A blank DVD+RW starts formatting itself on the first write; others need FORMAT UNIT.
    if (d.media != MediaKind::kDvdPlusRw) check(0x05, 0x30, 0x10);  // medium not formatted
    d.formatted = true;
    d.background_format = true;
  }
  if (lba + blocks > d.capacity()) lba_out_of_range();
  const FaultCut cut = fault_cut(ctx.config.faults, lba, blocks);
  store(ctx, lba, cut.blocks, data);
  d.random_extent = static_cast<uint32_t>(std::max<uint64_t>(d.random_extent, lba + cut.blocks));
  ctx.state_changed = true;
  if (cut.kind != FaultCut::Kind::kNone) strike(ctx, cut);
}

void write_session_at_once(Context& ctx, int64_t lba, uint64_t blocks, std::span<const uint8_t> data) {
  DriveState& v = ctx.drive();
  DiscState& d = ctx.disc();
  if (lba != v.sao_next || lba + static_cast<int64_t>(blocks) > v.sao_end) invalid_address_for_write();
  if (!v.sao_plan.empty()) {
    d.tracks.insert(d.tracks.end(), v.sao_plan.begin(), v.sao_plan.end());
    v.sao_plan.clear();
  }
  // Blocks before LBA 0 / the session's first track are the lead-in pregap: not user data.
  int64_t first_user = lba;
  for (const Track& t : d.tracks)
    if (t.session == d.current_session()) {
      first_user = std::max<int64_t>(lba, t.start);
      break;
    }
  const uint64_t skip = std::min<uint64_t>(static_cast<uint64_t>(first_user - lba), blocks);
  uint64_t user = blocks > skip ? blocks - skip : 0;
  const FaultCut cut = fault_cut(ctx.config.faults, static_cast<uint64_t>(first_user), user);
  if (!current_write_parameters(ctx.state).test_write) {
    store(ctx, static_cast<uint64_t>(first_user), cut.blocks, data.subspan(skip * mmc::kDataSectorSize));
    for (Track& t : d.tracks) {
      if (t.session != d.current_session()) continue;
      const int64_t end = first_user + static_cast<int64_t>(cut.blocks);
      if (end > t.start) t.written = static_cast<uint32_t>(std::min<int64_t>(end - t.start, t.size));
    }
  }
  v.sao_next = static_cast<int32_t>(lba + static_cast<int64_t>(skip + cut.blocks));
  ctx.state_changed = true;
  if (cut.kind != FaultCut::Kind::kNone) strike(ctx, cut);
  if (v.sao_next >= v.sao_end) {  // the cue sheet is used up: the drive writes the lead-out and closes
    v.sao_armed = false;
    if (current_write_parameters(ctx.state).test_write) {
      std::erase_if(d.tracks, [&](const Track& t) { return t.session == d.current_session(); });
    } else {
      d.close_session(finalize_on_close(ctx.state));
    }
    make_durable(ctx);  // the lead-out is written: everything before it is on the disc
  }
}

void write_sequential(Context& ctx, uint64_t lba, uint64_t blocks, std::span<const uint8_t> data) {
  DiscState& d = ctx.disc();
  if (d.finalized) invalid_address_for_write();
  if (lba + blocks > d.capacity()) lba_out_of_range();
  // In simulation the drive pretends the blocks accepted so far were recorded.
  const bool simulate = current_write_parameters(ctx.state).test_write;
  const uint64_t pretend = simulate ? ctx.drive().simulated_blocks : 0;
  // Where this write lands: the NWA of a reserved track, of the open track, or the invisible track's start.
  Track* target = nullptr;
  for (Track& t : d.tracks) {
    if (t.session != d.current_session() || t.state == TrackState::kComplete) continue;
    if (t.next_writable() + pretend == lba && (t.state == TrackState::kOpen || t.written + pretend < t.size)) target = &t;
  }
  const bool new_track = !target && !d.open_track() && d.has_invisible_track() && lba == d.next_track_start() + pretend;
  if (!target && !new_track) invalid_address_for_write();
  if (target && target->state == TrackState::kReserved && lba + blocks > target->start + uint64_t{target->size})
    invalid_address_for_write();
  if (simulate) {  // nothing is recorded; the disc stays as it was
    ctx.drive().simulated_blocks += static_cast<uint32_t>(blocks);
    ctx.state_changed = true;
    return;
  }
  if (new_track) {
    Track t;
    t.session = d.current_session();
    t.start = static_cast<uint32_t>(lba);
    t.control = d.spec().family == Family::kCd && current_write_parameters(ctx.state).write_type == 0 ? 5 : 4;
    d.tracks.push_back(t);
    target = &d.tracks.back();
  }
  const FaultCut cut = fault_cut(ctx.config.faults, lba, blocks);
  store(ctx, lba, cut.blocks, data);
  target->written += static_cast<uint32_t>(cut.blocks);
  ctx.state_changed = true;
  if (cut.kind != FaultCut::Kind::kNone) strike(ctx, cut);
  // DVD-R disc-at-once: the end of the reserved track ends the disc.
  if (dvd_dash(d) && at_once(ctx.state) && target->state == TrackState::kReserved && target->written == target->size) {
    d.close_session(true);
    make_durable(ctx);
  }
}

size_t write_blocks(Context& ctx, const Command& cmd, uint64_t lba, uint64_t blocks, bool signed_lba) {
  DiscState& d = ctx.disc();
  DriveState& v = ctx.drive();
  if (d.spec().recording == Recording::kReadOnly) write_protected();
  refuse_if_write_protected(ctx);
  if (blocks == 0) return 0;
  if (cmd.direction != DataDirection::kToDevice || cmd.buffer.size() < blocks * mmc::kDataSectorSize) invalid_field_in_cdb();
  ++v.write_commands;
  ctx.state_changed = true;
  if (ctx.config.faults.long_write_every && v.write_commands % ctx.config.faults.long_write_every == 0)
    check(0x02, 0x04, 0x08);  // long write in progress: the client retries the same WRITE
  check_underrun(ctx);
  const std::span<const uint8_t> data(cmd.buffer.data(), blocks * mmc::kDataSectorSize);
  if (d.spec().recording == Recording::kRandom) {
    write_random(ctx, lba, blocks, data);
  } else if (v.sao_armed) {
    write_session_at_once(ctx, signed_lba ? static_cast<int32_t>(lba) : static_cast<int64_t>(lba), blocks, data);
  } else {
    if (d.spec().family == Family::kCd && at_once(ctx.state)) sequence_error();  // SAO needs a cue sheet first
    if (d.spec().family == Family::kCd && !data_blocks(ctx.state)) check(0x05, 0x64, 0x00);  // illegal mode for this track
    write_sequential(ctx, lba, blocks, data);
  }
  account_buffer(ctx, blocks * mmc::kDataSectorSize);
  return 0;
}

}  // namespace

void drain_buffer(Context& ctx) {
  DriveState& v = ctx.drive();
  if (!ctx.config.throttle) {
    v.buffer_fill = 0;
    return;
  }
  const uint64_t rate = rate_bytes_per_second(ctx);
  const int64_t now = monotonic_ns();
  if (v.buffer_clock_ns != 0 && rate != 0 && now > v.buffer_clock_ns) {
    const uint64_t drained = static_cast<uint64_t>(now - v.buffer_clock_ns) * rate / 1'000'000'000;
    if (drained >= v.buffer_fill) {
      if (v.buffer_fill > 0) v.buffer_ran_dry = true;  // an underrun if more data follows before a flush
      v.buffer_fill = 0;
    } else {
      v.buffer_fill -= drained;
    }
  }
  v.buffer_clock_ns = now;
  ctx.state_changed = true;
}

size_t write10(Context& ctx, const Command& cmd) { return write_blocks(ctx, cmd, cmd.be32(2), cmd.be16(7), true); }
size_t write12(Context& ctx, const Command& cmd) { return write_blocks(ctx, cmd, cmd.be32(2), cmd.be32(6), true); }

size_t reserve_track(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  if (d.spec().recording != Recording::kSequential) incompatible_medium();
  refuse_if_write_protected(ctx);
  if (cmd.bit(1, 0)) invalid_field_in_cdb();  // ARSV (reservation by address) is not offered
  const uint32_t size = cmd.be32(5);
  if (size == 0) invalid_field_in_cdb();
  if (d.finalized || !d.has_invisible_track()) sequence_error();
  const uint32_t start = d.next_track_start();
  if (uint64_t{start} + size > d.capacity()) check(0x05, 0x21, 0x00);
  if (current_write_parameters(ctx.state).test_write) return 0;  // simulation: the reservation is not recorded
  Track t;
  t.session = d.current_session();
  t.start = start;
  t.size = size;
  t.state = TrackState::kReserved;
  d.tracks.push_back(t);
  ctx.state_changed = true;
  return 0;
}

size_t send_cue_sheet(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  if (d.spec().family != Family::kCd || d.spec().recording != Recording::kSequential) incompatible_medium();
  refuse_if_write_protected(ctx);
  if (!at_once(ctx.state) || d.finalized || !d.has_invisible_track()) sequence_error();
  std::vector<mmc::CueSheetEntry> cue;
  try {
    cue = mmc::parse_cue_sheet(cmd.parameter_list(cmd.be24(6)));
  } catch (const Error&) {
    invalid_field_in_parameter_list();
  }
  // Track starts (index 01), the first address to be written, and the lead-out.
  struct Start { uint8_t track; int32_t lba; uint8_t control; };
  std::vector<Start> starts;
  std::optional<int32_t> first, lead_out;
  for (const auto& e : cue) {
    const int32_t lba = mmc::lba_from_msf(e.start);
    if ((e.data_form & 0x3F) == 0x00 || (e.data_form & 0x3F) == 0x01) invalid_field_in_parameter_list();  // audio: 2352-byte blocks
    if (e.track == mmc::kLeadOutTrack) {
      lead_out = lba;
    } else if (e.track >= 1 && e.track <= 99) {
      if (!first) first = lba;
      if (e.index == 1) {
        if (!starts.empty() && (e.track != starts.back().track + 1 || lba <= starts.back().lba))
          invalid_field_in_parameter_list();
        starts.push_back({e.track, lba, e.control});
      }
    }
  }
  const int32_t nwa = static_cast<int32_t>(d.next_track_start());
  if (starts.empty() || !first || !lead_out || *lead_out <= starts.back().lba || starts.front().lba != nwa ||
      *lead_out > static_cast<int32_t>(d.capacity()))
    invalid_field_in_parameter_list();
  std::vector<Track> plan;
  for (size_t i = 0; i < starts.size(); ++i) {
    Track t;
    t.session = d.current_session();
    t.start = static_cast<uint32_t>(starts[i].lba);
    const int32_t end = i + 1 < starts.size() ? starts[i + 1].lba : *lead_out;
    t.size = static_cast<uint32_t>(end - starts[i].lba);
    t.state = TrackState::kReserved;
    t.control = starts[i].control;
    plan.push_back(t);
  }
  DriveState& v = ctx.drive();
  v.sao_plan = std::move(plan);
  v.sao_armed = true;
  v.sao_next = *first;
  v.sao_end = *lead_out;
  ctx.state_changed = true;
  return 0;
}

size_t synchronize_cache(Context& ctx, const Command&) {
  DiscState& d = ctx.disc();
  DriveState& v = ctx.drive();
  // CD track-at-once: the drive closes the track it was writing (writes its run-out).
  if (d.spec().family == Family::kCd && !v.sao_armed && current_write_parameters(ctx.state).write_type == 1) {
    if (Track* t = d.open_track()) {
      // A track left open by an earlier load: closing it records its run-out, which a
      // write-protected medium refuses like any other recording.
      refuse_if_write_protected(ctx);
      t->size = t->written;
      t->state = TrackState::kComplete;
    }
  }
  v.simulated_blocks = 0;
  v.buffer_fill = 0;  // flushed: nothing left to run dry
  v.buffer_ran_dry = false;
  make_durable(ctx);
  return 0;
}

size_t close_track_session(Context& ctx, const Command& cmd) {
  DiscState& d = ctx.disc();
  const uint8_t function = cmd.u8(2) & 0x07;
  const uint32_t number = cmd.be16(4);
  const bool immediate = cmd.bit(1, 0);
  if (d.spec().recording == Recording::kReadOnly) incompatible_medium();
  refuse_if_write_protected(ctx);
  ctx.drive().buffer_fill = 0;  // a close flushes the buffer first
  ctx.drive().buffer_ran_dry = false;
  if (d.spec().recording == Recording::kRandom) {
    // DVD+RW/BD-RE: 0 stops background formatting; 1/2 make the disc compatible (finish formatting).
    if (function > 2 && function != 3) invalid_field_in_cdb();
    if (d.background_format) d.background_format = false;
    make_durable(ctx);
    if (immediate) begin_long_operation(ctx, LongOperation::kClose);
    return 0;
  }
  switch (function) {
    case 0:
      make_durable(ctx);  // no background format on sequential media; the cache is flushed all the same
      return 0;
    case 1: {  // close a track (the open one, or a reserved one by number)
      if (number == 0 || number > d.track_count_with_invisible()) invalid_field_in_cdb();
      if (number <= d.tracks.size()) {
        Track& t = d.tracks[number - 1];
        if (t.state == TrackState::kOpen || t.state == TrackState::kDamaged) t.size = t.written;
        t.state = TrackState::kComplete;
      }
      break;
    }
    case 2:  // close the session
      d.close_session(finalize_on_close(ctx.state));
      break;
    case 3:  // BD-R/DVD+R DL: close session and finalize variants
    case 5:  // DVD+R: finalize with minimal radius; DVD-R DL: close session
    case 6:  // DVD+R/BD-R: finalize the disc
      d.close_session(true);
      if (d.closed_sessions > 0) d.finalized = true;
      break;
    default:
      invalid_field_in_cdb();
  }
  make_durable(ctx);
  if (immediate) begin_long_operation(ctx, LongOperation::kClose);
  return 0;
}

size_t send_opc_information(Context& ctx, const Command& cmd) {
  if (ctx.disc().spec().recording == Recording::kReadOnly) incompatible_medium();
  refuse_if_write_protected(ctx);  // power calibration writes to the medium's calibration area
  if (!cmd.bit(1, 0)) cmd.parameter_list(cmd.be16(7));  // DoOpc=0: an OPC table follows; accepted unread
  return 0;
}

}  // namespace imapi::device::emu
