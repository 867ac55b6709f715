#include "device/linux/sg_transport.hpp"

#include <fcntl.h>
#include <scsi/sg.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::device::linux_sg {

namespace {
constexpr unsigned kDidTimeOut = 0x03;       // host_status: the adapter gave up waiting
constexpr unsigned kDriverTimeout = 0x06;    // driver_status low nibble
constexpr unsigned kDriverSense = 0x08;      // driver_status: sense data valid
}  // namespace

SgTransport::SgTransport(LinuxSystem& system, std::string device, bool exclusive)
    : system_(system), device_(std::move(device)) {
  int fd = system_.open(device_, O_RDWR | O_NONBLOCK | (exclusive ? O_EXCL : 0));
  if (fd == -EROFS || fd == -EACCES) fd = system_.open(device_, O_RDONLY | O_NONBLOCK | (exclusive ? O_EXCL : 0));
  if (fd == -EBUSY)
    fail_at(mmc::status::kRecorderLocked,
            "the drive is in use (a mounted disc or another program holds it exclusively): unmount it or close that program",
            device_);
  if (fd < 0) fail_os(IMAPI_E_FAIL, "cannot open the drive", -fd, device_);
  fd_ = fd;
}

SgTransport::~SgTransport() {
  if (fd_ >= 0) system_.close(fd_);
}

CommandResult SgTransport::execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                                   std::chrono::milliseconds timeout) {
  if (cdb.empty() || cdb.size() > 16) fail(IMAPI_E_INVALIDARG, "a CDB is 1 to 16 bytes long");
  CommandResult result;
  sg_io_hdr hdr{};
  hdr.interface_id = 'S';
  hdr.cmd_len = static_cast<unsigned char>(cdb.size());
  hdr.cmdp = const_cast<unsigned char*>(cdb.data());  // the kernel only reads it
  hdr.sbp = result.sense.data();
  hdr.mx_sb_len = static_cast<unsigned char>(result.sense.size());
  switch (direction) {
    case DataDirection::kNone: hdr.dxfer_direction = SG_DXFER_NONE; break;
    case DataDirection::kToDevice: hdr.dxfer_direction = SG_DXFER_TO_DEV; break;
    case DataDirection::kFromDevice: hdr.dxfer_direction = SG_DXFER_FROM_DEV; break;
  }
  if (direction != DataDirection::kNone) {
    hdr.dxferp = buffer.data();
    hdr.dxfer_len = static_cast<unsigned>(buffer.size());
  }
  hdr.timeout = static_cast<unsigned>(std::clamp<int64_t>(timeout.count(), 1, 0x7FFFFFFF));
  if (int rc = system_.sg_io(fd_, hdr); rc < 0)
    fail_os(-rc == ENODEV || -rc == ENXIO ? mmc::status::kMediaNoMedia : IMAPI_E_FAIL,
            "SG_IO failed (the drive was disconnected or refused the command)", -rc, device_);
  if (hdr.host_status == kDidTimeOut || (hdr.driver_status & 0x0F) == kDriverTimeout)
    fail_at(mmc::status::kCommandTimeout,
            "the drive did not answer within " + std::to_string(timeout.count()) + " ms", device_);
  if (hdr.host_status != 0)
    fail_at(mmc::status::kUnexpectedResponseFromDevice,
            "the host adapter reported error " + std::to_string(hdr.host_status) + " for the command", device_);
  result.status = hdr.status != 0 ? hdr.status : static_cast<uint8_t>(hdr.masked_status << 1);
  if (!result.good() || (hdr.driver_status & kDriverSense)) {
    result.sense_length = std::min<uint8_t>(hdr.sb_len_wr, static_cast<uint8_t>(result.sense.size()));
  }
  result.residual = hdr.resid > 0 ? std::min<size_t>(static_cast<size_t>(hdr.resid), buffer.size()) : 0;
  return result;
}

}  // namespace imapi::device::linux_sg
