// imapi drives / info / eject / emu create: recorders through the C ABI only.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "commands.hpp"
#include "imapi_c.h"

namespace imapi_cli {

namespace {

std::string take(char* s) {
  std::string r = s ? s : "";
  imapi_free(s);
  return r;
}

// Handle that frees itself.
struct Recorder {
  imapi_recorder* p = nullptr;
  ~Recorder() { imapi_recorder_free(p); }
};

const char* media_name(int32_t type) {
  static const char* const kNames[] = {"none",     "CD-ROM",    "CD-R",     "CD-RW",      "DVD-ROM",
                                       "DVD-RAM",  "DVD+R",     "DVD+RW",   "DVD+R DL",   "DVD-R",
                                       "DVD-RW",   "DVD-R DL",  "disk",     "DVD+RW DL",  "HD DVD-ROM",
                                       "HD DVD-R", "HD DVD-RAM", "BD-ROM",  "BD-R",       "BD-RE"};
  return type >= 0 && type <= IMAPI_MEDIA_TYPE_MAX ? kNames[type] : "unknown";
}

std::string state_name(const imapi_media_info& m) {
  if (!m.present) return "no medium";
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_OVERWRITE_ONLY) return "overwritable";
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK) return "blank";
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_APPENDABLE) return "appendable";
  if (m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_FINALIZED) return "closed";
  return "unknown";
}

// DRIVE: a unique ID, an index into the list, or an emu: URI (added to the process's set first).
// `action`, when given, is named in the error line after the drive.
// Every failure is one line naming the drive, the action and the reason.
int open_drive(const std::string& drive, Recorder& r) {
  const std::string context = drive + ": opening the drive";
  std::string id = drive;
  if (!drive.empty() && drive.find_first_not_of("0123456789") == std::string::npos) {
    char* s = nullptr;
    int st = imapi_disc_master_get_unique_id(std::stoi(drive), &s);
    if (IMAPI_FAILED(st)) return report_failure(context.c_str(), st);
    id = take(s);
  } else if (drive.rfind("emu:", 0) == 0) {
    int st = imapi_disc_master_add_emulated_drive(drive.c_str());
    if (IMAPI_FAILED(st)) return report_failure(context.c_str(), st);
  }
  int st = imapi_recorder_open(id.c_str(), &r.p);
  return IMAPI_FAILED(st) ? report_failure(context.c_str(), st) : 0;
}

std::vector<int32_t> int_list(imapi_status (*f)(imapi_recorder*, int32_t*, int32_t, int32_t*), imapi_recorder* r) {
  int32_t n = 0;
  if (IMAPI_FAILED(f(r, nullptr, 0, &n))) return {};
  std::vector<int32_t> v(static_cast<size_t>(n));
  if (IMAPI_FAILED(f(r, v.data(), n, &n))) return {};
  v.resize(static_cast<size_t>(n));
  return v;
}

imapi_media_info media_of(imapi_recorder* r) {
  imapi_media_info m{};
  m.struct_size = sizeof m;
  if (IMAPI_FAILED(imapi_recorder_get_media_info(r, &m))) m.present = 0;
  return m;
}

// A data-in command through the pass-through; empty on any failure.
std::vector<uint8_t> query(imapi_recorder* r, std::vector<uint8_t> cdb, size_t allocation) {
  std::vector<uint8_t> buf(allocation);
  int64_t n = 0;
  if (imapi_recorder_send_command(r, cdb.data(), static_cast<int64_t>(cdb.size()), IMAPI_COMMAND_FROM_DEVICE,
                                  buf.data(), static_cast<int64_t>(buf.size()), 0, &n) != IMAPI_S_OK)
    return {};
  buf.resize(static_cast<size_t>(n));
  return buf;
}

uint32_t be32(const uint8_t* p) { return uint32_t{p[0]} << 24 | uint32_t{p[1]} << 16 | uint32_t{p[2]} << 8 | p[3]; }

