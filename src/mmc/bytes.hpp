// Big-endian field access for CDBs and responses. MMC/SPC are big-endian
// throughout; every read of a device's reply goes through ResponseReader so a
// short or malformed reply becomes an imapi::Error, never an out-of-bounds read.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace imapi::mmc {

inline void put_be16(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
inline void put_be24(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 16);
  p[1] = static_cast<uint8_t>(v >> 8);
  p[2] = static_cast<uint8_t>(v);
}
inline void put_be32(uint8_t* p, uint32_t v) {
  p[0] = static_cast<uint8_t>(v >> 24);
  p[1] = static_cast<uint8_t>(v >> 16);
  p[2] = static_cast<uint8_t>(v >> 8);
  p[3] = static_cast<uint8_t>(v);
}

// A device reply being parsed. Offsets are relative to the start of the reply,
// so error messages point at the byte a reader of the MMC tables looks for.
//
// Length fields: MMC replies say how much data the drive *has*, which exceeds
// what arrived when the caller's allocation length was smaller. Parsers clamp
// such fields to the bytes received (`limit`) and report `complete = false`
// instead of failing, so a caller can re-issue with a larger buffer. Fixed
// fields the parser needs must be present, or parsing fails.
class ResponseReader {
 public:
  ResponseReader(std::span<const uint8_t> bytes, std::string_view command)
      : bytes_(bytes), command_(command) {}

  size_t size() const { return bytes_.size(); }
  std::string_view command() const { return command_; }

  // Fails unless bytes [offset, offset + n) are present.
  void require(size_t offset, size_t n, std::string_view field) const;
  [[noreturn]] void fail(size_t offset, std::string_view problem) const;

  uint8_t u8(size_t offset) const;
  uint16_t be16(size_t offset) const;
  uint32_t be24(size_t offset) const;
  uint32_t be32(size_t offset) const;
  std::span<const uint8_t> slice(size_t offset, size_t n) const;

  // Bit field `width` bits wide whose lowest bit is `shift`.
  uint8_t bits(size_t offset, int shift, int width) const {
    return static_cast<uint8_t>((u8(offset) >> shift) & ((1u << width) - 1));
  }
  bool bit(size_t offset, int shift) const { return ((u8(offset) >> shift) & 1u) != 0; }

  // End of the data a length field at `offset` of `width` bytes announces:
  // offset + width + value, clamped to the bytes received.
  size_t announced_end(size_t offset, size_t width, uint32_t value) const;

 private:
  std::span<const uint8_t> bytes_;
  std::string_view command_;
};

// SCSI ASCII text field (INQUIRY identification): trailing spaces and NULs
// dropped, anything outside printable ASCII replaced by '?' so the result is
// always valid UTF-8.
std::string ascii_field(std::span<const uint8_t> bytes);

}  // namespace imapi::mmc
