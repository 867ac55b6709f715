#include "device/emu/drive_uri.hpp"

#include <charconv>
#include <limits>

#include "core/error.hpp"

namespace imapi::device::emu {

namespace {

[[noreturn]] void bad(std::string_view uri, const std::string& why) {
  fail(IMAPI_E_INVALIDARG, "emulated drive URI '" + std::string(uri) + "': " + why);
}

uint64_t number(std::string_view uri, std::string_view key, std::string_view text, bool allow_suffix) {
  uint64_t multiplier = 1;
  if (allow_suffix && !text.empty()) {
    char c = text.back();
    if (c == 'K' || c == 'k') multiplier = 1024;
    if (c == 'M' || c == 'm') multiplier = 1024 * 1024;
    if (multiplier != 1) text.remove_suffix(1);
  }
  uint64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty())
    bad(uri, "parameter '" + std::string(key) + "' needs a number, not '" + std::string(text) + "'");
  if (v > std::numeric_limits<uint32_t>::max() / multiplier)
    bad(uri, "parameter '" + std::string(key) + "' is too large");
  return v * multiplier;
}

uint32_t u32(std::string_view uri, std::string_view key, std::string_view text, bool suffix = false) {
  return static_cast<uint32_t>(number(uri, key, text, suffix));
}

// Speed as "16" or "2.4" times 1x, kept in tenths.
uint32_t speed_tenths(std::string_view uri, std::string_view text) {
  auto dot = text.find('.');
  if (dot == std::string_view::npos) return u32(uri, "speed", text) * 10;
  std::string_view frac = text.substr(dot + 1);
  if (frac.size() != 1) bad(uri, "speed takes at most one decimal");
  return u32(uri, "speed", text.substr(0, dot)) * 10 + u32(uri, "speed", frac);
}

bool flag(std::string_view uri, std::string_view key, std::string_view text) {
  if (text == "1" || text == "on" || text == "true") return true;
  if (text == "0" || text == "off" || text == "false") return false;
  bad(uri, "parameter '" + std::string(key) + "' takes 0 or 1");
}

}  // namespace

DriveConfig parse_drive_uri(std::string_view uri) {
  constexpr std::string_view kScheme = "emu:";
  if (uri.substr(0, kScheme.size()) != kScheme) bad(uri, "does not start with 'emu:'");
  std::string_view rest = uri.substr(kScheme.size());
  std::string_view media_name = rest.substr(0, rest.find('?'));
  DriveConfig c;
  auto media = media_from_name(media_name);
  if (!media) bad(uri, "unknown medium '" + std::string(media_name) + "' (cd-r, cd-rw, dvd+r, dvd-r, bd-r, ... see docs/emulated-drive.md)");
  c.media = *media;
  std::string_view query = rest.size() > media_name.size() ? rest.substr(media_name.size() + 1) : std::string_view{};
  while (!query.empty()) {
    std::string_view pair = query.substr(0, query.find('&'));
    query.remove_prefix(pair.size() < query.size() ? pair.size() + 1 : pair.size());
    auto eq = pair.find('=');
    if (eq == std::string_view::npos) bad(uri, "parameter '" + std::string(pair) + "' has no '='");
    std::string_view key = pair.substr(0, eq), value = pair.substr(eq + 1);
    if (key == "dir") c.dir = std::string(value);
    else if (key == "speed") c.speed_x10 = speed_tenths(uri, value);
    else if (key == "buffer") c.buffer_bytes = u32(uri, key, value, true);
    else if (key == "throttle") c.throttle = flag(uri, key, value);
    else if (key == "polls") c.operation_polls = u32(uri, key, value);
    else if (key == "wp") c.write_protected = flag(uri, key, value);
    else if (key == "write_error_lba") c.faults.write_error_lba = u32(uri, key, value);
    else if (key == "long_write_every") c.faults.long_write_every = u32(uri, key, value);
    else if (key == "not_ready") c.faults.not_ready_polls = u32(uri, key, value);
    else if (key == "remove_at_lba") c.faults.remove_at_lba = u32(uri, key, value);
    else if (key == "power_loss_at_lba") c.faults.power_loss_at_lba = u32(uri, key, value);
    else bad(uri, "unknown parameter '" + std::string(key) + "'");
  }
  if (c.dir.empty()) bad(uri, "needs dir=PATH (the directory holding the disc image and its state)");
  if (c.buffer_bytes < 64 * 1024) bad(uri, "buffer must be at least 64K");
  if (c.operation_polls > 1000) bad(uri, "polls must be at most 1000");
  return c;
}

}  // namespace imapi::device::emu
