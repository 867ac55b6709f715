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

}  // namespace imapi::mmc
