// One optical recorder as IDiscRecorder2 sees it: a transport for its MMC
// commands plus what the operating system knows about the drive (its names,
// mount points, exclusive access). A real drive (Linux SG_IO) and an emulated
// one (emu: URI) are the two kinds; everything MMC-level is in drive_queries.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "device/command_policy.hpp"
#include "device/storage_descriptors.hpp"
#include "device/transport.hpp"

namespace imapi::device {

class Recorder {
 public:
  Recorder() : managed_([this]() -> Transport& { return raw_transport(); }) {}
  Recorder(const Recorder&) = delete;
  Recorder& operator=(const Recorder&) = delete;
  virtual ~Recorder() = default;
  // IDiscRecorder2::ActiveDiscRecorder: the ID the recorder was opened with.
  virtual const std::string& unique_id() const = 0;
  // The engine's commands: each with command_rule(opcode)'s timeout, re-issued
  // while the drive is busy and through unit attentions as the rule allows
  // (command_policy.hpp).
  Transport& transport() { return managed_; }
  ManagedTransport& managed_transport() { return managed_; }
  // The drive as it is: pass-through commands (SendCommand*), which keep the
  // caller's timeout and get every sense back, retried or not by the caller.
  virtual Transport& raw_transport() = 0;
  // VolumeName: the OS name of the drive (/dev/srN; an emulated drive's data image).
  virtual std::string volume_name() = 0;
  // VolumePathNames: where the medium is mounted.
  virtual std::vector<std::string> volume_paths() = 0;
  // LegacyDeviceNumber: N of /dev/srN (an emulated drive: its place in the process's emulated list).
  virtual int32_t legacy_device_number() = 0;
  // AcquireExclusiveAccess / ReleaseExclusiveAccess: counted levels, held by this object.
  // E_IMAPI_RECORDER_LOCKED (naming the holder) when someone else holds the drive.
  // A mounted medium is unmounted first with `force`, else E_IMAPI_RECORDER_LOCKED naming the mount point.
  virtual void acquire_exclusive(bool force, const std::string& client_name) = 0;
  virtual void release_exclusive() = 0;
  // ExclusiveAccessOwner: the holder's client name, "" when nobody holds the drive.
  virtual std::string exclusive_owner() = 0;
  // This object holds at least one level of exclusive access.
  virtual bool holds_exclusive() const = 0;
  // Before anything that changes the drive or its medium (eject, load, mode
  // select, SEND DISC STRUCTURE, a state-changing pass-through command, a
  // write): E_IMAPI_RECORDER_LOCKED naming the holder when another recorder
  // object or process holds the drive exclusively. `operation` names what was refused.
  void require_access(std::string_view operation);
  // GetAdapterDescriptor, and the one source of GetByteAlignmentMask and
  // GetMaximum(Non)PageAlignedTransferSize: what the drive's connection allows.
  virtual StorageAdapter storage_adapter() = 0;
  // GetDeviceDescriptor's RemovableMedia as the OS sees it; nullopt: INQUIRY's RMB bit decides.
  virtual std::optional<bool> removable_media() { return std::nullopt; }

 private:
  ManagedTransport managed_;
};

// IMAPI's rule for client names, as the Linux owner registry stores them:
// 1-64 characters of letters, digits, space, '.', '_' or '-'.
// Throws E_IMAPI_RECORDER_CLIENT_NAME_IS_NOT_VALID otherwise.
void check_client_name(const std::string& name);

}  // namespace imapi::device
