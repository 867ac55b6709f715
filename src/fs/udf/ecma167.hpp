// ECMA-167 / OSTA UDF field encodings shared by every UDF structure: the
// descriptor tag (checksum and CRC), timestamps, OSTA CS0 strings, entity
// identifiers and allocation descriptors. Pure functions over bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace imapi::fs::udf {

// ECMA-167 7.2.6: CRC-16 with polynomial x^16 + x^12 + x^5 + 1 (0x1021), initial value 0.
uint16_t crc_itu_t(std::span<const uint8_t> bytes);

// ECMA-167 7.2.1: fills the 16-byte tag at the start of `descriptor` (whose
// whole length is descriptor.size()): identifier, version, serial, location,
// CRC over the bytes after the tag, and the checksum of the tag itself.
void write_tag(std::span<uint8_t> descriptor, uint16_t identifier, uint16_t version, uint16_t serial,
               uint32_t location);
// The tag checksum (7.2.3): the sum of bytes 0-3 and 5-15, modulo 256.
uint8_t tag_checksum(std::span<const uint8_t, 16> tag);

// ECMA-167 1/7.3: 12 bytes; UTC ("local time" with offset 0), from nanoseconds since the epoch.
void write_timestamp(uint8_t* p, int64_t time_ns);

// OSTA CS0 (UDF 2.1.1): compression ID 8 when every character fits in 8 bits,
// else 16 (UTF-16 big-endian, surrogate pairs for characters above U+FFFF).
std::vector<uint8_t> encode_cs0(std::string_view utf8);
// The reverse, for readers: UTF-8 of CS0 bytes (compression ID 8 or 16; UDF
// 2.01's 254/255 mark deleted entries and decode the same way). std::nullopt
// for another ID, an odd 16-bit length or unpaired surrogates.
std::optional<std::string> decode_cs0(std::span<const uint8_t> cs0);
// A dstring field of `width` bytes (ECMA-167 1/7.2.12): CS0 bytes, zero padded,
// the last byte holding their length. Truncates at a character boundary.
void write_dstring(uint8_t* p, size_t width, std::string_view utf8);

// ECMA-167 1/7.4 entity identifier (32 bytes): flags, identifier, suffix.
void write_entity_id(uint8_t* p, std::string_view identifier, std::span<const uint8_t> suffix, uint8_t flags = 0);
// UDF 2.1.5.3: the domain/implementation suffix carrying the UDF revision (BCD, e.g. 0x0250).
std::vector<uint8_t> udf_revision_suffix(uint16_t revision);

// Allocation descriptors (ECMA-167 4/14.14).
void write_short_ad(uint8_t* p, uint32_t length, uint32_t position);
void write_long_ad(uint8_t* p, uint32_t length, uint32_t block, uint16_t partition);
void write_extent_ad(uint8_t* p, uint32_t length, uint32_t location);

}  // namespace imapi::fs::udf
