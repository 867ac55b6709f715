// A SCSI command descriptor block as a value: up to 16 bytes plus its length.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace imapi::mmc {

// Operation codes (SPC-4 and MMC-6 command tables).
namespace op {
inline constexpr uint8_t kTestUnitReady = 0x00;
inline constexpr uint8_t kRequestSense = 0x03;
inline constexpr uint8_t kFormatUnit = 0x04;
inline constexpr uint8_t kRead6 = 0x08;
inline constexpr uint8_t kInquiry = 0x12;
inline constexpr uint8_t kModeSelect6 = 0x15;
inline constexpr uint8_t kModeSense6 = 0x1A;
inline constexpr uint8_t kStartStopUnit = 0x1B;
inline constexpr uint8_t kPreventAllowMediumRemoval = 0x1E;
inline constexpr uint8_t kReadFormatCapacities = 0x23;
inline constexpr uint8_t kReadCapacity = 0x25;
inline constexpr uint8_t kRead10 = 0x28;
inline constexpr uint8_t kWrite10 = 0x2A;
inline constexpr uint8_t kWriteAndVerify10 = 0x2E;
inline constexpr uint8_t kSynchronizeCache = 0x35;
inline constexpr uint8_t kReadBuffer = 0x3C;
inline constexpr uint8_t kReadSubChannel = 0x42;
inline constexpr uint8_t kReadTocPmaAtip = 0x43;
inline constexpr uint8_t kGetConfiguration = 0x46;
inline constexpr uint8_t kGetEventStatusNotification = 0x4A;
inline constexpr uint8_t kLogSense = 0x4D;
inline constexpr uint8_t kReadDiscInformation = 0x51;
inline constexpr uint8_t kReadTrackInformation = 0x52;
inline constexpr uint8_t kReserveTrack = 0x53;
inline constexpr uint8_t kSendOpcInformation = 0x54;
inline constexpr uint8_t kModeSelect10 = 0x55;
inline constexpr uint8_t kModeSense10 = 0x5A;
inline constexpr uint8_t kCloseTrackSession = 0x5B;
inline constexpr uint8_t kReadBufferCapacity = 0x5C;
inline constexpr uint8_t kSendCueSheet = 0x5D;
inline constexpr uint8_t kReportLuns = 0xA0;
inline constexpr uint8_t kBlank = 0xA1;
inline constexpr uint8_t kReportKey = 0xA4;
inline constexpr uint8_t kLoadUnloadMedium = 0xA6;
inline constexpr uint8_t kRead12 = 0xA8;
inline constexpr uint8_t kWrite12 = 0xAA;
inline constexpr uint8_t kGetPerformance = 0xAC;
inline constexpr uint8_t kReadDiscStructure = 0xAD;
inline constexpr uint8_t kSetStreaming = 0xB6;
inline constexpr uint8_t kReadCdMsf = 0xB9;
inline constexpr uint8_t kSetCdSpeed = 0xBB;
inline constexpr uint8_t kMechanismStatus = 0xBD;
inline constexpr uint8_t kReadCd = 0xBE;
inline constexpr uint8_t kSendDiscStructure = 0xBF;
}  // namespace op

class Cdb {
 public:
  Cdb() = default;
  // A zeroed CDB of `length` bytes (6, 10, 12 or 16) with the given opcode.
  Cdb(uint8_t opcode, size_t length) : length_(length) { bytes_[0] = opcode; }

  size_t size() const { return length_; }
  uint8_t opcode() const { return bytes_[0]; }
  uint8_t operator[](size_t i) const { return bytes_[i]; }
  uint8_t& operator[](size_t i) { return bytes_[i]; }
  uint8_t* data() { return bytes_.data(); }
  std::span<const uint8_t> bytes() const { return {bytes_.data(), length_}; }

  friend bool operator==(const Cdb&, const Cdb&) = default;

 private:
  std::array<uint8_t, 16> bytes_{};
  size_t length_ = 0;
};

}  // namespace imapi::mmc