void print_speeds(imapi_recorder* r) {
  // GET PERFORMANCE type 03h: write speed descriptors of 16 bytes after an 8-byte header.
  auto reply = query(r, {0xAC, 0, 0, 0, 0, 0, 0, 0, 0, 16, 0x03, 0}, 8 + 16 * 16);
  std::printf("write speeds (kB/s):");
  for (size_t at = 8; at + 16 <= reply.size(); at += 16) std::printf(" %u", be32(&reply[at + 12]));
  std::printf("%s\n", reply.size() < 24 ? " none reported" : "");
}

void print_toc(imapi_recorder* r) {
  // READ TOC/PMA/ATIP format 0: 4-byte header, 8-byte track descriptors.
  auto reply = query(r, {0x43, 0, 0, 0, 0, 0, 1, 0x03, 0x24, 0}, 804);
  if (reply.size() < 4) {
    std::printf("toc: none\n");
    return;
  }
  std::printf("toc: tracks %u-%u\n", reply[2], reply[3]);
  for (size_t at = 4; at + 8 <= reply.size(); at += 8)
    std::printf("  %s%-3u start %u%s\n", reply[at + 2] == 0xAA ? "lead-out " : "track ", reply[at + 2],
                be32(&reply[at + 4]), (reply[at + 1] & 0x04) ? " data" : "");
}

// An emulated drive keeps its state next to its image (docs/emulated-drive.md):
// the `buffer FILL CLOCK UNDERRUNS ...` line of disc.state counts the buffer
// underruns the drive linked over (throttle=1, BUFE on). -1 when unknown.
long long emulated_underruns(const std::string& image_path) {
  std::filesystem::path state = std::filesystem::path(image_path).parent_path() / "disc.state";
  std::ifstream in(state);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("buffer ", 0) != 0) continue;
    std::istringstream words(line.substr(7));
    unsigned long long fill = 0, clock = 0, underruns = 0;
    if (words >> fill >> clock >> underruns) return static_cast<long long>(underruns);
  }
  return -1;
}

}  // namespace

int open_recorder(const std::string& drive, imapi_recorder** out) {
  Recorder r;
  if (int rc = open_drive(drive, r)) return rc;
  *out = r.p;
  r.p = nullptr;
  return 0;
}

const char* media_type_name(int32_t type) { return media_name(type); }

int drives(const std::vector<std::string>& args) {
  if (!args.empty()) {
    std::fprintf(stderr, "imapi: error: 'drives' takes no arguments\n");
    return 2;
  }
  int32_t count = 0;
  int st = imapi_disc_master_get_count(&count);
  if (IMAPI_FAILED(st)) return report_failure("drives", st);
  if (count == 0) std::printf("no recorders (set IMAPI_EMU_DRIVES to use emulated ones)\n");
  for (int32_t i = 0; i < count; ++i) {
    char* s = nullptr;
    if (IMAPI_FAILED(imapi_disc_master_get_unique_id(i, &s))) continue;
    std::string id = take(s);
    Recorder r;
    if (IMAPI_FAILED(imapi_recorder_open(id.c_str(), &r.p))) {
      std::printf("%d  %s  (cannot open: %s)\n", i, id.c_str(), imapi_error_last()->message);
      continue;
    }
    imapi_recorder_get_vendor_id(r.p, &s);
    std::string vendor = take(s);
    imapi_recorder_get_product_id(r.p, &s);
    std::string product = take(s);
    imapi_recorder_get_product_revision(r.p, &s);
    std::string revision = take(s);
    auto m = media_of(r.p);
    std::printf("%d  %s\n   %s %s %s  media: %s, %s\n", i, id.c_str(), vendor.c_str(), product.c_str(),
                revision.c_str(), m.present ? media_name(m.physical_type) : "none", state_name(m).c_str());
  }
  return 0;
}

