#include "device/emu/sr_ioctls.hpp"

#include <linux/cdrom.h>

#include <array>

#include "core/error.hpp"
#include "device/command_policy.hpp"
#include "mmc/capacity.hpp"
#include "mmc/commands.hpp"
#include "mmc/sector_size.hpp"
#include "mmc/status.hpp"

namespace imapi::device::emu {

CommandResult run_as_sr_driver(Transport& drive, std::span<const uint8_t> cdb, DataDirection direction,
                               std::span<uint8_t> buffer) {
  CommandRule rule = command_rule(cdb.empty() ? 0 : cdb[0]);
  rule.patience = std::chrono::milliseconds{0};
  return execute_with_rule(drive, cdb, direction, buffer, rule, [](std::chrono::milliseconds) {});
}

int cdrom_drive_status_of(const CommandResult& test_unit_ready) {
  const mmc::SenseMeaning m = interpret_result(test_unit_ready).meaning;
  if (m.recovery == mmc::Recovery::kRecovered) return CDS_DISC_OK;
  if (m.status == mmc::status::kMediaNoMedia) return CDS_NO_DISC;
  return CDS_DRIVE_NOT_READY;
}

int cdrom_drive_status(Transport& drive) {
  return cdrom_drive_status_of(run_as_sr_driver(drive, mmc::test_unit_ready().bytes()));
}

uint64_t capacity_bytes(Transport& drive) {
  std::array<uint8_t, 8> reply{};
  if (!run_as_sr_driver(drive, mmc::read_capacity().bytes(), DataDirection::kFromDevice, reply).good()) return 0;
  try {
    return mmc::parse_read_capacity(reply).blocks() * mmc::kDataSectorSize;
  } catch (const Error&) {
    return 0;
  }
}

}  // namespace imapi::device::emu
