#include "mmc/inquiry.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

InquiryData parse_inquiry(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "INQUIRY");
  r.require(0, 36, "standard inquiry data");
  InquiryData d;
  d.peripheral_qualifier = r.bits(0, 5, 3);
  d.peripheral_type = r.bits(0, 0, 5);
  d.removable = r.bit(1, 7);
  d.version = r.u8(2);
  d.response_data_format = r.bits(3, 0, 4);
  d.vendor = ascii_field(r.slice(8, 8));
  d.product = ascii_field(r.slice(16, 16));
  d.revision = ascii_field(r.slice(32, 4));
  return d;
}

std::vector<uint8_t> encode_inquiry(const InquiryData& d) {
  std::vector<uint8_t> b(36, 0);
  b[0] = static_cast<uint8_t>((d.peripheral_qualifier & 7) << 5 | (d.peripheral_type & 0x1F));
  b[1] = d.removable ? 0x80 : 0;
  b[2] = d.version;
  b[3] = static_cast<uint8_t>(d.response_data_format & 0x0F);
  b[4] = 31;  // additional length: bytes 5-35
  auto text = [&](size_t at, size_t n, const std::string& s) {
    for (size_t i = 0; i < n; ++i) b[at + i] = i < s.size() ? static_cast<uint8_t>(s[i]) : ' ';
  };
  text(8, 8, d.vendor);
  text(16, 16, d.product);
  text(32, 4, d.revision);
  return b;
}

}  // namespace imapi::mmc
