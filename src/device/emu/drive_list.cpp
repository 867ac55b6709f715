#include "device/emu/drive_list.hpp"

#include <algorithm>
#include <cstdlib>

namespace imapi::device::emu {

std::vector<std::string> parse_drive_list(std::string_view list) {
  std::vector<std::string> uris;
  while (!list.empty()) {
    const size_t end = std::min(list.find(';'), list.size());
    std::string uri(list.substr(0, end));
    list.remove_prefix(std::min(end + 1, list.size()));
    if (!uri.empty() && std::find(uris.begin(), uris.end(), uri) == uris.end()) uris.push_back(std::move(uri));
  }
  return uris;
}

std::vector<std::string> drive_list_from_environment() {
  const char* env = std::getenv(kDrivesVariable);
  return env ? parse_drive_list(env) : std::vector<std::string>{};
}

}  // namespace imapi::device::emu
