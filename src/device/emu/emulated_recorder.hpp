// An emulated drive as a recorder. Exclusive access is an flock on
// `disc.owner` in the disc's directory (the holder's PID and client name
// written in it), so it is refused between two recorder objects of one
// process as between two processes, and dies with its holder like O_EXCL.
// No OS ever mounts an emulated disc, so AcquireExclusiveAccess's `force`
// (unmount first) has nothing to do and is ignored.
#pragma once

#include <string>

#include "core/unique_fd.hpp"
#include "device/emu/emulated_drive.hpp"
#include "device/recorder.hpp"

namespace imapi::device::emu {

class EmulatedRecorder final : public Recorder {
 public:
  EmulatedRecorder(std::string uri, int32_t number);

  const std::string& unique_id() const override { return uri_; }
  Transport& raw_transport() override { return drive_; }
  std::string volume_name() override { return drive_.config().image_path(); }
  std::vector<std::string> volume_paths() override { return {}; }  // never mounted by the OS
  int32_t legacy_device_number() override { return number_; }
  void acquire_exclusive(bool force, const std::string& client_name) override;
  void release_exclusive() override;
  std::string exclusive_owner() override;
  bool holds_exclusive() const override { return levels_ > 0; }
  // The emulator takes any buffer; its advertised limit is 64 KiB per command
  // (the same whether or not the buffer starts on a page), on a file-backed "bus".
  StorageAdapter storage_adapter() override {
    return {.max_transfer_bytes = 65536, .max_physical_pages = 17, .alignment_mask = 0,
            .bus = StorageBusType::kFileBackedVirtual};
  }

 private:
  std::string owner_path() const { return drive_.config().dir + "/disc.owner"; }

  std::string uri_;
  int32_t number_;
  EmulatedDrive drive_;
  UniqueFd owner_fd_;  // open and flock'ed while levels_ > 0
  int levels_ = 0;
};

}  // namespace imapi::device::emu
