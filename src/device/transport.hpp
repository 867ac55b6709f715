// The one way the engine talks to a recorder: execute a CDB with a data
// phase in one direction and get back SCSI status, sense and residual. The
// Linux SG_IO backend and the emulated drive both implement it, so the burn
// code path is the same for real and emulated hardware.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <span>

namespace imapi::device {

enum class DataDirection : uint8_t {
  kNone,        // no data phase
  kToDevice,    // data-out: the buffer is read (WRITE, MODE SELECT, parameter lists)
  kFromDevice,  // data-in: the buffer is filled (READ, INQUIRY, ...)
};

namespace scsi_status {
inline constexpr uint8_t kGood = 0x00;
inline constexpr uint8_t kCheckCondition = 0x02;
inline constexpr uint8_t kBusy = 0x08;
inline constexpr uint8_t kReservationConflict = 0x18;
inline constexpr uint8_t kTaskSetFull = 0x28;
}  // namespace scsi_status

// What came back. A transport that could not deliver the command at all (the
// device vanished, the ioctl failed) throws imapi::Error instead: a result
// always means the target answered.
struct CommandResult {
  uint8_t status = scsi_status::kGood;
  std::array<uint8_t, 32> sense{};  // the sense bytes the target returned (CHECK CONDITION)
  uint8_t sense_length = 0;
  size_t residual = 0;  // bytes of the buffer not transferred

  bool good() const { return status == scsi_status::kGood; }
  std::span<const uint8_t> sense_bytes() const { return {sense.data(), sense_length}; }
};

inline constexpr std::chrono::milliseconds kDefaultCommandTimeout{10'000};  // IMAPI2_DEFAULT_COMMAND_TIMEOUT

class Transport {
 public:
  virtual ~Transport() = default;
  // `cdb` is 6 to 16 bytes. With kNone, `buffer` is ignored.
  virtual CommandResult execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                                std::chrono::milliseconds timeout = kDefaultCommandTimeout) = 0;
};

}  // namespace imapi::device
