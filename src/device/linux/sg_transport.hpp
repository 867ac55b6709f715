// The Linux SG_IO transport: one CDB per ioctl on an opened /dev/srN.
#pragma once

#include <string>

#include "device/linux/linux_system.hpp"
#include "device/transport.hpp"

namespace imapi::device::linux_sg {

class SgTransport final : public Transport {
 public:
  // Opens `device` (O_RDWR|O_NONBLOCK; O_EXCL when `exclusive`: the kernel
  // then refuses while the medium is mounted or someone else holds it).
  SgTransport(LinuxSystem& system, std::string device, bool exclusive = false);
  SgTransport(const SgTransport&) = delete;
  SgTransport& operator=(const SgTransport&) = delete;
  ~SgTransport() override;

  // Throws imapi::Error when the command could not be delivered (ioctl
  // failure, the device vanished), timed out, or the host adapter failed.
  CommandResult execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                        std::chrono::milliseconds timeout = kDefaultCommandTimeout) override;

  const std::string& device() const { return device_; }

 private:
  LinuxSystem& system_;
  std::string device_;
  int fd_ = -1;
};

}  // namespace imapi::device::linux_sg
