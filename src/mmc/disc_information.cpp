#include "mmc/disc_information.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

DiscInformation parse_disc_information(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ DISC INFORMATION");
  r.require(0, 24, "standard disc information through the last possible lead-out");
  DiscInformation d;
  d.length = r.be16(0);
  if (d.length < 22) r.fail(0, "disc information length " + std::to_string(d.length) + " is shorter than the standard data (22)");
  if (r.bits(2, 5, 3) != 0) r.fail(2, "disc information data type is not 000b (standard)");
  d.erasable = r.bit(2, 4);
  d.last_session_state = static_cast<SessionState>(r.bits(2, 2, 2));
  d.disc_status = static_cast<DiscStatus>(r.bits(2, 0, 2));
  d.first_track = r.u8(3);
  d.sessions = static_cast<uint16_t>(r.u8(9) << 8 | r.u8(4));
  d.first_track_last_session = static_cast<uint16_t>(r.u8(10) << 8 | r.u8(5));
  d.last_track_last_session = static_cast<uint16_t>(r.u8(11) << 8 | r.u8(6));
  d.disc_id_valid = r.bit(7, 7);
  d.bar_code_valid = r.bit(7, 6);
  d.unrestricted_use = r.bit(7, 5);
  d.application_code_valid = r.bit(7, 4);
  d.background_format_status = r.bits(7, 0, 2);
  d.disc_type = r.u8(8);
  d.disc_identification = r.be32(12);
  d.last_session_lead_in = r.be32(16);
  d.last_possible_lead_out = r.be32(20);
  if (r.announced_end(0, 2, d.length) > 32) d.application_code = r.u8(32);
  return d;
}

std::vector<uint8_t> encode_disc_information(const DiscInformation& d) {
  std::vector<uint8_t> b(34, 0);
  put_be16(b.data(), 32);
  b[2] = static_cast<uint8_t>((d.erasable ? 0x10 : 0) | (static_cast<uint8_t>(d.last_session_state) & 3) << 2 |
                              (static_cast<uint8_t>(d.disc_status) & 3));
  b[3] = d.first_track;
  b[4] = static_cast<uint8_t>(d.sessions);
  b[5] = static_cast<uint8_t>(d.first_track_last_session);
  b[6] = static_cast<uint8_t>(d.last_track_last_session);
  b[7] = static_cast<uint8_t>((d.disc_id_valid ? 0x80 : 0) | (d.bar_code_valid ? 0x40 : 0) |
                              (d.unrestricted_use ? 0x20 : 0) | (d.application_code_valid ? 0x10 : 0) |
                              (d.background_format_status & 3));
  b[8] = d.disc_type;
  b[9] = static_cast<uint8_t>(d.sessions >> 8);
  b[10] = static_cast<uint8_t>(d.first_track_last_session >> 8);
  b[11] = static_cast<uint8_t>(d.last_track_last_session >> 8);
  put_be32(b.data() + 12, d.disc_identification);
  put_be32(b.data() + 16, d.last_session_lead_in);
  put_be32(b.data() + 20, d.last_possible_lead_out);
  if (d.application_code) b[32] = *d.application_code;
  return b;
}

}  // namespace imapi::mmc
