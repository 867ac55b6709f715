// An emulated MMC recorder: a Transport whose target is a disc kept in files
// in the directory its URI names: disc.img with the user data, and the
// tracks, sessions and drive state in a StateStore (state_store.hpp). Every
// command runs under the drive's exclusive lock on the state in force, so any
// number of processes and threads can drive the same disc, as with one
// physical drive.
#pragma once

#include <memory>
#include <string>

#include "core/unique_fd.hpp"
#include "device/emu/drive_state.hpp"
#include "device/emu/drive_uri.hpp"
#include "device/emu/state_store.hpp"
#include "device/transport.hpp"

namespace imapi::device::emu {

class EmulatedDrive final : public Transport {
 public:
  // Inserts a blank disc of config.media when the directory holds none yet.
  // Read-only media take their content from an existing disc.img.
  explicit EmulatedDrive(DriveConfig config);
  EmulatedDrive(EmulatedDrive&&) noexcept;
  ~EmulatedDrive() override;
  static EmulatedDrive open_uri(std::string_view uri) { return EmulatedDrive(parse_drive_uri(uri)); }

  CommandResult execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                        std::chrono::milliseconds timeout = kDefaultCommandTimeout) override;

  const DriveConfig& config() const { return config_; }
  // The persisted state as the next command will see it.
  EmuState snapshot() const;
  // The fd of the data image (the LD_PRELOAD shim hands the same file to clients).
  int image_fd() const { return image_.get(); }

 private:
  DriveConfig config_;
  UniqueFd image_;
  std::unique_ptr<StateStore> store_;
};

// The CDB length an opcode's group code implies (SPC-4), 0 for vendor-specific groups.
size_t cdb_length_for(uint8_t opcode);

}  // namespace imapi::device::emu
