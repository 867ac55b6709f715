#include "burn/data_writer.hpp"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "burn/block_hashes.hpp"
#include "burn/block_sources.hpp"
#include "burn/drive_ops.hpp"
#include "burn/media_queries.hpp"
#include "burn/medium_plan.hpp"
#include "burn/verification.hpp"
#include "burn/write_pipeline.hpp"
#include "core/error.hpp"
#include "device/drive_queries.hpp"
#include "mmc/commands.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/profiles.hpp"
#include "mmc/sense.hpp"
#include "mmc/track_information.hpp"

namespace imapi::burn {

namespace {

constexpr int64_t kCdPostgap = 150;  // IMAPI: the post-gap appended to a CD data track

[[noreturn]] void fail_with(imapi_status code, const std::string& message) { throw Error(code, message); }

Error with_suffix(const Error& e, const std::string& suffix) { return Error(e.code(), e.message() + suffix, e.detail()); }

bool medium_gone(const Error& e) { return e.detail().sense_key == 0x02 && e.detail().asc == 0x3A; }

// The write speed IMAPI would pick for a request: the offered speed equal to
// it, else the nearest lower one, else the slowest; -1 is the fastest.
struct SpeedChoice {
  std::optional<OfferedSpeed> speed;
  bool speed_adjusted = false, rotation_adjusted = false;
};
SpeedChoice choose_speed(const std::vector<OfferedSpeed>& offered, int32_t requested, bool pure_cav) {
  SpeedChoice c;
  if (offered.empty()) return c;
  std::vector<OfferedSpeed> same_rotation;
  for (const auto& s : offered)
    if (s.pure_cav == pure_cav) same_rotation.push_back(s);
  const auto& pool = same_rotation.empty() ? offered : same_rotation;
  c.rotation_adjusted = same_rotation.empty();
  if (requested < 0 || requested == 0x7FFFFFFF) {
    c.speed = pool.front();
    return c;
  }
  for (const auto& s : pool)  // fastest first
    if (s.sectors_per_second <= requested) {
      c.speed = s;
      break;
    }
  if (!c.speed) c.speed = pool.back();
  // Tolerate the rounding of kB/s to sectors/s.
  c.speed_adjusted = std::abs(c.speed->sectors_per_second - requested) > 1;
  return c;
}

// growisofs -M on overwritable media: the new session's volume descriptor set
// (blocks start+16 up to its terminator) replaces the one at block 16, so a
// reader finds the new tree where it looks. Only the set is copied: the
// blocks after it belong to the first session's data.
void copy_volume_descriptors(device::Transport& t, int64_t start) {
  std::vector<uint8_t> vds(16 * 2048);
  read_blocks(t, start + 16, 16, vds.data());
  int64_t blocks = 0;
  while (blocks < 16) {
    const uint8_t* d = vds.data() + blocks * 2048;
    if (std::memcmp(d + 1, "CD001", 5) != 0) break;
    ++blocks;
    if (d[0] == 255) break;  // the set terminator
  }
  if (blocks == 0 || vds[static_cast<size_t>(blocks - 1) * 2048] != 255)
    throw Error(IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED,
                "the new session has no ISO 9660 volume descriptor set at its block 16: on overwritable media a new "
                "session must be an ISO 9660 image made with SessionStartBlock = the next writable address");
  // Whole 16-block ECC blocks (restricted-overwrite DVD-RW takes no less): the
  // old blocks after the set are written back unchanged.
  std::vector<uint8_t> ecc(16 * 2048);
  read_blocks(t, 16, 16, ecc.data());
  std::memcpy(ecc.data(), vds.data(), static_cast<size_t>(blocks) * 2048);
  write_blocks(t, 16, ecc, false);
  synchronize_cache(t);
}

// After a failed or cancelled write on write-once media: the partial track is
// closed as a session of its own (left appendable), so the next write starts a
// new session whose start is its own file system's.
void close_failed_session(device::Transport& t, const MediumPlan& plan, int64_t start) {
  if (plan.write_parameters) set_write_parameters(t, plan, true, plan.cd, false);
  if (!plan.cd) close_track_session(t, {mmc::CloseFunction::kTrack, track_at(t, start)});
  close_track_session(t, {mmc::CloseFunction::kSession});
}

}  // namespace

void announce(BurnControl& c, int32_t action) {
  c.board.set_action(action);
  if (c.cancel.load()) throw Error(IMAPI_E_REQUEST_CANCELLED, "cancelled before anything was written to the disc");
  if (c.update && !c.update(c.board.snapshot()))
    throw Error(IMAPI_E_REQUEST_CANCELLED, "cancelled before anything was written to the disc");
}

int64_t checked_buffer_size(int64_t bytes) {
  if (bytes == 0) return IMAPI_DEFAULT_BURN_BUFFER_SIZE;
  if (bytes < (int64_t{1} << 20) || bytes > (int64_t{4} << 30))
    throw Error(IMAPI_E_INVALIDARG, "the buffer size must be 0 (the default, 64 MiB) or 1 MiB to 4 GiB, not " +
                                        std::to_string(bytes) + " bytes");
  constexpr int64_t kUnit = 64 << 10;
  return (bytes + kUnit - 1) / kUnit * kUnit;
}

imapi_status check_write_speed(device::Recorder& recorder, int32_t sectors_per_second, bool pure_cav) {
  auto c = choose_speed(offered_write_speeds(recorder.transport()), sectors_per_second, pure_cav);
  if (c.speed_adjusted && c.rotation_adjusted) return IMAPI_S_BOTHADJUSTED;
  if (c.speed_adjusted) return IMAPI_S_SPEEDADJUSTED;
  if (c.rotation_adjusted) return IMAPI_S_ROTATIONADJUSTED;
  return IMAPI_S_OK;
}

void write_data(device::Recorder& recorder, const DataWriteOptions& o, const std::shared_ptr<Stream>& data,
                BurnControl& control) {
  device::Transport& t = recorder.transport();
  control.board.begin(0, 0);
  announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA);

