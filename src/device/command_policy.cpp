#include "device/command_policy.hpp"

#include <algorithm>
#include <array>
#include <thread>

#include "mmc/cdb.hpp"
#include "mmc/commands.hpp"
#include "mmc/status.hpp"

namespace imapi::device {

using namespace std::chrono_literals;
using std::chrono::milliseconds;

namespace {

namespace op = mmc::op;

// Long enough for a drive to spin up a freshly loaded disc, short of making a
// query hang for minutes.
constexpr milliseconds kQueryPatience = 30s;
// A drive answering 02/04/07 or 02/04/08 to a write-side command is finishing
// an earlier write, sync or close (sent with IMMED); closing a DVD-R session
// or writing a CD's lead-out takes minutes.
constexpr milliseconds kLongOperationPatience = 15min;
// 02/04/08 on WRITE: the drive buffer is full. Even a 1x CD drains a few MB
// in seconds; two minutes without room means the drive is stuck.
constexpr milliseconds kWritePatience = 2min;
// A query or a setting is safe to re-issue after a unit attention: the
// re-issued command reports (or sets) the drive as it now is. Drives queue
// more than one (06/29 after power-on, then 06/28 for the loaded disc).
constexpr uint8_t kUnitAttentionRetries = 3;

constexpr CommandRule query(uint8_t opcode, std::string_view name) {
  return {opcode, name, kDefaultCommandTimeout, true, kQueryPatience, kUnitAttentionRetries};
}
// Changes how the drive is set up (mode pages, speeds, tray), not the medium's contents.
constexpr CommandRule setting(uint8_t opcode, std::string_view name, milliseconds timeout = kDefaultCommandTimeout) {
  return {opcode, name, timeout, false, kQueryPatience, kUnitAttentionRetries};
}
// Writes to the medium (or commits to writing it): a unit attention goes back to the caller.
constexpr CommandRule medium(uint8_t opcode, std::string_view name, milliseconds timeout, milliseconds patience) {
  return {opcode, name, timeout, false, patience, 0};
}

// In opcode order. Timeouts: IMAPI2_DEFAULT_COMMAND_TIMEOUT (10 s) unless a
// drive may legitimately take longer without IMMED: a full BD-RE format takes
// most of 2 h; growisofs gives the first WRITE 60 s (180 s in DAO, where the
// drive writes the lead-in first).
constexpr auto kRules = std::to_array<CommandRule>({
    query(op::kTestUnitReady, "TEST UNIT READY"),
    query(op::kRequestSense, "REQUEST SENSE"),
    medium(op::kFormatUnit, "FORMAT UNIT", 2h, kLongOperationPatience),
    query(op::kRead6, "READ(6)"),
    query(op::kInquiry, "INQUIRY"),
    setting(op::kModeSelect6, "MODE SELECT(6)"),
    query(op::kModeSense6, "MODE SENSE(6)"),
    setting(op::kStartStopUnit, "START STOP UNIT", 60s),  // loading spins the disc up
    setting(op::kPreventAllowMediumRemoval, "PREVENT ALLOW MEDIUM REMOVAL"),
    query(op::kReadFormatCapacities, "READ FORMAT CAPACITIES"),
    query(op::kReadCapacity, "READ CAPACITY"),
    query(op::kRead10, "READ(10)"),
    medium(op::kWrite10, "WRITE(10)", 180s, kWritePatience),
    medium(op::kWriteAndVerify10, "WRITE AND VERIFY(10)", 180s, kWritePatience),
    medium(op::kSynchronizeCache, "SYNCHRONIZE CACHE", 15min, kLongOperationPatience),
    query(op::kReadBuffer, "READ BUFFER"),
    query(op::kReadSubChannel, "READ SUB-CHANNEL"),
    query(op::kReadTocPmaAtip, "READ TOC/PMA/ATIP"),
    query(op::kGetConfiguration, "GET CONFIGURATION"),
    query(op::kGetEventStatusNotification, "GET EVENT STATUS NOTIFICATION"),
    query(op::kLogSense, "LOG SENSE"),
    query(op::kReadDiscInformation, "READ DISC INFORMATION"),
    query(op::kReadTrackInformation, "READ TRACK INFORMATION"),
    medium(op::kReserveTrack, "RESERVE TRACK", 2min, kQueryPatience),
    medium(op::kSendOpcInformation, "SEND OPC INFORMATION", 2min, kQueryPatience),
    setting(op::kModeSelect10, "MODE SELECT(10)"),
    query(op::kModeSense10, "MODE SENSE(10)"),
    medium(op::kCloseTrackSession, "CLOSE TRACK/SESSION", 15min, kLongOperationPatience),
    query(op::kReadBufferCapacity, "READ BUFFER CAPACITY"),
    medium(op::kSendCueSheet, "SEND CUE SHEET", kDefaultCommandTimeout, kQueryPatience),
    query(op::kReportLuns, "REPORT LUNS"),
    medium(op::kBlank, "BLANK", 2h, kLongOperationPatience),
    query(op::kReportKey, "REPORT KEY"),
    setting(op::kLoadUnloadMedium, "LOAD/UNLOAD MEDIUM", 60s),
    query(op::kRead12, "READ(12)"),
    medium(op::kWrite12, "WRITE(12)", 180s, kWritePatience),
    query(op::kGetPerformance, "GET PERFORMANCE"),
    query(op::kReadDiscStructure, "READ DISC STRUCTURE"),
    setting(op::kSetStreaming, "SET STREAMING"),
    query(op::kReadCdMsf, "READ CD MSF"),
    setting(op::kSetCdSpeed, "SET CD SPEED"),
    query(op::kMechanismStatus, "MECHANISM STATUS"),
    query(op::kReadCd, "READ CD"),
    // Layer break (DVD+R DL) or spare areas (BD-R): the layout the writes will follow.
    medium(op::kSendDiscStructure, "SEND DISC STRUCTURE", kDefaultCommandTimeout, kQueryPatience),
});

static_assert(std::is_sorted(kRules.begin(), kRules.end(),
                             [](const CommandRule& a, const CommandRule& b) { return a.opcode < b.opcode; }));
static_assert(std::adjacent_find(kRules.begin(), kRules.end(), [](const CommandRule& a, const CommandRule& b) {
                return a.opcode == b.opcode;
              }) == kRules.end());

mmc::SenseMeaning status_meaning(uint8_t status) {
  namespace st = mmc::status;
  switch (status) {
    case scsi_status::kBusy:
    case scsi_status::kTaskSetFull:
      return {st::kMediaBusy, mmc::Recovery::kRetryLater, "the drive is busy (SCSI status BUSY): retry later"};
    case scsi_status::kReservationConflict:
      return {st::kRecorderLocked, mmc::Recovery::kNone,
              "another host has reserved the drive (SCSI status RESERVATION CONFLICT)"};
    default:
      return {st::kUnexpectedResponseFromDevice, mmc::Recovery::kNone,
              "the drive answered with an unexpected SCSI status"};
  }
}

}  // namespace

std::span<const CommandRule> command_rules() { return kRules; }

CommandRule command_rule(uint8_t opcode) {
  auto it = std::lower_bound(kRules.begin(), kRules.end(), opcode,
                             [](const CommandRule& r, uint8_t o) { return r.opcode < o; });
  if (it != kRules.end() && it->opcode == opcode) return *it;
  return {opcode, "vendor-specific or unknown command", kDefaultCommandTimeout, false, kQueryPatience, 0};
}

ResultMeaning interpret_result(const CommandResult& r) {
  if (r.good()) return {std::nullopt, {IMAPI_S_OK, mmc::Recovery::kRecovered, "the command succeeded"}};
  if (r.status != scsi_status::kCheckCondition) return {std::nullopt, status_meaning(r.status)};
  if (r.sense_length == 0)
    return {std::nullopt,
            {mmc::status::kInvalidResponseFromDevice, mmc::Recovery::kNone,
             "the drive reported CHECK CONDITION without sense data"}};
  auto report = mmc::interpret_sense(r.sense_bytes());
  return {std::move(report.sense), report.meaning};
}

CommandResult execute_with_rule(Transport& t, std::span<const uint8_t> cdb, DataDirection direction,
                                std::span<uint8_t> buffer, const CommandRule& rule, const Sleeper& sleep,
                                milliseconds at_least, std::atomic<uint64_t>* unit_attentions) {
  const auto timeout = std::max(rule.timeout, at_least);
  milliseconds waited{0}, delay{10};
  unsigned reissued = 0;
  for (;;) {
    CommandResult r = t.execute(cdb, direction, buffer, timeout);
    if (r.good()) return r;
    const ResultMeaning m = interpret_result(r);
    switch (m.meaning.recovery) {
      case mmc::Recovery::kRetryLater:
        if (waited >= rule.patience) return r;
        sleep(delay);
        waited += delay;
        delay = std::min<milliseconds>(delay * 2, 500ms);
        break;
      case mmc::Recovery::kRetryNow:
        if (reissued >= rule.unit_attention_retries) return r;
        ++reissued;
        if (unit_attentions && m.sense && m.sense->key == mmc::sense_key::kUnitAttention) ++*unit_attentions;
        break;
      default:
        return r;
    }
  }
}

CommandResult ManagedTransport::execute(std::span<const uint8_t> cdb, DataDirection direction,
                                        std::span<uint8_t> buffer, milliseconds timeout) {
  static const Sleeper real_sleep = [](milliseconds ms) { std::this_thread::sleep_for(ms); };
  return execute_with_rule(target_(), cdb, direction, buffer, command_rule(cdb.empty() ? 0 : cdb[0]),
                           sleep_ ? sleep_ : real_sleep, timeout, &unit_attentions_);
}

CommandResult eject(Transport& t) {
  CommandResult r = t.execute(mmc::prevent_allow_medium_removal(false).bytes(), DataDirection::kNone, {});
  if (!r.good()) return r;
  return t.execute(mmc::start_stop_unit(false, true).bytes(), DataDirection::kNone, {});
}

CommandResult close_tray(Transport& t) {
  return t.execute(mmc::start_stop_unit(true, true).bytes(), DataDirection::kNone, {});
}

}  // namespace imapi::device
