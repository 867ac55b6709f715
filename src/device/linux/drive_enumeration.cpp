#include "device/linux/drive_enumeration.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <optional>

namespace imapi::device::linux_sg {

namespace {

std::string trimmed(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ' || s.back() == '\0')) s.pop_back();
  size_t b = 0;
  while (b < s.size() && s[b] == ' ') ++b;
  return s.substr(b);
}

std::string attribute(LinuxSystem& system, const std::string& path) {
  auto text = system.read_file(path);
  return text ? trimmed(*text) : std::string();
}

// "srN" -> N, or -1.
long sr_number(std::string_view name) {
  if (name.substr(0, 2) != "sr" || name.size() == 2) return -1;
  long n = -1;
  auto [end, ec] = std::from_chars(name.data() + 2, name.data() + name.size(), n);
  return ec == std::errc() && end == name.data() + name.size() ? n : -1;
}

bool parse_dev(const std::string& text, unsigned& major, unsigned& minor) {
  auto colon = text.find(':');
  if (colon == std::string::npos) return false;
  auto a = std::from_chars(text.data(), text.data() + colon, major);
  auto b = std::from_chars(text.data() + colon + 1, text.data() + text.size(), minor);
  return a.ec == std::errc() && b.ec == std::errc();
}

bool is_octal(char c) { return c >= '0' && c <= '7'; }

std::string unescape_mountinfo(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() && is_octal(s[i + 1]) && is_octal(s[i + 2]) && is_octal(s[i + 3])) {
      out += static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0'));
      i += 3;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace

std::string drive_unique_id(LinuxSystem& system, std::string_view sr_name) {
  const std::string link = "/sys/class/block/" + std::string(sr_name) + "/device";
  if (auto path = system.real_path(link)) {
    constexpr std::string_view kDevices = "/sys/devices/";
    if (path->compare(0, kDevices.size(), kDevices) == 0) return "linux-scsi:" + path->substr(kDevices.size());
  }
  return "linux-dev:" + std::string(sr_name);
}

std::vector<OpticalDrive> enumerate_drives(LinuxSystem& system) {
  std::vector<std::pair<long, OpticalDrive>> found;
  for (const std::string& name : system.list_directory("/sys/class/block")) {
    const long n = sr_number(name);
    if (n < 0) continue;
    const std::string base = "/sys/class/block/" + name;
    if (attribute(system, base + "/device/type") != "5") continue;
    OpticalDrive d;
    d.device = "/dev/" + name;
    d.vendor = attribute(system, base + "/device/vendor");
    d.product = attribute(system, base + "/device/model");
    d.revision = attribute(system, base + "/device/rev");
    if (!parse_dev(attribute(system, base + "/dev"), d.major, d.minor)) {
      d.major = 11;
      d.minor = static_cast<unsigned>(n);
    }
    d.unique_id = drive_unique_id(system, name);
    found.emplace_back(n, std::move(d));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<OpticalDrive> out;
  for (auto& [n, d] : found) out.push_back(std::move(d));
  return out;
}

StorageBusType bus_type(std::string_view path) {
  if (path.empty()) return StorageBusType::kUnknown;
  auto numbered = [](std::string_view component, std::string_view prefix) {
    return component.size() > prefix.size() && component.substr(0, prefix.size()) == prefix &&
           component[prefix.size()] >= '0' && component[prefix.size()] <= '9';
  };
  auto starts = [](std::string_view component, std::string_view prefix) {
    return component.substr(0, prefix.size()) == prefix;
  };
  // The component nearest the root names the bus the drive hangs on (a USB
  // bridge's own SCSI host comes after it).
  for (size_t at = 0; at < path.size();) {
    size_t end = std::min(path.find('/', at), path.size());
    const std::string_view c = path.substr(at, end - at);
    at = end + 1;
    if (numbered(c, "usb")) return StorageBusType::kUsb;
    if (numbered(c, "fw")) return StorageBusType::k1394;
    if (numbered(c, "ata")) return StorageBusType::kAtapi;
    if (numbered(c, "session")) return StorageBusType::kIscsi;
    if (starts(c, "end_device-")) return StorageBusType::kSas;
    if (starts(c, "rport-")) return StorageBusType::kFibre;
  }
  return StorageBusType::kScsi;
}

StorageAdapter storage_adapter(LinuxSystem& system, std::string_view sr_name) {
  const std::string base = "/sys/class/block/" + std::string(sr_name);
  auto number = [&](const std::string& path) -> std::optional<uint64_t> {
    const std::string text = attribute(system, path);
    uint64_t v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return v;
  };
  StorageAdapter a;
  if (auto kb = number(base + "/queue/max_hw_sectors_kb"); kb && *kb > 0)
    a.max_transfer_bytes = static_cast<uint32_t>(std::min<uint64_t>(*kb * 1024, UINT32_MAX));
  if (auto segments = number(base + "/queue/max_segments"); segments && *segments > 0)
    a.max_physical_pages = static_cast<uint32_t>(std::min<uint64_t>(*segments, UINT32_MAX));
  a.alignment_mask = static_cast<uint32_t>(number(base + "/queue/dma_alignment").value_or(511));
  a.command_queueing = number(base + "/device/queue_depth").value_or(1) > 1;
  const auto path = system.real_path(base + "/device");
  constexpr std::string_view kDevices = "/sys/devices/";
  a.bus = path && path->compare(0, kDevices.size(), kDevices) == 0
              ? bus_type(std::string_view(*path).substr(kDevices.size()))
              : StorageBusType::kUnknown;
  return a;
}

std::optional<bool> removable(LinuxSystem& system, std::string_view sr_name) {
  const std::string text = attribute(system, "/sys/class/block/" + std::string(sr_name) + "/removable");
  if (text == "1") return true;
  if (text == "0") return false;
  return std::nullopt;
}

std::vector<std::string> mount_points(std::string_view mountinfo, unsigned major, unsigned minor) {
  // Each line: ID PARENT MAJOR:MINOR ROOT MOUNT-POINT OPTIONS ... - FSTYPE SOURCE SUPER-OPTIONS
  std::vector<std::string> out;
  const std::string want = std::to_string(major) + ":" + std::to_string(minor);
  while (!mountinfo.empty()) {
    std::string_view line = mountinfo.substr(0, mountinfo.find('\n'));
    mountinfo.remove_prefix(std::min(mountinfo.size(), line.size() + 1));
    std::vector<std::string_view> fields;
    size_t i = 0;
    while (i < line.size() && fields.size() < 5) {
      size_t j = line.find(' ', i);
      if (j == std::string_view::npos) j = line.size();
      fields.push_back(line.substr(i, j - i));
      i = j + 1;
    }
    if (fields.size() == 5 && fields[2] == want) out.push_back(unescape_mountinfo(fields[4]));
  }
  return out;
}

}  // namespace imapi::device::linux_sg