  // --- Validate the stream and the medium ---
  // A stream that does not know its size (a pipe) is burned to its end.
  const std::optional<int64_t> known_size = data->size_if_known();
  const int64_t size = known_size.value_or(2048);
  if (size <= 0 || size % 2048 != 0)
    fail_with(IMAPI_E_DF2DATA_STREAM_NOT_SUPPORTED,
              "the data stream is " + std::to_string(size) +
                  " bytes: a data session must be a non-empty whole number of 2048-byte sectors");
  try {
    device::check_client_name(o.client_name);
  } catch (const Error& e) {
    fail_with(IMAPI_E_DF2DATA_CLIENT_NAME_IS_NOT_VALID,
              o.client_name.empty() ? "set the client name (ClientName) before writing: it names who holds the drive"
                                    : e.message());
  }
  ExclusiveHold hold(recorder, o.client_name);

  auto m = device::media_status(t);
  if (!m.present) fail_with(IMAPI_E_RECORDER_MEDIA_NO_MEDIA, "there is no disc in the drive: insert a writable disc");
  auto plan = plan_for_profile(m.profile);
  if (!plan)
    fail_with(IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED,
              "the disc in the drive (" + std::string(mmc::profile_name(m.profile)) +
                  ") is not one the data writer writes: use CD-R/RW, DVD±R, DVD+R DL, DVD±RW, DVD-RAM, BD-R or BD-RE");
  if (m.write_protect != 0)
    fail_with(IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED, "the disc is write-protected: remove the protection or use another disc");
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED)
    fail_with(IMAPI_E_DF2DATA_INVALID_MEDIA_STATE,
              std::string("the ") + plan->name + " is closed: no session can be added; use a blank disc" +
                  (m.physical_type == IMAPI_MEDIA_TYPE_CDRW || m.physical_type == IMAPI_MEDIA_TYPE_DVDDASHRW
                       ? " or erase this one"
                       : ""));
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_DAMAGED)
    fail_with(IMAPI_E_DF2DATA_INVALID_MEDIA_STATE, "the disc's last session is damaged: it cannot be appended to");
  if (o.test_write && !plan->test_write)
    fail_with(IMAPI_E_DF2DATA_MEDIA_IS_NOT_SUPPORTED,
              std::string("a ") + plan->name + " has no test write: only CD-R/RW and DVD-R/RW do");

  // A track an interrupted write left open (the medium was removed mid-write;
  // on CD the drive then reports it damaged, MMC's Damage 1 with NWA_V 0, and
  // writes nothing until it is closed) is closed as a session of its own, so
  // this session starts on its own.
  if (!plan->random && (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE)) {
    auto open = mmc::parse_track_information(
        device::track_information(t, static_cast<uint32_t>(m.next_writable), IMAPI_READ_TRACK_ADDRESS_TYPE_LBA));
    if (!open.blank && (open.start < m.next_writable || open.damage)) {
      const int64_t before = m.next_writable;
      close_failed_session(t, *plan, open.start);
      m = device::media_status(t);
      auto laid_out = image_session_start(data);
      if (laid_out && *laid_out == before)
        fail_with(IMAPI_E_DF2DATA_INVALID_MEDIA_STATE,
                  "the disc held a track left open by an interrupted write; it is now closed as a session of its "
                  "own, so the next session starts at " + std::to_string(m.next_writable) + ", not " +
                      std::to_string(before) + ": make the image again with SessionStartBlock " +
                      std::to_string(m.next_writable) + " and burn it");
    }
  }

  int64_t start = 0, free_sectors = 0;
  if (plan->random) {
    if (o.random_write_session) {
      auto ms = multisession_interfaces(t).front();
      start = ms.next_writable;
    } else if (!o.force_overwrite && !heuristically_blank(t, m)) {
      fail_with(IMAPI_E_DF2DATA_MEDIA_NOT_BLANK,
                std::string("the ") + plan->name +
                    " already holds data: set ForceOverwrite to replace it, or add a session with the random-write "
                    "multisession interface");
    }
    free_sectors = m.total_sectors - start;
  } else {
    start = m.next_writable;
    free_sectors = m.free_sectors;
  }
  // A file-system image made for another address would point its readers at the wrong blocks.
  if (auto laid_out = image_session_start(data); laid_out && *laid_out != start)
    fail_with(plan->random ? IMAPI_E_DF2DATA_MEDIA_NOT_BLANK : IMAPI_E_DF2DATA_INVALID_MEDIA_STATE,
              "the image was made for a session at block " + std::to_string(*laid_out) + " but this write starts at " +
                  std::to_string(start) + ": set SessionStartBlock to the next writable address" +
                  (plan->random ? " and use the random-write multisession interface" : "") + ", or 0 on a blank disc");
  const int64_t postgap = plan->cd && !o.postgap_already_in_image ? kCdPostgap : 0;
  int64_t blocks = known_size ? size / 2048 + postgap : 0;  // 0: found at the end
  if (blocks > free_sectors)
    fail_with(IMAPI_E_DF2DATA_STREAM_TOO_LARGE_FOR_CURRENT_MEDIA,
              "the session needs " + std::to_string(blocks) + " sectors but the disc has " +
                  std::to_string(free_sectors) + " free: use a larger disc or a smaller image");
  // IMAPI: a disc with 2% or less left free is closed, whatever ForceMediaToBeClosed says.
  auto nearly_full = [&] { return (free_sectors - blocks) * 50 <= m.total_sectors; };
  const bool dvd_plus_r = plan->medium == Medium::kDvdPlusR || plan->medium == Medium::kDvdPlusRDl;
  const bool compatible_close = dvd_plus_r && !o.disable_consumer_dvd_compatibility_mode;
  Closing closing =
      (o.force_media_to_be_closed || (known_size && nearly_full()) || compatible_close) && !plan->random
          ? Closing::kCloseDisc
                                                                                       : Closing::kLeaveAppendable;
  control.board.begin(start, blocks);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA);

  // --- Format a blank DVD+RW or BD-RE ---
  if (plan->medium == Medium::kDvdPlusRw || plan->medium == Medium::kBdRe) {
    const uint8_t type = plan->medium == Medium::kDvdPlusRw ? 0x26 : 0x00;
    auto f = format_state(t, type);
    if (!f.formatted) {
      announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA);
      format_unit(t, type, f.offered_blocks.value_or(f.current_blocks), f.offered_parameter);
    }
  }

  // --- Set up the drive ---
  announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_INITIALIZING_HARDWARE);
  if (plan->write_parameters)
    set_write_parameters(t, *plan, closing == Closing::kLeaveAppendable, plan->cd && !o.buffer_underrun_free_disabled,
                         o.test_write);
  auto choice = choose_speed(offered_write_speeds(t), o.requested_sectors_per_second, o.requested_pure_cav);
  if (choice.speed)
    select_write_speed(t, plan->cd, choice.speed->kbps, choice.speed->pure_cav,
                       start + (known_size ? blocks : free_sectors));
  // DVD+R DL closed in one session: the layer break in the middle of the data, as growisofs does.
  if (plan->medium == Medium::kDvdPlusRDl && (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) &&
      closing == Closing::kCloseDisc && known_size) {
    const int64_t l0 = std::max<int64_t>(16, (blocks / 2 + 15) / 16 * 16);
    if (l0 * 2 <= m.total_sectors) {
      auto list = mmc::layer_boundary_parameters(static_cast<uint32_t>(l0));
      device::send_dvd_structure(t, 0x20, list);
    }
  }
  if (!plan->random) {
    announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_CALIBRATING_POWER);
    device::run_command(t, mmc::send_opc_information(true), device::DataDirection::kNone, {}, "SEND OPC INFORMATION");
  }

  // --- Write ---
  announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA);
  SectionSpec spec;
  spec.transport = &t;
  spec.start_lba = start;
  spec.source_bytes = known_size ? size : -1;
  spec.max_source_bytes = (free_sectors - postgap) * 2048;
  spec.zero_tail_bytes = postgap * 2048;
  spec.unit_blocks = plan->write_unit_blocks;
  spec.streaming = o.use_streaming_write12 && plan->streaming;
  spec.buffer_bytes = o.buffer_bytes;
  BlockHashes hashes(start);
  auto source = make_block_source(data);
  try {
    const int64_t burned = write_section(spec, *source, o.verification_level != IMAPI_BURN_VERIFICATION_NONE ? &hashes : nullptr,
                  control.board, updater(control), control.cancel);
    blocks = burned / 2048 + postgap;
    if (!known_size) control.board.set_sector_count(blocks);
  } catch (const Error& e) {
    // Leave the drive usable: flush what it holds and, on write-once media,
    // close the track so the next session has a writable address.
    std::string state;
    if (medium_gone(e)) {
      state = "; the disc was removed or the drive lost power: the disc holds what it held at its last flush "
              "(earlier sessions intact); load it again before the next burn";
    } else {
      try {
        synchronize_cache(t);
        if (!plan->random) close_failed_session(t, *plan, start);
        state = plan->random ? "; the disc holds the blocks written so far; write it again to replace them"
                             : "; earlier sessions are intact and readable; what was written was closed as a session "
                               "of its own (unreadable: import the session before it), so the disc can take another "
                               "session";
      } catch (const Error&) {
        state = "; the drive did not accept the clean-up after the failure: earlier sessions should be intact";
      }
    }
    throw with_suffix(e, state);
  }

  // --- Close ---
  announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION);
  synchronize_cache(t);
  if (!known_size && !plan->random && closing == Closing::kLeaveAppendable && nearly_full()) {
    // IMAPI's 2% rule, now that the pipe's size is known: page 05h's
    // multi-session field is read when the session is closed.
    closing = Closing::kCloseDisc;
    if (plan->write_parameters)
      set_write_parameters(t, *plan, false, plan->cd && !o.buffer_underrun_free_disabled, o.test_write);
  }
  if (!o.test_write) {
    const uint16_t track = plan->random ? 0 : track_at(t, start);
    for (const auto& step : close_steps(*plan, closing, compatible_close, track)) close_track_session(t, step);
    // A random-write session: the volume descriptors at 16 now point at the new session (growisofs -M).
    if (plan->random && start > 0) copy_volume_descriptors(t, start);
  }

  // --- Verify ---
  if (o.verification_level != IMAPI_BURN_VERIFICATION_NONE && !o.test_write) {
    announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING);
    if (!plan->random) {
      auto ti = mmc::parse_track_information(
          device::track_information(t, static_cast<uint32_t>(start), IMAPI_READ_TRACK_ADDRESS_TYPE_LBA));
      if (ti.start != start || static_cast<int64_t>(ti.size) < blocks)
        throw Error(IMAPI_E_BURN_VERIFICATION_FAILED,
                    "burn verification failed: the drive reports a track of " + std::to_string(ti.size) +
                        " sectors at " + std::to_string(ti.start) + " where " + std::to_string(blocks) +
                        " were written at " + std::to_string(start));
    }
    verify_session(t, hashes, o.verification_level == IMAPI_BURN_VERIFICATION_FULL, data.get(), control.board,
                   updater(control), control.cancel);
  }
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  if (control.update) control.update(control.board.snapshot());
}

