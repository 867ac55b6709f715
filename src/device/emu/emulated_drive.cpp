#include "device/emu/emulated_drive.hpp"

#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>

#include "core/error.hpp"
#include "device/emu/command.hpp"
#include "device/emu/state_store.hpp"
#include "mmc/cdb.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/sense.hpp"

namespace imapi::device::emu {

namespace {

struct CommandEntry {
  uint8_t opcode;
  Handler handler;
  bool needs_medium;  // fails with NOT READY when the tray is empty or the disc is busy
};

// The command set of the drive (mmc-emulation.md §2).
constexpr CommandEntry kCommands[] = {
    {mmc::op::kTestUnitReady, test_unit_ready, true},
    {mmc::op::kRequestSense, request_sense, false},
    {mmc::op::kFormatUnit, format_unit, true},
    {mmc::op::kInquiry, inquiry, false},
    {mmc::op::kStartStopUnit, start_stop_unit, false},
    {mmc::op::kPreventAllowMediumRemoval, prevent_allow_medium_removal, false},
    {mmc::op::kReadFormatCapacities, read_format_capacities, true},
    {mmc::op::kReadCapacity, read_capacity, true},
    {mmc::op::kRead10, read10, true},
    {mmc::op::kWrite10, write10, true},
    {mmc::op::kSynchronizeCache, synchronize_cache, true},
    {mmc::op::kReadTocPmaAtip, read_toc, true},
    {mmc::op::kGetConfiguration, get_configuration, false},
    {mmc::op::kGetEventStatusNotification, get_event_status_notification, false},
    {mmc::op::kReadDiscInformation, read_disc_information, true},
    {mmc::op::kReadTrackInformation, read_track_information, true},
    {mmc::op::kReserveTrack, reserve_track, true},
    {mmc::op::kSendOpcInformation, send_opc_information, true},
    {mmc::op::kModeSelect10, mode_select10, false},
    {mmc::op::kModeSense10, mode_sense10, false},
    {mmc::op::kCloseTrackSession, close_track_session, true},
    {mmc::op::kReadBufferCapacity, read_buffer_capacity, false},
    {mmc::op::kSendCueSheet, send_cue_sheet, true},
    {mmc::op::kBlank, blank, true},
    {mmc::op::kRead12, read12, true},
    {mmc::op::kWrite12, write12, true},
    {mmc::op::kGetPerformance, get_performance, true},
    {mmc::op::kReadDiscStructure, read_disc_structure, true},
    {mmc::op::kSendDiscStructure, send_disc_structure, true},
    {mmc::op::kSetStreaming, set_streaming, true},
    {mmc::op::kSetCdSpeed, set_cd_speed, true},
    {mmc::op::kReadCd, read_cd, true},
};

const CommandEntry* find_command(uint8_t opcode) {
  for (const auto& c : kCommands)
    if (c.opcode == opcode) return &c;
  return nullptr;
}

CommandResult check_condition(const CheckCondition& c) {
  CommandResult r;
  r.status = scsi_status::kCheckCondition;
  auto sense = mmc::encode_fixed_sense(c.key, c.asc, c.ascq, c.information, c.progress);
  std::copy(sense.begin(), sense.end(), r.sense.begin());
  r.sense_length = static_cast<uint8_t>(sense.size());
  return r;
}

EmuState blank_disc(const DriveConfig& c, int image_fd) {
  EmuState s;
  s.disc.media = c.media;
  s.disc.erase();
  if (spec_of(c.media).recording == Recording::kReadOnly) {
    struct stat st {};
    if (::fstat(image_fd, &st) != 0 || st.st_size < mmc::kDataSectorSize)
      fail_at(IMAPI_E_INVALIDARG, "a read-only emulated disc needs its content in disc.img (at least one block)",
              c.image_path());
    s.disc.rom_blocks = static_cast<uint32_t>(std::min<int64_t>(st.st_size / mmc::kDataSectorSize, 0xFFFFFFFF));
  }
  s.drive.not_ready_left = c.faults.not_ready_polls;
  s.drive.durable_disc = s.disc;
  return s;
}

// A long operation started with IMMED: NOT READY with progress until the
// configured number of polls has passed. The operation's effect is already in
// the state (the disc is "done" when the polls run out).
std::optional<CheckCondition> long_operation_sense(DriveState& v) {
  if (v.operation == LongOperation::kNone) return std::nullopt;
  if (v.operation_polls_left == 0) {
    v.operation = LongOperation::kNone;
    return std::nullopt;
  }
  const uint32_t done = v.operation_polls_total - v.operation_polls_left;
  --v.operation_polls_left;
  CheckCondition c{0x02, 0x04, static_cast<uint8_t>(v.operation == LongOperation::kFormat ? 0x04 : 0x07), std::nullopt,
                   static_cast<uint16_t>(uint64_t{done} * 65536 / std::max<uint32_t>(v.operation_polls_total, 1))};
  return c;
}

// One command on the state in force; what it did to the state decides what is published.
StateChange run_command(const DriveConfig& config, int image_fd, const CommandEntry& entry, EmuState& state,
                        std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                        CommandResult& result) {
  Context ctx{config, state, image_fd};
  const Command cmd{cdb, direction, buffer};
  try {
    DriveState& v = state.drive;
    // Progress of a long operation is reported to whoever asks first.
    const bool progress_query = cdb[0] == mmc::op::kRequestSense || entry.needs_medium;
    if (progress_query) {
      const bool was_busy = v.operation != LongOperation::kNone;
      if (auto busy = long_operation_sense(v)) {
        ctx.state_changed = true;
        if (cdb[0] == mmc::op::kRequestSense) {
          auto sense = mmc::encode_fixed_sense(busy->key, busy->asc, busy->ascq, std::nullopt, busy->progress);
          result.residual = buffer.size() - reply(cmd, sense, cdb[4]);
          return {true, true};
        }
        throw *busy;
      }
      if (was_busy) ctx.state_changed = true;  // finished: cleared above
    }
    if (entry.needs_medium) {
      if (!v.medium_present) check(0x02, 0x3A, 0x00);
      if (v.not_ready_left > 0) {
        --v.not_ready_left;
        ctx.state_changed = true;
        check(0x02, 0x04, 0x01);  // becoming ready
      }
    }
    const size_t transferred = entry.handler(ctx, cmd);
    // Data-out commands consume their whole buffer; data-in ones report what they did not fill.
    if (direction == DataDirection::kFromDevice) result.residual = buffer.size() > transferred ? buffer.size() - transferred : 0;
  } catch (const CheckCondition& c) {
    result = check_condition(c);
    result.residual = buffer.size();
  }
  // The stream of a burn (WRITE, and READ BUFFER CAPACITY between WRITEs) only
  // publishes; what any other command changes is checkpointed into disc.state too.
  const bool streaming = cdb[0] == mmc::op::kWrite10 || cdb[0] == mmc::op::kWrite12 || cdb[0] == mmc::op::kReadBufferCapacity;
  return {ctx.state_changed, ctx.checkpoint || (ctx.state_changed && !streaming)};
}

}  // namespace

size_t cdb_length_for(uint8_t opcode) {
  switch (opcode >> 5) {
    case 0: return 6;
    case 1: case 2: return 10;
    case 4: return 16;
    case 5: return 12;
    default: return 0;
  }
}

EmulatedDrive::EmulatedDrive(DriveConfig config) : config_(std::move(config)) {
  struct stat st {};
  if (::stat(config_.dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
    fail_at(IMAPI_E_INVALIDARG, "the emulated drive's directory does not exist: create it first", config_.dir);
  image_ = UniqueFd(::open(config_.image_path().c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644));
  if (image_.get() < 0) fail_os(IMAPI_E_FAIL, "cannot open the emulated disc image", errno, config_.image_path());
  store_ = std::make_unique<StateStore>(config_.dir, [config = config_, fd = image_.get()] { return blank_disc(config, fd); });
}

EmulatedDrive::EmulatedDrive(EmulatedDrive&&) noexcept = default;
EmulatedDrive::~EmulatedDrive() = default;

EmuState EmulatedDrive::snapshot() const { return store_->snapshot(); }

CommandResult EmulatedDrive::execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                                     std::chrono::milliseconds) {
  if (cdb.empty()) return check_condition({0x05, 0x20, 0x00, std::nullopt, std::nullopt});
  const CommandEntry* entry = find_command(cdb[0]);
  if (!entry) return check_condition({0x05, 0x20, 0x00, std::nullopt, std::nullopt});  // invalid command operation code
  if (cdb.size() < cdb_length_for(cdb[0])) return check_condition({0x05, 0x24, 0x00, std::nullopt, std::nullopt});
  CommandResult result;
  store_->transact([&](EmuState& state) { return run_command(config_, image_.get(), *entry, state, cdb, direction, buffer, result); });
  return result;
}

}  // namespace imapi::device::emu
