// IMAPI's exclusive access on Linux: the kernel's O_EXCL open of the block
// device (refused while the disc is mounted or another process holds it),
// reference counted per recorder, plus a small owner registry file so that
// ExclusiveAccessOwner can name the holder (the kernel keeps no name).
#pragma once

#include <string>

#include "device/linux/linux_system.hpp"

namespace imapi::device::linux_sg {

class ExclusiveAccess {
 public:
  ExclusiveAccess(LinuxSystem& system, std::string device, std::string unique_id);
  ExclusiveAccess(const ExclusiveAccess&) = delete;
  ExclusiveAccess& operator=(const ExclusiveAccess&) = delete;
  ~ExclusiveAccess();  // drops every level still held

  // Adds one level. The first takes the device (E_IMAPI_RECORDER_LOCKED, naming
  // the holder when known, if someone else has it). `owner`: 1-64 characters
  // of [A-Za-z0-9 ._-] (E_INVALIDARG otherwise).
  void acquire(const std::string& owner);
  // Drops one level; the device is free at zero. Releasing what is not held is E_FAIL.
  void release();
  int levels() const { return levels_; }

  // The client name of whoever holds the drive, "" when nobody (or a dead process) does.
  static std::string owner(LinuxSystem& system, const std::string& unique_id);
  static std::string registry_path(LinuxSystem& system, const std::string& unique_id);

 private:
  LinuxSystem& system_;
  std::string device_;
  std::string unique_id_;
  int fd_ = -1;
  int levels_ = 0;
};

}  // namespace imapi::device::linux_sg
