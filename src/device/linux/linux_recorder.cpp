#include "device/linux/linux_recorder.hpp"

#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::device::linux_sg {

namespace {

std::string errno_name(int err) {
  switch (err) {
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case EBUSY: return "EBUSY";
    case EINVAL: return "EINVAL";
    case ENOENT: return "ENOENT";
    default: return "errno " + std::to_string(err);
  }
}

std::string quoted_list(const std::vector<std::string>& paths) {
  std::string out;
  for (const auto& p : paths) out += (out.empty() ? "'" : ", '") + p + "'";
  return out;
}

}  // namespace

LinuxRecorder::LinuxRecorder(LinuxSystem& system, OpticalDrive drive)
    : system_(system),
      drive_(std::move(drive)),
      transport_(system, drive_.device),
      exclusive_(system, drive_.device, drive_.unique_id) {}

std::string LinuxRecorder::sys_name() const { return drive_.device.substr(drive_.device.rfind('/') + 1); }

std::vector<std::string> LinuxRecorder::volume_paths() {
  auto mountinfo = system_.read_file("/proc/self/mountinfo");
  return mountinfo ? mount_points(*mountinfo, drive_.major, drive_.minor) : std::vector<std::string>{};
}

int32_t LinuxRecorder::legacy_device_number() {
  const auto& d = drive_.device;  // /dev/srN
  const auto digits = d.find_last_not_of("0123456789");
  if (digits == std::string::npos || digits + 1 >= d.size()) return -1;
  return static_cast<int32_t>(std::stol(d.substr(digits + 1)));
}

void LinuxRecorder::acquire_exclusive(bool force, const std::string& client_name) {
  check_client_name(client_name);
  if (exclusive_.levels() == 0) unmount_medium(force);
  exclusive_.acquire(client_name);
}

void LinuxRecorder::unmount_medium(bool force) {
  const auto mounts = volume_paths();
  if (mounts.empty()) return;
  const std::string udisks = "udisksctl unmount -b " + drive_.device;
  if (!force)
    fail_at(mmc::status::kRecorderLocked,
            "the disc is mounted at " + quoted_list(mounts) + ": unmount it (" + udisks +
                ") or acquire exclusive access with force to have it unmounted",
            mounts.front());
  // Newest first: a mount made on top of an earlier one must go before it.
  for (auto it = mounts.rbegin(); it != mounts.rend(); ++it) {
    const int rc = system_.unmount(*it);
    if (rc == 0) continue;
    const int err = -rc;
    std::string message = "cannot unmount the disc at '" + *it + "' to take the drive exclusively (" +
                          errno_name(err) + ", " + std::strerror(err) + "): ";
    imapi_status code = mmc::status::kRecorderLocked;
    if (err == EPERM || err == EACCES) {
      code = IMAPI_E_ACCESSDENIED;
      message += "unmounting needs root (CAP_SYS_ADMIN); unmount it as the user who mounted it (" + udisks +
                 ") and retry";
    } else if (err == EBUSY) {
      message += "programs have files open there (fuser -vm '" + *it + "' lists them): close them and retry";
    } else {
      message += "unmount it yourself (" + udisks + ") and retry";
    }
    throw Error(code, std::move(message), ErrorDetail{.os_error = err, .path = *it});
  }
}

StorageAdapter LinuxRecorder::storage_adapter() { return linux_sg::storage_adapter(system_, sys_name()); }

std::optional<bool> LinuxRecorder::removable_media() { return linux_sg::removable(system_, sys_name()); }

}  // namespace imapi::device::linux_sg
