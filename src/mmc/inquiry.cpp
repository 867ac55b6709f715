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

}  // namespace imapi::mmc
