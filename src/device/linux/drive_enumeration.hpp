// Finding the optical drives of a Linux system (sysfs), naming them stably,
// and the mount points of their media (/proc/self/mountinfo).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "device/linux/linux_system.hpp"

namespace imapi::device::linux_sg {

struct OpticalDrive {
  std::string device;     // /dev/srN
  std::string unique_id;  // stable across reboots, see drive_unique_id
  std::string vendor, product, revision;  // INQUIRY strings as sysfs keeps them, blanks trimmed
  unsigned major = 0, minor = 0;
};

// Every /sys/class/block/srN whose SCSI device type is 5 (CD/DVD/BD), sorted by N.
std::vector<OpticalDrive> enumerate_drives(LinuxSystem& system);

// "linux-scsi:" + the drive's sysfs device path below /sys/devices (e.g.
// "linux-scsi:pci0000:00/0000:00:17.0/ata2/host1/target1:0:0/1:0:0:0"): it
// names the port the drive hangs on, which stays the same across reboots and
// renumbering of srN, unlike the device node. Falls back to "linux-dev:srN".
std::string drive_unique_id(LinuxSystem& system, std::string_view sr_name);

// Mount points of block device major:minor in a mountinfo text (octal escapes
// such as \040 for a space undone).
std::vector<std::string> mount_points(std::string_view mountinfo, unsigned major, unsigned minor);

}  // namespace imapi::device::linux_sg
