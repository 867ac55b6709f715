#include "mmc/performance.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

namespace {
// Both types: an 8-byte header whose first 4 bytes count the bytes after them.
size_t descriptors_end(const ResponseReader& r, uint32_t& data_length, bool& complete) {
  r.require(0, 8, "performance header");
  data_length = r.be32(0);
  if (data_length < 4) r.fail(0, "performance data length " + std::to_string(data_length) + " is shorter than the header");
  size_t end = r.announced_end(0, 4, data_length);
  complete = end == size_t{4} + data_length;
  return end;
}
}  // namespace

WriteSpeeds parse_write_speeds(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "GET PERFORMANCE type 03h");
  WriteSpeeds w;
  size_t end = descriptors_end(r, w.data_length, w.complete);
  size_t at = 8;
  for (; at + 16 <= end; at += 16) {
    WriteSpeed d;
    d.write_rotation_control = r.bits(at, 3, 2);
    d.restore_drive_defaults = r.bit(at, 2);
    d.exact = r.bit(at, 1);
    d.mrw = r.bit(at, 0);
    d.end_lba = r.be32(at + 4);
    d.read_speed_kbps = r.be32(at + 8);
    d.write_speed_kbps = r.be32(at + 12);
    w.descriptors.push_back(d);
  }
  if (at != end) w.complete = false;
  return w;
}

Performance parse_performance(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "GET PERFORMANCE type 00h");
  Performance p;
  size_t end = descriptors_end(r, p.data_length, p.complete);
  p.write = r.bit(4, 1);
  p.except = r.bit(4, 0);
  if (p.except) return p;
  size_t at = 8;
  for (; at + 16 <= end; at += 16) p.descriptors.push_back({r.be32(at), r.be32(at + 4), r.be32(at + 8), r.be32(at + 12)});
  if (at != end) p.complete = false;
  return p;
}

std::vector<uint8_t> encode_write_speeds(const WriteSpeeds& w) {
  std::vector<uint8_t> b(8 + 16 * w.descriptors.size(), 0);
  put_be32(b.data(), static_cast<uint32_t>(b.size() - 4));
  for (size_t i = 0; i < w.descriptors.size(); ++i) {
    const WriteSpeed& s = w.descriptors[i];
    uint8_t* d = b.data() + 8 + 16 * i;
    d[0] = static_cast<uint8_t>((s.write_rotation_control & 3) << 3 | (s.restore_drive_defaults ? 4 : 0) |
                                (s.exact ? 2 : 0) | (s.mrw ? 1 : 0));
    put_be32(d + 4, s.end_lba);
    put_be32(d + 8, s.read_speed_kbps);
    put_be32(d + 12, s.write_speed_kbps);
  }
  return b;
}

std::vector<uint8_t> encode_performance(const Performance& p) {
  std::vector<uint8_t> b(8 + 16 * p.descriptors.size(), 0);
  put_be32(b.data(), static_cast<uint32_t>(b.size() - 4));
  b[4] = static_cast<uint8_t>((p.write ? 2 : 0) | (p.except ? 1 : 0));
  for (size_t i = 0; i < p.descriptors.size(); ++i) {
    uint8_t* d = b.data() + 8 + 16 * i;
    put_be32(d, p.descriptors[i].start_lba);
    put_be32(d + 4, p.descriptors[i].start_kbps);
    put_be32(d + 8, p.descriptors[i].end_lba);
    put_be32(d + 12, p.descriptors[i].end_kbps);
  }
  return b;
}

}  // namespace imapi::mmc
