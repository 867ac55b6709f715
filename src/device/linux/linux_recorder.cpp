#include "device/linux/linux_recorder.hpp"

namespace imapi::device::linux_sg {

LinuxRecorder::LinuxRecorder(LinuxSystem& system, OpticalDrive drive)
    : system_(system),
      drive_(std::move(drive)),
      transport_(system, drive_.device),
      exclusive_(system, drive_.device, drive_.unique_id) {}

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

void LinuxRecorder::acquire_exclusive(bool, const std::string& client_name) {
  check_client_name(client_name);
  exclusive_.acquire(client_name);
}

}  // namespace imapi::device::linux_sg
