#include "device/storage_descriptors.hpp"

#include <algorithm>
#include <cstring>

#include "core/error.hpp"
#include "device/drive_queries.hpp"
#include "device/recorder.hpp"
#include "mmc/commands.hpp"
#include "mmc/status.hpp"

namespace imapi::device {

namespace {

void put_le32(std::vector<uint8_t>& b, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) b[at + static_cast<size_t>(i)] = static_cast<uint8_t>(v >> (8 * i));
}

void put_le16(std::vector<uint8_t>& b, size_t at, uint16_t v) {
  b[at] = static_cast<uint8_t>(v);
  b[at + 1] = static_cast<uint8_t>(v >> 8);
}

// A fixed INQUIRY text field as the drive sent it (space padded), up to its first NUL.
std::string_view inquiry_field(const std::vector<uint8_t>& inquiry, size_t at, size_t length) {
  std::string_view s(reinterpret_cast<const char*>(inquiry.data()) + at, length);
  return s.substr(0, s.find('\0'));
}

// Optional data: a drive that answers VPD requests with CHECK CONDITION (or
// an unusable reply) simply has none.
std::vector<uint8_t> vpd_page(Transport& t, uint8_t page) {
  try {
    std::vector<uint8_t> buf(255, 0);
    buf.resize(run_command(t, mmc::inquiry(255, true, page), DataDirection::kFromDevice, buf, "INQUIRY (VPD)"));
    if (buf.size() < 4 || buf[1] != page) return {};
    buf.resize(std::min<size_t>(buf.size(), 4 + size_t{buf[3]}));
    return buf;
  } catch (const Error&) {
    return {};
  }
}

}  // namespace

uint32_t max_page_aligned_transfer(const StorageAdapter& a) {
  const uint64_t pages = uint64_t{a.max_physical_pages} * kPageSize;
  return static_cast<uint32_t>(std::min<uint64_t>({a.max_transfer_bytes, pages, 0x7FFFFFFF}));
}

uint32_t max_non_page_aligned_transfer(const StorageAdapter& a) {
  const uint64_t pages = uint64_t{a.max_physical_pages > 0 ? a.max_physical_pages - 1 : 0} * kPageSize;
  return static_cast<uint32_t>(std::min<uint64_t>({a.max_transfer_bytes, pages, 0x7FFFFFFF}));
}

uint32_t max_transfer_for(const StorageAdapter& a, const void* address) {
  return reinterpret_cast<uintptr_t>(address) % kPageSize == 0 ? max_page_aligned_transfer(a)
                                                                : max_non_page_aligned_transfer(a);
}

StorageDevice query_storage_device(Transport& t) {
  StorageDevice d;
  std::vector<uint8_t> buf(96, 0);
  buf.resize(run_command(t, mmc::inquiry(96), DataDirection::kFromDevice, buf, "INQUIRY"));
  if (buf.size() < 36)
    throw Error(mmc::status::kInvalidResponseFromDevice,
                "INQUIRY: the drive's reply is too short (" + std::to_string(buf.size()) + " bytes, 36 needed)");
  // The standard data's own length (ADDITIONAL LENGTH + 5), never less than the 36 bytes SPC requires.
  buf.resize(std::clamp<size_t>(size_t{buf[4]} + 5, 36, buf.size()));
  d.inquiry = std::move(buf);
  const auto pages = vpd_page(t, 0x00);
  if (pages.size() > 4 && std::find(pages.begin() + 4, pages.end(), 0x80) != pages.end()) {
    const auto serial = vpd_page(t, 0x80);
    if (serial.size() > 4) d.serial = std::string(serial.begin() + 4, std::find(serial.begin() + 4, serial.end(), 0));
    if (d.serial.find_first_not_of(' ') == std::string::npos) d.serial.clear();  // blanks: no serial number
  }
  return d;
}

