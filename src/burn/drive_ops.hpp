// The MMC commands the burn engine sends, over a recorder's managed transport
// (per-opcode timeouts, NOT READY retries: device/command_policy.hpp). Each
// throws the IMAPI error its sense means (mmc::sense_error), with the LBA.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "burn/medium_plan.hpp"
#include "device/transport.hpp"

namespace imapi::burn {

using device::Transport;

// WRITE(10), or WRITE(12) with the Streaming bit, of whole 2048-byte blocks at `lba`.
void write_blocks(Transport& t, int64_t lba, std::span<const uint8_t> data, bool streaming);
// READ(10) of `blocks` blocks at `lba` into `out` (blocks * 2048 bytes).
void read_blocks(Transport& t, int64_t lba, int64_t blocks, uint8_t* out);
void synchronize_cache(Transport& t);
// CLOSE TRACK/SESSION with IMMED, then waits (TEST UNIT READY) until the drive is done.
void close_track_session(Transport& t, const CloseStep& step);
// FORMAT UNIT of one descriptor with IMMED, then waits until done.
void format_unit(Transport& t, uint8_t format_type, uint32_t blocks, uint32_t type_parameter);
// Waits while the drive answers 02/04/xx (a long operation), for up to `patience_minutes`.
void wait_until_ready(Transport& t, int patience_minutes = 30);

// Polls a long operation sent with IMMED (BLANK, FORMAT UNIT, CLOSE) until the
// drive is ready: TEST UNIT READY every `interval` over `raw` (a recorder's raw
// transport, so that no retry of its own hides the answers), `progress` called
// at each poll with the drive's progress indication (sense bytes 16-17, of
// 65536) or nullopt when it gives none. False when `patience` ran out first; an answer other than
// NOT READY / unit attention throws the error its sense means.
using LongOperationProgress = std::function<void(std::optional<uint16_t>)>;
bool wait_with_progress(Transport& raw, std::chrono::milliseconds patience, std::chrono::milliseconds interval,
                        const LongOperationProgress& progress);

// Page 05h for this write: the medium's write type, multi-session 11b (the next
// session may follow) or 00b, BUFE and the test-write bit; CD data track mode 4,
// mode 1 blocks (data block type 8).
void set_write_parameters(Transport& t, const MediumPlan& plan, bool next_session_allowed, bool bufe,
                          bool test_write);

// READ BUFFER CAPACITY: the drive buffer's size and free bytes; nullopt when
// the drive does not report it.
struct DriveBuffer {
  int64_t size = 0;
  int64_t free = 0;
};
std::optional<DriveBuffer> read_buffer_capacity(Transport& t);

// The number of the track holding `lba` (READ TRACK INFORMATION by LBA).
uint16_t track_at(Transport& t, int64_t lba);

// Write speeds the drive offers for the medium (GET PERFORMANCE type 03h), fastest first.
struct OfferedSpeed {
  int32_t sectors_per_second = 0;
  bool pure_cav = false;
  int32_t kbps = 0;
};
std::vector<OfferedSpeed> offered_write_speeds(Transport& t);
// The write speed the drive is set to (page 2Ah's current write speed).
OfferedSpeed current_write_speed(Transport& t);
// Selects a write speed in kB/s for the write (SET CD SPEED on CD, SET STREAMING elsewhere).
void select_write_speed(Transport& t, bool cd, int32_t kbps, bool pure_cav, int64_t end_lba);

// READ FORMAT CAPACITIES: the current capacity and whether the medium is formatted,
// and the blocks offered for `format_type` (0 when not offered).
struct FormatState {
  bool formatted = false;
  uint32_t current_blocks = 0;
  std::optional<uint32_t> offered_blocks;
  uint32_t offered_parameter = 0;
};
FormatState format_state(Transport& t, uint8_t format_type);

}  // namespace imapi::burn
