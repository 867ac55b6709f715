#include "device/linux/exclusive_access.hpp"

#include <fcntl.h>

#include <cerrno>
#include <charconv>

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::device::linux_sg {

namespace {
bool valid_owner(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ' ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}
}  // namespace

ExclusiveAccess::ExclusiveAccess(LinuxSystem& system, std::string device, std::string unique_id)
    : system_(system), device_(std::move(device)), unique_id_(std::move(unique_id)) {}

ExclusiveAccess::~ExclusiveAccess() {
  if (fd_ >= 0) {
    system_.remove_file(registry_path(system_, unique_id_));
    system_.close(fd_);
  }
}

std::string ExclusiveAccess::registry_path(LinuxSystem& system, const std::string& unique_id) {
  std::string name;
  for (char c : unique_id) name += (c == '/' || c == ':' || c == ' ') ? '_' : c;
  return system.runtime_directory() + "/imapi-exclusive-" + name;
}

std::string ExclusiveAccess::owner(LinuxSystem& system, const std::string& unique_id) {
  auto text = system.read_file(registry_path(system, unique_id));
  if (!text) return "";
  // "PID NAME\n"
  const auto space = text->find(' ');
  if (space == std::string::npos) return "";
  long pid = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + space, pid);
  if (ec != std::errc() || end != text->data() + space || !system.process_alive(pid)) return "";
  std::string name = text->substr(space + 1);
  while (!name.empty() && name.back() == '\n') name.pop_back();
  return valid_owner(name) ? name : "";
}

void ExclusiveAccess::acquire(const std::string& owner_name) {
  if (!valid_owner(owner_name))
    fail(IMAPI_E_INVALIDARG, "the client name must be 1-64 characters of letters, digits, space, '.', '_' or '-'");
  if (levels_ > 0) {
    ++levels_;
    return;
  }
  int fd = system_.open(device_, O_RDONLY | O_NONBLOCK | O_EXCL);
  if (fd == -EBUSY) {
    const std::string holder = owner(system_, unique_id_);
    fail_at(mmc::status::kRecorderLocked,
            holder.empty() ? "the drive is in use (its disc is mounted or another program holds it): unmount it or close that program"
                           : "the drive is held exclusively by '" + holder + "'",
            device_);
  }
  if (fd < 0) fail_os(IMAPI_E_FAIL, "cannot open the drive for exclusive access", -fd, device_);
  fd_ = fd;
  levels_ = 1;
  // Best effort: without the registry the lock still holds, only the owner's name is unknown.
  system_.write_file(registry_path(system_, unique_id_), std::to_string(system_.current_pid()) + " " + owner_name + "\n");
}

void ExclusiveAccess::release() {
  if (levels_ == 0) fail(IMAPI_E_FAIL, "exclusive access is not held: ReleaseExclusiveAccess without AcquireExclusiveAccess");
  if (--levels_ > 0) return;
  system_.remove_file(registry_path(system_, unique_id_));
  system_.close(fd_);
  fd_ = -1;
}

}  // namespace imapi::device::linux_sg
