// IDiscRecorder2Ex's SendCommand*: a caller's own CDB sent to a recorder once,
// as given. The rules are the engine's (the C ABI and C++ front ends share
// them): a CDB of 6 to 16 bytes, a data phase of 1 byte up to the adapter's
// transfer limit for the buffer's alignment, exclusive access for every command
// that is not a pure query, the caller's timeout (0: IMAPI's 10 s) over the raw
// transport (no NOT READY retries), and at most 18 sense bytes kept.
#pragma once

#include <cstdint>
#include <vector>

#include "device/recorder.hpp"
#include "device/transport.hpp"

namespace imapi::device {

// IMAPI_COMMAND_NO_DATA / _TO_DEVICE / _FROM_DEVICE, as the C ABI numbers them.
// Anything else: IMAPI_E_INVALIDARG.
DataDirection pass_through_direction(int32_t direction);

// What a caller hands SendCommand: raw memory, checked here.
struct PassThroughCommand {
  const void* cdb = nullptr;
  int64_t cdb_length = 0;
  int32_t direction = 0;  // IMAPI_COMMAND_*
  void* buffer = nullptr; // read for TO_DEVICE, filled for FROM_DEVICE, ignored for NO_DATA
  int64_t buffer_length = 0;
  int32_t timeout_s = 0;  // 0: kDefaultCommandTimeout
};

struct PassThroughReply {
  uint8_t status = 0;         // SCSI status; GOOD or CHECK CONDITION (anything else is thrown)
  int64_t transferred = 0;    // bytes of the buffer moved
  std::vector<uint8_t> sense; // up to 18 bytes when the drive answered CHECK CONDITION
  bool has_sense() const { return status == scsi_status::kCheckCondition; }
};

inline constexpr size_t kPassThroughSenseBytes = 18;

// Sends the command once. Errors: IMAPI_E_POINTER / IMAPI_E_INVALIDARG for the
// checks above, IMAPI_E_RECORDER_LOCKED when another handle holds the drive
// and the command changes its state, the transport's own errors (timeout), and
// IMAPI_E_RECORDER_MEDIA_BUSY for a status other than GOOD or CHECK CONDITION.
// A CHECK CONDITION is a reply, not an error: the sense comes back to the caller.
PassThroughReply send_pass_through(Recorder& recorder, const PassThroughCommand& command);

}  // namespace imapi::device
