#include "device/pass_through.hpp"

#include <algorithm>
#include <cstdio>
#include <span>
#include <string>

#include "core/error.hpp"
#include "device/command_error.hpp"
#include "device/command_policy.hpp"
#include "device/storage_descriptors.hpp"
#include "imapi_c.h"

namespace imapi::device {

DataDirection pass_through_direction(int32_t direction) {
  switch (direction) {
    case IMAPI_COMMAND_NO_DATA: return DataDirection::kNone;
    case IMAPI_COMMAND_TO_DEVICE: return DataDirection::kToDevice;
    case IMAPI_COMMAND_FROM_DEVICE: return DataDirection::kFromDevice;
    default: throw Error(IMAPI_E_INVALIDARG, "direction must be IMAPI_COMMAND_NO_DATA, _TO_DEVICE or _FROM_DEVICE");
  }
}

namespace {

std::span<uint8_t> data_buffer(Recorder& recorder, const PassThroughCommand& c) {
  if (c.direction == IMAPI_COMMAND_NO_DATA) return {};
  if (c.buffer_length <= 0)
    throw Error(IMAPI_E_INVALIDARG, "a command with a data phase needs a buffer of at least 1 byte");
  if (!c.buffer) throw Error(IMAPI_E_POINTER, "buf is NULL");
  // The adapter's limit for a buffer of this alignment (GetMaximum(Non)PageAlignedTransferSize).
  const uint32_t limit = max_transfer_for(recorder.storage_adapter(), c.buffer);
  if (c.buffer_length > int64_t{limit})
    throw Error(IMAPI_E_INVALIDARG,
                "the data buffer must be 1 to " + std::to_string(limit) + " bytes for a command with a data phase" +
                    " (the drive's maximum transfer size for a buffer " +
                    (reinterpret_cast<uintptr_t>(c.buffer) % kPageSize == 0 ? "starting on a page boundary)"
                                                                            : "not starting on a page boundary)"));
  return {static_cast<uint8_t*>(c.buffer), static_cast<size_t>(c.buffer_length)};
}

}  // namespace

PassThroughReply send_pass_through(Recorder& recorder, const PassThroughCommand& c) {
  if (!c.cdb) throw Error(IMAPI_E_POINTER, "the CDB (data) is NULL");
  if (c.cdb_length < 6 || c.cdb_length > 16)
    throw Error(IMAPI_E_INVALIDARG, "a CDB is 6 to 16 bytes, not " + std::to_string(c.cdb_length));
  const DataDirection direction = pass_through_direction(c.direction);
  if (c.timeout_s < 0) throw Error(IMAPI_E_INVALIDARG, "timeout_s cannot be negative");
  const std::span<uint8_t> buffer = data_buffer(recorder, c);
  const std::span<const uint8_t> cdb{static_cast<const uint8_t*>(c.cdb), static_cast<size_t>(c.cdb_length)};
  if (!is_query_command(cdb[0])) {
    char hex[4];
    std::snprintf(hex, sizeof hex, "%02X", cdb[0]);
    recorder.require_access(std::string("SendCommand (opcode ") + hex + "h, which changes the drive's state)");
  }
  const auto timeout =
      c.timeout_s == 0 ? kDefaultCommandTimeout : std::chrono::milliseconds(int64_t{c.timeout_s} * 1000);
  // The raw transport: the caller's timeout, and a NOT READY comes back to the caller unretried.
  const CommandResult r = recorder.raw_transport().execute(cdb, direction, buffer, timeout);
  PassThroughReply reply;
  reply.status = r.status;
  reply.transferred = static_cast<int64_t>(buffer.size() - std::min(r.residual, buffer.size()));
  reply.sense.assign(r.sense.begin(), r.sense.begin() + std::min<size_t>(r.sense_length, kPassThroughSenseBytes));
  if (!r.good() && !reply.has_sense()) throw command_error(r, "SendCommand");
  return reply;
}

}  // namespace imapi::device
