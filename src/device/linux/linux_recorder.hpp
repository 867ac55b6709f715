// A real optical drive behind SG_IO, found by its stable unique ID.
#pragma once

#include <memory>
#include <string>

#include "device/linux/drive_enumeration.hpp"
#include "device/linux/exclusive_access.hpp"
#include "device/linux/sg_transport.hpp"
#include "device/recorder.hpp"

namespace imapi::device::linux_sg {

class LinuxRecorder final : public Recorder {
 public:
  LinuxRecorder(LinuxSystem& system, OpticalDrive drive);

  const std::string& unique_id() const override { return drive_.unique_id; }
  Transport& raw_transport() override { return transport_; }
  std::string volume_name() override { return drive_.device; }
  std::vector<std::string> volume_paths() override;
  int32_t legacy_device_number() override;
  // The first level: a mounted medium is refused (E_IMAPI_RECORDER_LOCKED naming
  // the mount point) or, with `force`, unmounted (umount2, newest mount first;
  // EPERM is E_ACCESSDENIED, EBUSY E_IMAPI_RECORDER_LOCKED, both naming the
  // mount point and what to do); then the device is opened O_EXCL.
  void acquire_exclusive(bool force, const std::string& client_name) override;
  void release_exclusive() override { exclusive_.release(); }
  std::string exclusive_owner() override { return ExclusiveAccess::owner(system_, drive_.unique_id); }
  bool holds_exclusive() const override { return exclusive_.levels() > 0; }
  // From sysfs: see linux_sg::storage_adapter and linux_sg::removable.
  StorageAdapter storage_adapter() override;
  std::optional<bool> removable_media() override;

 private:
  std::string sys_name() const;  // srN
  void unmount_medium(bool force);

  LinuxSystem& system_;
  OpticalDrive drive_;
  SgTransport transport_;
  ExclusiveAccess exclusive_;
};

}  // namespace imapi::device::linux_sg
