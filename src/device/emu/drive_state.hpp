// Drive-side state that must outlive a process (growisofs re-executes itself,
// libburn polls from worker threads): selected write parameters and speed,
// tray, long operation in progress, the buffer model, SAO progress, fault counters.
#pragma once

#include <cstdint>
#include <vector>

#include "device/emu/disc_state.hpp"

namespace imapi::device::emu {

enum class LongOperation : uint8_t { kNone, kFormat, kBlank, kClose };

struct DriveState {
  std::vector<uint8_t> write_page;  // page 05h as last selected (52 bytes)
  uint32_t write_speed_kbps = 0;    // 0 = the fastest the medium offers
  bool medium_present = true;
  bool prevent_removal = false;
  bool media_changed = false;       // a new medium was loaded: unit attention 06/28/00 for the next TEST UNIT READY
  bool media_event = false;         // ... and a NewMedia event for the next GET EVENT STATUS NOTIFICATION
  LongOperation operation = LongOperation::kNone;
  uint32_t operation_polls_left = 0;
  uint32_t operation_polls_total = 0;
  uint32_t not_ready_left = 0;      // fault: commands answered "becoming ready"
  uint64_t write_commands = 0;      // WRITE commands seen, for long_write_every
  // Session-at-once: the cue sheet armed the drive to take writes from `sao_next`
  // (starting in the lead-in pregap, LBA -150) to `sao_end` (the lead-out).
  bool sao_armed = false;
  int32_t sao_next = 0;
  int32_t sao_end = 0;
  // The tracks the cue sheet lays out. They join the disc at the first WRITE:
  // until then the invisible track still starts at the NWA (wodim asks for it
  // after sending the cue sheet and writes the pregap relative to it).
  std::vector<Track> sao_plan;
  // Test write (simulation): blocks accepted since the last SYNCHRONIZE CACHE.
  // Nothing is recorded, but the next write must follow them, as on a real drive.
  uint32_t simulated_blocks = 0;
  // Buffer model: bytes held, and when they were last drained (CLOCK_MONOTONIC ns).
  uint64_t buffer_fill = 0;
  int64_t buffer_clock_ns = 0;
  uint32_t underruns = 0;
  bool buffer_ran_dry = false;  // emptied since the last WRITE without a flush: the next WRITE is an underrun
  // Power-loss fault: the disc as it is on the medium, i.e. as of the last
  // command that made the drive record everything it held: SYNCHRONIZE CACHE,
  // CLOSE TRACK/SESSION (and the closes the drive makes by itself at the end of
  // SAO / DVD-R DAO), BLANK and FORMAT UNIT, or the loading of the disc. A power
  // loss restores all of it (tracks, sessions, finalization, format state, ...).
  DiscState durable_disc;
};

struct EmuState {
  DiscState disc;
  DriveState drive;
};

}  // namespace imapi::device::emu
