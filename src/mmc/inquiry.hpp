// SPC-4 standard INQUIRY data.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace imapi::mmc {

inline constexpr uint8_t kPeripheralTypeCdDvd = 0x05;  // MMC devices

struct InquiryData {
  uint8_t peripheral_qualifier = 0;  // 0 = device connected
  uint8_t peripheral_type = 0;       // 05h for CD/DVD/BD drives
  bool removable = false;
  uint8_t version = 0;
  uint8_t response_data_format = 0;
  std::string vendor;    // bytes 8-15, trailing blanks removed
  std::string product;   // bytes 16-31
  std::string revision;  // bytes 32-35
};

// Needs the 36 bytes of the standard data (SPC: a device must return them).
InquiryData parse_inquiry(std::span<const uint8_t> bytes);

// The target side: 36 bytes of standard data (SPC-4), text fields space-padded.
std::vector<uint8_t> encode_inquiry(const InquiryData& d);

}  // namespace imapi::mmc
