// Finding the optical drives of a Linux system (sysfs), naming them stably,
// and the mount points of their media (/proc/self/mountinfo).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "device/linux/linux_system.hpp"
#include "device/storage_descriptors.hpp"

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

// STORAGE_BUS_TYPE of a drive from its sysfs device path (below /sys/devices):
// a "usbN" component is USB, "fwN" IEEE 1394, "ataN" ATAPI (an MMC drive on
// libata, SATA or PATA, speaks the ATA packet interface), "sessionN" iSCSI,
// "end_device-" SAS, "rport-" Fibre Channel; any other SCSI device is SCSI.
// An empty path (sysfs could not resolve it) is unknown.
StorageBusType bus_type(std::string_view sysfs_device_path);

// What the kernel allows one SG_IO command on /sys/class/block/<sr_name>:
// queue/max_hw_sectors_kb (the kernel refuses a longer transfer), queue/max_segments
// (the pages one command's buffer may span), queue/dma_alignment (a buffer not
// aligned to it is copied through a bounce buffer; 511, the kernel's default,
// where the attribute is missing), device/queue_depth > 1 for command queueing,
// and the bus of the device path. Missing sizes keep StorageAdapter's defaults.
StorageAdapter storage_adapter(LinuxSystem& system, std::string_view sr_name);

// /sys/class/block/<sr_name>/removable, nullopt when unreadable.
std::optional<bool> removable(LinuxSystem& system, std::string_view sr_name);

// Mount points of block device major:minor in a mountinfo text (octal escapes
// such as \040 for a space undone).
std::vector<std::string> mount_points(std::string_view mountinfo, unsigned major, unsigned minor);

}  // namespace imapi::device::linux_sg
