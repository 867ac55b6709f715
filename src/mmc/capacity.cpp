#include "mmc/capacity.hpp"

#include "mmc/bytes.hpp"

namespace imapi::mmc {

Capacity parse_read_capacity(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ CAPACITY");
  r.require(0, 8, "capacity data");
  return {r.be32(0), r.be32(4)};
}

FormatCapacities parse_format_capacities(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ FORMAT CAPACITIES");
  r.require(0, 12, "capacity list header and current/maximum capacity descriptor");
  FormatCapacities f;
  f.list_length = r.u8(3);
  if (f.list_length < 8) r.fail(3, "capacity list length " + std::to_string(f.list_length) + " holds no descriptor");
  f.current_blocks = r.be32(4);
  f.current_type = static_cast<CapacityDescriptorType>(r.bits(8, 0, 2));
  f.current_block_length = r.be24(9);
  size_t end = r.announced_end(3, 1, f.list_length);
  f.complete = end == size_t{4} + f.list_length && f.list_length % 8 == 0;
  size_t at = 12;
  for (; at + 8 <= end; at += 8) f.formattable.push_back({r.be32(at), r.bits(at + 4, 2, 6), r.be24(at + 5)});
  return f;
}

BufferCapacity parse_buffer_capacity(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, "READ BUFFER CAPACITY");
  r.require(0, 12, "buffer capacity data");
  BufferCapacity b{r.be32(4), r.be32(8)};
  if (b.blank > b.size) r.fail(8, "blank length exceeds the buffer length");
  return b;
}

std::vector<uint8_t> encode_read_capacity(const Capacity& c) {
  std::vector<uint8_t> b(8, 0);
  put_be32(b.data(), c.last_lba);
  put_be32(b.data() + 4, c.block_length);
  return b;
}

std::vector<uint8_t> encode_format_capacities(const FormatCapacities& f) {
  std::vector<uint8_t> b(12 + 8 * f.formattable.size(), 0);
  b[3] = static_cast<uint8_t>(b.size() - 4);
  put_be32(b.data() + 4, f.current_blocks);
  b[8] = static_cast<uint8_t>(static_cast<uint8_t>(f.current_type) & 3);
  put_be24(b.data() + 9, f.current_block_length);
  for (size_t i = 0; i < f.formattable.size(); ++i) {
    uint8_t* d = b.data() + 12 + 8 * i;
    put_be32(d, f.formattable[i].blocks);
    d[4] = static_cast<uint8_t>((f.formattable[i].format_type & 0x3F) << 2);
    put_be24(d + 5, f.formattable[i].type_parameter);
  }
  return b;
}

std::vector<uint8_t> encode_buffer_capacity(const BufferCapacity& c) {
  std::vector<uint8_t> b(12, 0);
  put_be16(b.data(), 10);
  put_be32(b.data() + 4, c.size);
  put_be32(b.data() + 8, c.blank);
  return b;
}

}  // namespace imapi::mmc
