// IDiscRecorder2Ex::GetAdapterDescriptor / GetDeviceDescriptor. On Windows
// these are the STORAGE_ADAPTER_DESCRIPTOR and STORAGE_DEVICE_DESCRIPTOR that
// IOCTL_STORAGE_QUERY_PROPERTY returns; libimapi builds the same byte layouts
// (little-endian, Windows' offsets and sizes) from what Linux knows, so code
// ported from Windows parses them unchanged. The layouts are spelled out in
// include/imapi_c.h (imapi_recorder_get_adapter_descriptor).
//
// The adapter's limits are also the one source of GetByteAlignmentMask and
// GetMaximum(Non)PageAlignedTransferSize.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "device/transport.hpp"

namespace imapi::device {

class Recorder;

// STORAGE_BUS_TYPE (winioctl.h).
enum class StorageBusType : uint8_t {
  kUnknown = 0x00,
  kScsi = 0x01,
  kAtapi = 0x02,
  kAta = 0x03,
  k1394 = 0x04,
  kSsa = 0x05,
  kFibre = 0x06,
  kUsb = 0x07,
  kRaid = 0x08,
  kIscsi = 0x09,
  kSas = 0x0A,
  kSata = 0x0B,
  kSd = 0x0C,
  kMmc = 0x0D,
  kVirtual = 0x0E,
  kFileBackedVirtual = 0x0F,
};

inline constexpr uint32_t kPageSize = 4096;  // what "page aligned" means in IMAPI's transfer sizes

// What a recorder's connection allows: STORAGE_ADAPTER_DESCRIPTOR's fields.
// The defaults are the conservative limits of a transport that reports none.
struct StorageAdapter {
  uint32_t max_transfer_bytes = 65536;  // MaximumTransferLength: bytes in one command
  uint32_t max_physical_pages = 17;     // MaximumPhysicalPages: memory pages one command may touch
  uint32_t alignment_mask = 0;          // AlignmentMask: buffer address bits that should be 0
  bool command_queueing = false;        // CommandQueueing
  StorageBusType bus = StorageBusType::kUnknown;
};

// GetMaximumPageAlignedTransferSize: a buffer starting on a page boundary
// touches at most max_physical_pages pages; a buffer that does not may touch
// one page more than its length suggests, so it gets one page less.
uint32_t max_page_aligned_transfer(const StorageAdapter& a);
uint32_t max_non_page_aligned_transfer(const StorageAdapter& a);
// The limit that applies to a buffer at `address` (either of the two above).
uint32_t max_transfer_for(const StorageAdapter& a, const void* address);

// What GetDeviceDescriptor is made of.
struct StorageDevice {
  std::vector<uint8_t> inquiry;  // standard INQUIRY data, as the drive returned it (at least 36 bytes)
  std::string serial;            // VPD page 80h's product serial number; "" when the drive has none
  std::optional<bool> removable; // what the OS says; unset: INQUIRY's RMB bit
  StorageBusType bus = StorageBusType::kUnknown;
};

// Asks the drive: standard INQUIRY, then VPD page 00h and, when it lists 80h,
// the serial number page (a drive that refuses VPD simply has no serial).
StorageDevice query_storage_device(Transport& t);

// The Windows byte layouts (sizes: 32 bytes; 36 + INQUIRY length + the strings).
std::vector<uint8_t> encode_adapter_descriptor(const StorageAdapter& a);
std::vector<uint8_t> encode_device_descriptor(const StorageDevice& d);

// STORAGE_ADAPTER_DESCRIPTOR / STORAGE_DEVICE_DESCRIPTOR of a recorder.
std::vector<uint8_t> adapter_descriptor(Recorder& r);
std::vector<uint8_t> device_descriptor(Recorder& r);

}  // namespace imapi::device
