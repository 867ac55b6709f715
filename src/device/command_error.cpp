#include "device/command_error.hpp"

#include <string>

#include "device/command_policy.hpp"
#include "mmc/sense.hpp"
#include "mmc/status.hpp"

namespace imapi::device {

bool command_completed(const CommandResult& r) {
  if (r.good()) return true;
  return r.status == scsi_status::kCheckCondition && r.sense_length > 0 &&
         interpret_result(r).meaning.recovery == mmc::Recovery::kRecovered;
}

Error command_error(const CommandResult& r, std::string_view command) {
  if (r.status == scsi_status::kCheckCondition) {
    if (r.sense_length == 0)
      return Error(mmc::status::kInvalidResponseFromDevice,
                   std::string(command) + ": the drive reported CHECK CONDITION without sense data");
    return mmc::sense_error(command, mmc::decode_sense(r.sense_bytes()));
  }
  return Error(mmc::status::kMediaBusy, std::string(command) + ": the drive answered with SCSI status " +
                                            std::to_string(r.status) + " (busy or reserved): retry later");
}

}  // namespace imapi::device
