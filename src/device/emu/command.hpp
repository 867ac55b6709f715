// What every command handler of the emulated drive sees: the CDB with
// bounds-checked field access, the data buffer, the drive's configuration and
// state, and the ways to answer (data-in bytes, or CHECK CONDITION).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "device/emu/drive_state.hpp"
#include "mmc/mode_pages.hpp"
#include "device/emu/drive_uri.hpp"
#include "device/transport.hpp"

namespace imapi::device::emu {

// Thrown by handlers; the dispatcher turns it into CHECK CONDITION with fixed sense.
struct CheckCondition {
  uint8_t key = 0, asc = 0, ascq = 0;
  std::optional<uint32_t> information;  // e.g. the LBA of a write error
  std::optional<uint16_t> progress;     // NOT READY: fraction of 65536 done
};

[[noreturn]] inline void check(uint8_t key, uint8_t asc, uint8_t ascq, std::optional<uint32_t> info = std::nullopt) {
  throw CheckCondition{key, asc, ascq, info, std::nullopt};
}
// The usual ones, named after what they mean.
[[noreturn]] inline void invalid_field_in_cdb() { check(0x05, 0x24, 0x00); }
[[noreturn]] inline void invalid_field_in_parameter_list() { check(0x05, 0x26, 0x00); }
[[noreturn]] inline void invalid_address_for_write() { check(0x05, 0x21, 0x02); }
[[noreturn]] inline void lba_out_of_range() { check(0x05, 0x21, 0x00); }
[[noreturn]] inline void sequence_error() { check(0x05, 0x2C, 0x00); }
[[noreturn]] inline void incompatible_medium() { check(0x05, 0x30, 0x00); }
[[noreturn]] inline void cannot_format_medium() { check(0x05, 0x30, 0x06); }
[[noreturn]] inline void write_protected() { check(0x07, 0x27, 0x00); }

struct Command {
  std::span<const uint8_t> cdb;  // length already checked against the opcode's group
  DataDirection direction;
  std::span<uint8_t> buffer;

  uint8_t u8(size_t i) const { return i < cdb.size() ? cdb[i] : 0; }
  uint32_t be16(size_t i) const { return uint32_t{u8(i)} << 8 | u8(i + 1); }
  uint32_t be24(size_t i) const { return uint32_t{u8(i)} << 16 | be16(i + 1); }
  uint32_t be32(size_t i) const { return uint32_t{u8(i)} << 24 | be24(i + 1); }
  bool bit(size_t i, int shift) const { return (u8(i) >> shift & 1u) != 0; }

  // Data-out bytes of a parameter list of `length` bytes (the CDB's field):
  // a buffer shorter than the CDB announces is an invalid field.
  std::span<const uint8_t> parameter_list(size_t length) const {
    if (direction != DataDirection::kToDevice || buffer.size() < length) invalid_field_in_cdb();
    return buffer.first(length);
  }
};

struct Context {
  const DriveConfig& config;
  EmuState& state;
  int image_fd;
  bool state_changed = false;
  bool checkpoint = false;  // the state must reach disc.state now (make_durable, faults)

  DiscState& disc() { return state.disc; }
  DriveState& drive() { return state.drive; }
};

// Copies a data-in reply, cut to the allocation length and the buffer, and
// returns how many bytes were transferred.
size_t reply(const Command& cmd, const std::vector<uint8_t>& data, size_t allocation_length);

// Handlers: each returns the number of data-in bytes transferred.
using Handler = size_t (*)(Context&, const Command&);

// commands_probe.cpp
size_t test_unit_ready(Context&, const Command&);
size_t request_sense(Context&, const Command&);
size_t inquiry(Context&, const Command&);
size_t start_stop_unit(Context&, const Command&);
size_t prevent_allow_medium_removal(Context&, const Command&);
size_t get_event_status_notification(Context&, const Command&);
size_t get_configuration(Context&, const Command&);
size_t mode_sense10(Context&, const Command&);
size_t mode_select10(Context&, const Command&);
size_t get_performance(Context&, const Command&);
size_t set_streaming(Context&, const Command&);
size_t set_cd_speed(Context&, const Command&);
size_t read_buffer_capacity(Context&, const Command&);
// commands_read.cpp
size_t read_disc_information(Context&, const Command&);
size_t read_track_information(Context&, const Command&);
size_t read_toc(Context&, const Command&);
size_t read_capacity(Context&, const Command&);
size_t read_format_capacities(Context&, const Command&);
size_t read10(Context&, const Command&);
size_t read12(Context&, const Command&);
size_t read_cd(Context&, const Command&);
size_t read_disc_structure(Context&, const Command&);
size_t send_disc_structure(Context&, const Command&);
// commands_write.cpp
size_t write10(Context&, const Command&);
size_t write12(Context&, const Command&);
size_t reserve_track(Context&, const Command&);
size_t send_cue_sheet(Context&, const Command&);
size_t synchronize_cache(Context&, const Command&);
size_t close_track_session(Context&, const Command&);
size_t send_opc_information(Context&, const Command&);
// format_blank.cpp
size_t blank(Context&, const Command&);
size_t format_unit(Context&, const Command&);

// A write-protected medium refuses every command that would change it (WRITE,
// RESERVE TRACK, CLOSE TRACK/SESSION, SEND CUE SHEET, SEND OPC, SEND DISC
// STRUCTURE, BLANK, FORMAT UNIT, a SYNCHRONIZE CACHE that would close a CD TAO
// track) with 07/27/00; queries and drive settings (MODE SELECT, SET STREAMING,
// SYNCHRONIZE CACHE with nothing to close) still work.
inline void refuse_if_write_protected(const Context& ctx) {
  if (ctx.config.write_protected) write_protected();
}

// Shared by several handlers.
mmc::WriteParametersPage current_write_parameters(const EmuState& s);
// Page 05h as the drive has it at power-on for this disc (MODE SENSE default values).
mmc::WriteParametersPage default_write_parameters(const DiscState& d);
uint32_t selected_write_speed_kbps(const DriveConfig& c, const EmuState& s);
std::vector<uint32_t> offered_write_speeds_kbps(const DriveConfig& c, const DiscState& d);
// The disc as it now is has been recorded for good (SYNCHRONIZE CACHE, CLOSE,
// BLANK, FORMAT): a power loss from here on comes back to this state.
inline void make_durable(Context& ctx) {
  ctx.drive().durable_disc = ctx.disc();
  ctx.state_changed = true;
  ctx.checkpoint = true;
}
// The buffer model brought up to now: with throttle=1 the buffer drains at the
// selected write speed since the last look (a buffer that empties with data
// still pending is remembered as run dry: the next WRITE is an underrun).
// Every command that reports or changes the fill level calls it first.
void drain_buffer(Context& ctx);
// Starts a long operation reported through NOT READY + progress (IMMED commands).
void begin_long_operation(Context& ctx, LongOperation op);

}  // namespace imapi::device::emu
