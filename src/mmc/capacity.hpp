// Replies about sizes: READ CAPACITY, READ FORMAT CAPACITIES, READ BUFFER CAPACITY.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace imapi::mmc {

struct Capacity {
  uint32_t last_lba = 0;      // last readable/recorded block
  uint32_t block_length = 0;  // bytes per block (2048 on CD/DVD/BD data media)
  uint64_t blocks() const { return uint64_t{last_lba} + 1; }
};
Capacity parse_read_capacity(std::span<const uint8_t> bytes);

enum class CapacityDescriptorType : uint8_t { kReserved = 0, kUnformatted = 1, kFormatted = 2, kNoMedia = 3 };

struct FormattableCapacity {
  uint32_t blocks = 0;
  uint8_t format_type = 0;         // byte 4 bits 7-2 (00h full, 13h DVD-RW quick grow, 26h DVD+RW, 30h-32h BD)
  uint32_t type_parameter = 0;     // bytes 5-7 (block length or format-dependent)
};

struct FormatCapacities {
  uint8_t list_length = 0;  // capacity list length as reported
  // Current/maximum capacity descriptor.
  uint32_t current_blocks = 0;
  CapacityDescriptorType current_type = CapacityDescriptorType::kReserved;
  uint32_t current_block_length = 0;
  std::vector<FormattableCapacity> formattable;
  bool complete = true;
};
// Needs the 4-byte header and the current/maximum descriptor.
FormatCapacities parse_format_capacities(std::span<const uint8_t> bytes);

struct BufferCapacity {
  uint32_t size = 0;   // length of buffer, bytes
  uint32_t blank = 0;  // blank (free) length of buffer, bytes
};
// The Block=0 form (byte counts).
BufferCapacity parse_buffer_capacity(std::span<const uint8_t> bytes);

// The target side.
std::vector<uint8_t> encode_read_capacity(const Capacity& c);
// The list length is computed from the descriptors (always a multiple of 8).
std::vector<uint8_t> encode_format_capacities(const FormatCapacities& f);
std::vector<uint8_t> encode_buffer_capacity(const BufferCapacity& b);

}  // namespace imapi::mmc
