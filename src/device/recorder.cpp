#include "device/recorder.hpp"

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::device {

void check_client_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 64;
  for (char c : name)
    ok = ok && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
                c == '_' || c == '-');
  if (!ok)
    throw Error(mmc::status::kClientNameIsNotValid,
                "the client name '" + name + "' is not valid: use 1-64 letters, digits, spaces, '.', '_' or '-'");
}

void Recorder::require_access(std::string_view operation) {
  if (holds_exclusive()) return;
  const std::string holder = exclusive_owner();
  if (holder.empty()) return;
  throw Error(mmc::status::kRecorderLocked,
              std::string(operation) + ": the recorder is held exclusively by '" + holder +
                  "': wait until it calls ReleaseExclusiveAccess (or exits), then retry");
}

}  // namespace imapi::device
