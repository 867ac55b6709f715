// What a drive's answer to a command means as an error: the one translation of
// a CommandResult that is not GOOD into the IMAPI error the library reports, for
// the library's own commands (drive_queries, tray handling) and the burn engine.
#pragma once

#include <string_view>

#include "core/error.hpp"
#include "device/transport.hpp"

namespace imapi::device {

// The error of a result that is not GOOD, `command` naming what was sent
// ("READ DISC INFORMATION", "EjectMedia"): CHECK CONDITION is the IMAPI error
// its sense means (mmc::sense_error: key/ASC/ASCQ in the detail), or
// IMAPI_E_RECORDER_INVALID_RESPONSE_FROM_DEVICE when the drive sent no sense;
// any other status (BUSY, RESERVATION CONFLICT, ...) is
// IMAPI_E_RECORDER_MEDIA_BUSY, to retry later.
Error command_error(const CommandResult& r, std::string_view command);

// Whether the command completed: GOOD, or a CHECK CONDITION whose sense says
// RECOVERED ERROR or NO SENSE (the command completed and its data stands).
bool command_completed(const CommandResult& r);

// Throws command_error(r, command) unless the command completed.
inline void check_command(const CommandResult& r, std::string_view command) {
  if (!command_completed(r)) throw command_error(r, command);
}

}  // namespace imapi::device
