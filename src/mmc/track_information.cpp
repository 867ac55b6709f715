#include "mmc/track_information.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

TrackInformation parse_track_information(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ TRACK INFORMATION");
  r.require(0, 28, "track information through the track size");
  TrackInformation t;
  t.length = r.be16(0);
  if (t.length < 26) r.fail(0, "track information length " + std::to_string(t.length) + " is shorter than 26");
  size_t end = r.announced_end(0, 2, t.length);
  t.track = r.u8(2);
  t.session = r.u8(3);
  t.damage = r.bit(5, 5);
  t.copy = r.bit(5, 4);
  t.track_mode = r.bits(5, 0, 4);
  t.reserved = r.bit(6, 7);
  t.blank = r.bit(6, 6);
  t.packet = r.bit(6, 5);
  t.fixed_packet = r.bit(6, 4);
  t.data_mode = r.bits(6, 0, 4);
  t.lra_valid = r.bit(7, 1);
  t.nwa_valid = r.bit(7, 0);
  t.start = r.be32(8);
  t.next_writable = r.be32(12);
  t.free_blocks = r.be32(16);
  t.packet_size = r.be32(20);
  t.size = r.be32(24);
  if (end >= 32) t.last_recorded = r.be32(28);
  if (end >= 34) {
    t.track = static_cast<uint16_t>(r.u8(32) << 8 | t.track);
    t.session = static_cast<uint16_t>(r.u8(33) << 8 | t.session);
  }
  if (end >= 40) t.read_compatibility_lba = r.be32(36);
  return t;
}

std::vector<uint8_t> encode_track_information(const TrackInformation& t) {
  std::vector<uint8_t> b(48, 0);
  put_be16(b.data(), 46);
  b[2] = static_cast<uint8_t>(t.track);
  b[3] = static_cast<uint8_t>(t.session);
  b[5] = static_cast<uint8_t>((t.damage ? 0x20 : 0) | (t.copy ? 0x10 : 0) | (t.track_mode & 0x0F));
  b[6] = static_cast<uint8_t>((t.reserved ? 0x80 : 0) | (t.blank ? 0x40 : 0) | (t.packet ? 0x20 : 0) |
                              (t.fixed_packet ? 0x10 : 0) | (t.data_mode & 0x0F));
  b[7] = static_cast<uint8_t>((t.lra_valid ? 0x02 : 0) | (t.nwa_valid ? 0x01 : 0));
  put_be32(b.data() + 8, t.start);
  put_be32(b.data() + 12, t.next_writable);
  put_be32(b.data() + 16, t.free_blocks);
  put_be32(b.data() + 20, t.packet_size);
  put_be32(b.data() + 24, t.size);
  put_be32(b.data() + 28, t.last_recorded.value_or(0));
  b[32] = static_cast<uint8_t>(t.track >> 8);
  b[33] = static_cast<uint8_t>(t.session >> 8);
  put_be32(b.data() + 36, t.read_compatibility_lba.value_or(0));
  return b;
}

}  // namespace imapi::mmc
