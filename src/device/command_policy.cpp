#include "device/command_policy.hpp"

#include <algorithm>
#include <thread>

#include "mmc/cdb.hpp"
#include "mmc/commands.hpp"

namespace imapi::device {

using namespace std::chrono_literals;

std::chrono::milliseconds command_timeout(uint8_t opcode) {
  switch (opcode) {
    case mmc::op::kFormatUnit:
    case mmc::op::kBlank:
      return std::chrono::milliseconds(2h);  // a full BD-RE format without IMMED takes most of that
    case mmc::op::kCloseTrackSession:
    case mmc::op::kSynchronizeCache:
      return std::chrono::milliseconds(15min);
    case mmc::op::kSendOpcInformation:
    case mmc::op::kReserveTrack:
      return std::chrono::milliseconds(2min);
    default:
      return kDefaultCommandTimeout;
  }
}

bool is_query_command(uint8_t opcode) {
  switch (opcode) {
    case 0x00:  // TEST UNIT READY
    case 0x03:  // REQUEST SENSE
    case 0x08:  // READ(6)
    case 0x12:  // INQUIRY
    case 0x1A:  // MODE SENSE(6)
    case 0x23:  // READ FORMAT CAPACITIES
    case 0x25:  // READ CAPACITY
    case 0x28:  // READ(10)
    case 0x3C:  // READ BUFFER
    case 0x42:  // READ SUB-CHANNEL
    case 0x43:  // READ TOC/PMA/ATIP
    case 0x46:  // GET CONFIGURATION
    case 0x4A:  // GET EVENT STATUS NOTIFICATION
    case 0x4D:  // LOG SENSE
    case 0x51:  // READ DISC INFORMATION
    case 0x52:  // READ TRACK INFORMATION
    case 0x5A:  // MODE SENSE(10)
    case 0x5C:  // READ BUFFER CAPACITY
    case 0xA0:  // REPORT LUNS
    case 0xA4:  // REPORT KEY
    case 0xA8:  // READ(12)
    case 0xAC:  // GET PERFORMANCE
    case 0xAD:  // READ DISC STRUCTURE
    case 0xB9:  // READ CD MSF
    case 0xBD:  // MECHANISM STATUS
    case 0xBE:  // READ CD
      return true;
    default:
      return false;
  }
}

bool is_transient_not_ready(const CommandResult& r) {
  if (r.good() || r.sense_length < 14) return false;
  const uint8_t key = r.sense[2] & 0x0F, asc = r.sense[12], ascq = r.sense[13];
  if ((r.sense[0] & 0x7F) >= 0x72) return false;  // descriptor format: not what MMC drives send; no retry
  return key == 0x02 && asc == 0x04 && (ascq == 0x01 || ascq == 0x04 || ascq == 0x07 || ascq == 0x08);
}

CommandResult execute_with_retries(Transport& t, std::span<const uint8_t> cdb, DataDirection direction,
                                   std::span<uint8_t> buffer, std::chrono::milliseconds patience,
                                   const Sleeper& sleep, std::chrono::milliseconds at_least) {
  const auto timeout = std::max(command_timeout(cdb.empty() ? 0 : cdb[0]), at_least);
  std::chrono::milliseconds waited{0}, delay{10};
  for (;;) {
    CommandResult r = t.execute(cdb, direction, buffer, timeout);
    if (!is_transient_not_ready(r) || waited >= patience) return r;
    sleep(delay);
    waited += delay;
    delay = std::min<std::chrono::milliseconds>(delay * 2, 500ms);
  }
}

CommandResult ManagedTransport::execute(std::span<const uint8_t> cdb, DataDirection direction,
                                        std::span<uint8_t> buffer, std::chrono::milliseconds timeout) {
  static const Sleeper real_sleep = [](std::chrono::milliseconds ms) { std::this_thread::sleep_for(ms); };
  return execute_with_retries(target_(), cdb, direction, buffer, patience_, sleep_ ? sleep_ : real_sleep, timeout);
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
