// MMC-6 GET CONFIGURATION reply: feature header and feature descriptors, and
// the Profile List feature (0000h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace imapi::mmc {

struct FeatureDescriptor {
  uint16_t code = 0;
  uint8_t version = 0;
  bool persistent = false;
  bool current = false;
  std::vector<uint8_t> data;  // the feature-dependent bytes after the 4-byte descriptor header
};

struct Configuration {
  uint32_t data_length = 0;     // as the drive reported it (bytes after the length field)
  uint16_t current_profile = 0; // 0 = no medium / no current profile
  std::vector<FeatureDescriptor> features;
  // False when the drive has more data than arrived (allocation length too
  // small): re-issue with an allocation length of data_length + 4.
  bool complete = true;

  const FeatureDescriptor* find(uint16_t code) const;
};

Configuration parse_configuration(std::span<const uint8_t> bytes);

struct ProfileDescriptor {
  uint16_t profile = 0;
  bool current = false;
};

// The profile descriptors of a Profile List feature's data (4 bytes each; a
// trailing partial descriptor is ignored).
std::vector<ProfileDescriptor> parse_profile_list(const FeatureDescriptor& profile_list);

// The target side: feature header (data length computed) and descriptors in the given order.
std::vector<uint8_t> encode_configuration(uint16_t current_profile, const std::vector<FeatureDescriptor>& features);
// The data of a Profile List feature.
std::vector<uint8_t> encode_profile_list(const std::vector<ProfileDescriptor>& profiles);

}  // namespace imapi::mmc
