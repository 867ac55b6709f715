#include "mmc/bytes.hpp"

#include "core/error.hpp"
#include "mmc/status.hpp"

namespace imapi::mmc {

void ResponseReader::fail(size_t offset, std::string_view problem) const {
  std::string message(command_);
  message += " response: ";
  message += problem;
  message += " at byte offset ";
  message += std::to_string(offset);
  message += " (the drive returned ";
  message += std::to_string(bytes_.size());
  message += " bytes; the reply is short or malformed: retry, or try another drive)";
  throw Error(status::kInvalidResponseFromDevice, std::move(message));
}

void ResponseReader::require(size_t offset, size_t n, std::string_view field) const {
  if (offset > bytes_.size() || n > bytes_.size() - offset) {
    std::string problem(field);
    problem += " (";
    problem += std::to_string(n);
    problem += " bytes) missing";
    fail(offset, problem);
  }
}

uint8_t ResponseReader::u8(size_t offset) const {
  require(offset, 1, "field");
  return bytes_[offset];
}
uint16_t ResponseReader::be16(size_t offset) const {
  require(offset, 2, "field");
  return static_cast<uint16_t>(bytes_[offset] << 8 | bytes_[offset + 1]);
}
uint32_t ResponseReader::be24(size_t offset) const {
  require(offset, 3, "field");
  return uint32_t{bytes_[offset]} << 16 | uint32_t{bytes_[offset + 1]} << 8 | bytes_[offset + 2];
}
uint32_t ResponseReader::be32(size_t offset) const {
  require(offset, 4, "field");
  return uint32_t{bytes_[offset]} << 24 | uint32_t{bytes_[offset + 1]} << 16 |
         uint32_t{bytes_[offset + 2]} << 8 | bytes_[offset + 3];
}
std::span<const uint8_t> ResponseReader::slice(size_t offset, size_t n) const {
  require(offset, n, "field");
  return bytes_.subspan(offset, n);
}

size_t ResponseReader::announced_end(size_t offset, size_t width, uint32_t value) const {
  uint64_t end = uint64_t{offset} + width + value;
  return end < bytes_.size() ? static_cast<size_t>(end) : bytes_.size();
}

std::string ascii_field(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (uint8_t b : bytes) out.push_back(b >= 0x20 && b < 0x7F ? static_cast<char>(b) : (b == 0 ? ' ' : '?'));
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace imapi::mmc
