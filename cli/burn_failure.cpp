#include "burn_failure.hpp"

#include <cstdio>

namespace imapi_cli {

int fail(const Failure& f, imapi_status status) {
  const imapi_error* e = imapi_error_last();
  std::string where;
  if (e && e->code == status) {
    if (e->sense_key >= 0) {
      char sense[64];
      std::snprintf(sense, sizeof sense, "; sense %02X/%02X/%02X", static_cast<unsigned>(e->sense_key),
                    static_cast<unsigned>(e->asc), static_cast<unsigned>(e->ascq));
      where += sense;
    }
    if (e->lba >= 0) where += "; LBA " + std::to_string(e->lba);
  }
  const char* msg = e && e->code == status && e->message ? e->message : "failed";
  std::fprintf(stderr, "imapi: error: %s: %s: %s (%s, 0x%08X%s)\n", f.drive.c_str(), f.action.c_str(), msg,
               imapi_status_name(status), static_cast<unsigned>(status), where.c_str());
  return 1;
}

const char* action_name(int32_t action) {
  switch (action) {
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA: return "validating";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA: return "formatting";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_INITIALIZING_HARDWARE: return "initializing";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_CALIBRATING_POWER: return "calibrating";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_WRITING_DATA: return "writing";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_FINALIZATION: return "finalizing";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED: return "completed";
    case IMAPI_FORMAT2_DATA_WRITE_ACTION_VERIFYING: return "verifying";
    default: return "working";
  }
}

}  // namespace imapi_cli