std::vector<uint8_t> encode_adapter_descriptor(const StorageAdapter& a) {
  // STORAGE_ADAPTER_DESCRIPTOR: Version, Size (DWORD), MaximumTransferLength,
  // MaximumPhysicalPages, AlignmentMask (DWORD), AdapterUsesPio, AdapterScansDown,
  // CommandQueueing, AcceleratedTransfer (BOOLEAN), BusType (BYTE), pad,
  // BusMajorVersion, BusMinorVersion (WORD), SrbType, AddressType (BYTE).
  std::vector<uint8_t> b(32, 0);
  put_le32(b, 0, 32);
  put_le32(b, 4, 32);
  put_le32(b, 8, a.max_transfer_bytes);
  put_le32(b, 12, a.max_physical_pages);
  put_le32(b, 16, a.alignment_mask);
  b[22] = a.command_queueing ? 1 : 0;
  b[24] = static_cast<uint8_t>(a.bus);
  put_le16(b, 26, 0);  // bus version: not known on Linux
  put_le16(b, 28, 0);
  // SrbType 0 = SRB_TYPE_SCSI_REQUEST_BLOCK, AddressType 0 = STORAGE_ADDRESS_TYPE_BTL8.
  return b;
}

std::vector<uint8_t> encode_device_descriptor(const StorageDevice& d) {
  if (d.inquiry.size() < 36)
    throw Error(mmc::status::kInvalidResponseFromDevice, "the INQUIRY data is shorter than 36 bytes");
  // STORAGE_DEVICE_DESCRIPTOR: Version, Size (DWORD), DeviceType, DeviceTypeModifier,
  // RemovableMedia, CommandQueueing (BYTE), VendorIdOffset, ProductIdOffset,
  // ProductRevisionOffset, SerialNumberOffset (DWORD), BusType (STORAGE_BUS_TYPE,
  // 4 bytes), RawPropertiesLength (DWORD), RawDeviceProperties[] at 36, then the strings.
  constexpr size_t kHeader = 36;
  const auto& q = d.inquiry;
  const std::string_view strings[] = {inquiry_field(q, 8, 8), inquiry_field(q, 16, 16), inquiry_field(q, 32, 4),
                                      d.serial};
  const size_t count = d.serial.empty() ? 3 : 4;  // without a serial number, SerialNumberOffset stays 0
  size_t total = kHeader + q.size();
  for (size_t i = 0; i < count; ++i) total += strings[i].size() + 1;
  std::vector<uint8_t> b(total, 0);
  put_le32(b, 0, 40);  // sizeof(STORAGE_DEVICE_DESCRIPTOR): the header with one raw byte, padded
  put_le32(b, 4, static_cast<uint32_t>(total));
  b[8] = q[0] & 0x1F;                                        // peripheral device type (05h: MMC)
  b[9] = q[1] & 0x7F;                                        // device type modifier (SCSI-2; 0 on modern drives)
  b[10] = d.removable.value_or((q[1] & 0x80) != 0) ? 1 : 0;  // RMB
  b[11] = (q[7] & 0x02) ? 1 : 0;                             // CMDQUE
  put_le32(b, 28, static_cast<uint32_t>(d.bus));
  put_le32(b, 32, static_cast<uint32_t>(q.size()));
  std::memcpy(b.data() + kHeader, q.data(), q.size());
  size_t at = kHeader + q.size();
  for (size_t i = 0; i < count; ++i) {
    put_le32(b, 12 + 4 * i, static_cast<uint32_t>(at));
    std::memcpy(b.data() + at, strings[i].data(), strings[i].size());
    at += strings[i].size() + 1;  // the NUL is already there
  }
  return b;
}

std::vector<uint8_t> adapter_descriptor(Recorder& r) { return encode_adapter_descriptor(r.storage_adapter()); }

std::vector<uint8_t> device_descriptor(Recorder& r) {
  auto d = query_storage_device(r.transport());
  d.removable = r.removable_media();
  d.bus = r.storage_adapter().bus;
  return encode_device_descriptor(d);
}

}  // namespace imapi::device