void write_engine_section(device::Recorder& recorder, const SectionOptions& o, const std::shared_ptr<Stream>& data,
                          int64_t start_lba, int64_t blocks, BurnControl& control) {
  if (start_lba < 0 || blocks < 0) throw Error(IMAPI_E_INVALIDARG, "the start address and block count must not be negative");
  const int64_t bytes = blocks * o.bytes_per_sector;
  if (data->size() < bytes)
    throw Error(IMAPI_E_INVALIDARG, "the stream holds " + std::to_string(data->size()) + " bytes, fewer than the " +
                                        std::to_string(blocks) + " blocks of " + std::to_string(o.bytes_per_sector) +
                                        " bytes to write");
  device::Transport& t = recorder.transport();
  const bool own_access = !recorder.holds_exclusive();
  std::optional<ExclusiveHold> hold;
  if (own_access) hold.emplace(recorder, "libimapi write engine");
  control.board.begin(start_lba, blocks);
  SectionSpec spec;
  spec.transport = &t;
  spec.start_lba = start_lba;
  spec.source_bytes = bytes;
  spec.bytes_per_sector = o.bytes_per_sector;
  spec.streaming = o.use_streaming_write12;
  auto m = device::media_status(t);
  auto plan = plan_for_profile(m.profile);
  spec.unit_blocks = plan ? plan->write_unit_blocks : 16;
  if (o.use_streaming_write12 && blocks % spec.unit_blocks != 0)
    throw Error(IMAPI_E_INVALIDARG, "WRITE(12) streaming writes whole units of " + std::to_string(spec.unit_blocks) +
                                        " blocks: the section of " + std::to_string(blocks) + " blocks is not");
  spec.buffer_bytes = o.buffer_bytes;
  // Poll the drive buffer about four times a second at the expected speed.
  const int32_t expected = std::max(o.starting_sectors_per_second, o.ending_sectors_per_second);
  if (expected > 0) spec.poll_every = std::max(1, expected / 4 / spec.unit_blocks);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA);
  StreamBlockSource source(data);
  write_section(spec, source, nullptr, control.board, updater(control), control.cancel);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  if (control.update) control.update(control.board.snapshot());
}

void verify_last_session(device::Recorder& recorder, const std::shared_ptr<Stream>& image, BurnControl& control) {
  device::Transport& t = recorder.transport();
  auto m = device::media_status(t);
  if (!m.present) throw Error(IMAPI_E_RECORDER_MEDIA_NO_MEDIA, "there is no disc in the drive");
  auto prev = previous_session(t, m);
  if (prev.start < 0) throw Error(IMAPI_E_EMPTY_DISC, "the disc holds no session to verify");
  control.board.begin(prev.start, image->size() / 2048);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING);
  if (prev.last_written >= 0 && prev.last_written - prev.start + 1 < image->size() / 2048) {
    ErrorDetail d;
    d.lba = prev.last_written + 1;
    throw Error(IMAPI_E_BURN_VERIFICATION_FAILED,
                "the last session (" + std::to_string(prev.last_written - prev.start + 1) +
                    " sectors) is shorter than the image (" + std::to_string(image->size() / 2048) + " sectors)",
                d);
  }
  compare_with_stream(t, prev.start, *image, control.board, updater(control), control.cancel);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
}

}  // namespace imapi::burn