int info(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "imapi: error: usage: imapi info DRIVE\n");
    return 2;
  }
  Recorder r;
  if (int rc = open_drive(args[0], r)) return rc;
  char* s = nullptr;
  imapi_recorder_get_active_disc_recorder(r.p, &s);
  std::printf("unique id: %s\n", take(s).c_str());
  int st = imapi_recorder_get_vendor_id(r.p, &s);
  if (IMAPI_FAILED(st)) return report_failure("INQUIRY", st);
  std::string vendor = take(s);
  imapi_recorder_get_product_id(r.p, &s);
  std::string product = take(s);
  imapi_recorder_get_product_revision(r.p, &s);
  std::printf("model: %s %s %s\n", vendor.c_str(), product.c_str(), take(s).c_str());
  imapi_recorder_get_active_disc_recorder(r.p, &s);
  const bool emulated = take(s).rfind("emu:", 0) == 0;
  imapi_recorder_get_volume_name(r.p, &s);
  const std::string volume = take(s);
  std::printf("volume: %s\n", volume.c_str());
  std::printf("supported profiles:");
  for (int32_t p : int_list(imapi_recorder_get_supported_profiles, r.p)) std::printf(" %04Xh", p);
  std::printf("\ncurrent profiles:");
  for (int32_t p : int_list(imapi_recorder_get_current_profiles, r.p)) std::printf(" %04Xh", p);
  std::printf("\nfeatures:");
  for (int32_t f : int_list(imapi_recorder_get_supported_feature_pages, r.p)) std::printf(" %04Xh", f);
  std::printf("\ncurrent features:");
  for (int32_t f : int_list(imapi_recorder_get_current_feature_pages, r.p)) std::printf(" %04Xh", f);
  std::printf("\n");
  print_speeds(r.p);
  auto m = media_of(r.p);
  std::printf("media: %s\n", m.present ? media_name(m.physical_type) : "none");
  std::printf("media state: %s\n", state_name(m).c_str());
  if (m.present) {
    std::printf("sessions: %d\n", m.sessions);
    std::printf("write protected: %s\n", m.write_protect ? "yes" : "no");
    std::printf("total sectors: %lld\n", static_cast<long long>(m.total_sectors));
    std::printf("free sectors: %lld\n", static_cast<long long>(m.free_sectors));
    std::printf("next writable address: %lld\n", static_cast<long long>(m.next_writable_address));
    print_toc(r.p);
  }
  if (emulated) {
    if (long long n = emulated_underruns(volume); n >= 0) std::printf("buffer underruns: %lld\n", n);
  }
  return 0;
}

int eject(const std::vector<std::string>& args) {
  if (args.size() != 1) {
    std::fprintf(stderr, "imapi: error: usage: imapi eject DRIVE\n");
    return 2;
  }
  Recorder r;
  if (int rc = open_drive(args[0], r)) return rc;
  int st = imapi_recorder_eject_media(r.p);
  return IMAPI_FAILED(st) ? report_failure("eject", st) : 0;
}

int emu(const std::vector<std::string>& args) {
  std::string media = "dvd+r", dir;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--media" && i + 1 < args.size()) media = args[++i];
    else if (dir.empty() && args[i].rfind("--", 0) != 0) dir = args[i];
    else {
      std::fprintf(stderr, "imapi: error: unexpected argument '%s'\n", args[i].c_str());
      return 2;
    }
  }
  if (args.empty() || args[0] != "create" || dir.empty()) {
    std::fprintf(stderr, "imapi: error: usage: imapi emu create [--media MEDIUM] DIR\n");
    return 2;
  }
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "imapi: error: cannot create %s: %s\n", dir.c_str(), ec.message().c_str());
    return 1;
  }
  std::string uri = "emu:" + media + "?dir=" + std::filesystem::absolute(dir).string();
  int st = imapi_disc_master_add_emulated_drive(uri.c_str());
  if (IMAPI_FAILED(st)) return report_failure("emu create", st);
  std::printf("%s\n", uri.c_str());
  return 0;
}

}  // namespace imapi_cli
