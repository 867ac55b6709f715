#include "mmc/configuration.hpp"

#include <algorithm>

#include "mmc/bytes.hpp"

namespace imapi::mmc {

const FeatureDescriptor* Configuration::find(uint16_t code) const {
  for (const auto& f : features)
    if (f.code == code) return &f;
  return nullptr;
}

Configuration parse_configuration(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "GET CONFIGURATION");
  r.require(0, 8, "feature header");
  Configuration c;
  c.data_length = r.be32(0);
  c.current_profile = r.be16(6);
  if (c.data_length < 4) r.fail(0, "data length " + std::to_string(c.data_length) + " is shorter than the feature header");
  size_t end = r.announced_end(0, 4, c.data_length);
  c.complete = end == size_t{4} + c.data_length;
  size_t at = 8;
  while (at + 4 <= end) {
    size_t len = size_t{4} + r.u8(at + 3);
    if (at + len > end) {  // cut off by the allocation length
      c.complete = false;
      break;
    }
    FeatureDescriptor f;
    f.code = r.be16(at);
    f.version = r.bits(at + 2, 2, 4);
    f.persistent = r.bit(at + 2, 1);
    f.current = r.bit(at + 2, 0);
    auto data = r.slice(at + 4, len - 4);
    f.data.assign(data.begin(), data.end());
    c.features.push_back(std::move(f));
    at += len;
  }
  if (at < end) c.complete = false;
  return c;
}

std::vector<ProfileDescriptor> parse_profile_list(const FeatureDescriptor& profile_list) {
  ResponseReader r(profile_list.data, "GET CONFIGURATION (profile list feature)");
  std::vector<ProfileDescriptor> out;
  for (size_t at = 0; at + 4 <= r.size(); at += 4) out.push_back({r.be16(at), r.bit(at + 2, 0)});
  return out;
}

std::vector<uint8_t> encode_configuration(uint16_t current_profile, const std::vector<FeatureDescriptor>& features) {
  std::vector<uint8_t> b(8, 0);
  put_be16(b.data() + 6, current_profile);
  for (const auto& f : features) {
    size_t at = b.size();
    b.resize(at + 4 + f.data.size(), 0);
    put_be16(b.data() + at, f.code);
    b[at + 2] = static_cast<uint8_t>((f.version & 0x0F) << 2 | (f.persistent ? 2 : 0) | (f.current ? 1 : 0));
    b[at + 3] = static_cast<uint8_t>(f.data.size());
    std::copy(f.data.begin(), f.data.end(), b.begin() + static_cast<std::ptrdiff_t>(at + 4));
  }
  put_be32(b.data(), static_cast<uint32_t>(b.size() - 4));
  return b;
}

std::vector<uint8_t> encode_profile_list(const std::vector<ProfileDescriptor>& profiles) {
  std::vector<uint8_t> b(4 * profiles.size(), 0);
  for (size_t i = 0; i < profiles.size(); ++i) {
    put_be16(b.data() + 4 * i, profiles[i].profile);
    b[4 * i + 2] = profiles[i].current ? 1 : 0;
  }
  return b;
}

}  // namespace imapi::mmc
