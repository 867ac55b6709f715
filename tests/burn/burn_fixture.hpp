// Burning through the C ABI onto an emulated drive in a fresh directory, and
// reading the disc back: with libimapi's own reader (import of the last
// session) and with unmodified xorriso / cdrskin through the LD_PRELOAD shim.
#pragma once

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <utility>
#include <string>
#include <vector>

#include "capi_fixture.hpp"
#include "imapi_c.h"

namespace burn_test {

using Recorder = test::Handle<imapi_recorder, imapi_recorder_free>;
using Format = test::Handle<imapi_disc_format_data, imapi_disc_format_data_free>;
using Engine = test::Handle<imapi_write_engine, imapi_write_engine_free>;
using StreamH = test::Handle<imapi_stream, imapi_stream_free>;

inline std::string pattern(size_t n, unsigned seed) {
  std::string s(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (auto& c : s) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  return s;
}

// Runs a shell command; returns its exit status and, in *out, its output.
inline int run(const std::string& cmd, std::string* out = nullptr) {
  std::string full = cmd + " 2>&1";
  FILE* p = ::popen(full.c_str(), "r");
  if (!p) return -1;
  std::array<char, 4096> buf{};
  std::string text;
  size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) text.append(buf.data(), n);
  int rc = ::pclose(p);
  if (out) *out = text;
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}
inline bool have(const char* tool) { return run(std::string("command -v ") + tool + " >/dev/null") == 0; }

struct EmuDisc {
  test::TempDir dir;
  std::string medium;
  std::string uri;
  explicit EmuDisc(std::string m, const std::string& extra = "") : medium(std::move(m)) {
    uri = "emu:" + medium + "?dir=" + dir.path.string() + "&polls=1" + (extra.empty() ? "" : "&" + extra);
    REQUIRE(imapi_disc_master_add_emulated_drive(uri.c_str()) == IMAPI_S_OK);
  }
  Recorder open() const {
    Recorder r;
    INFO(test::last_message());
    REQUIRE(imapi_recorder_open(uri.c_str(), r.out()) == IMAPI_S_OK);
    return r;
  }
  // A client run with this disc as /dev/sr0 (and the fault knobs stripped: reading back must work).
  std::string shim(const std::string& cmd) const {
    return "LD_PRELOAD='" IMAPI_EMU_PRELOAD "' IMAPI_EMU_DRIVES='emu:" + medium + "?dir=" + dir.path.string() +
           "&polls=0' timeout 120 " + cmd;
  }
  std::string disc_img() const { return (dir.path / "disc.img").string(); }
};

// A format writer on the disc's recorder with a client name and `level` verification.
inline Format make_format(imapi_recorder* r, int32_t level = IMAPI_BURN_VERIFICATION_FULL) {
  Format f;
  REQUIRE(imapi_disc_format_data_create(f.out()) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_set_recorder(f.get(), r) == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_set_client_name(f.get(), "libimapi burn tests") == IMAPI_S_OK);
  REQUIRE(imapi_disc_format_data_set_burn_verification_level(f.get(), level) == IMAPI_S_OK);
  return f;
}

inline imapi_media_info media(imapi_recorder* r) {
  imapi_media_info m{};
  m.struct_size = sizeof m;
  REQUIRE(imapi_recorder_get_media_info(r, &m) == IMAPI_S_OK);
  return m;
}

using Files = std::map<std::string, std::string>;  // image path -> content

// An ISO 9660 + Joliet + Rock Ridge image of `files`; with `previous` (a media
// stream) the session at `import_block` is imported first and the new session
// starts at `session_start`.
inline StreamH make_image(const Files& files, imapi_stream* previous = nullptr, int64_t import_block = 0,
                               int64_t session_start = 0, int64_t free_blocks = 0) {
  test::Image image;
  REQUIRE(imapi_fsimage_create(image.out()) == IMAPI_S_OK);
  REQUIRE(imapi_fsimage_set_volume_name(image.get(), "BURNTEST") == IMAPI_S_OK);
  if (free_blocks > 0) REQUIRE(imapi_fsimage_set_free_media_blocks(image.get(), free_blocks) == IMAPI_S_OK);
  if (previous) {
    INFO(test::last_message());
    REQUIRE(imapi_fsimage_import_stream(image.get(), previous, import_block, 0, nullptr) == IMAPI_S_OK);
  }
  REQUIRE(imapi_fsimage_set_session_start_block(image.get(), session_start) == IMAPI_S_OK);
  test::Item root;
  REQUIRE(imapi_fsimage_get_root(image.get(), root.out()) == IMAPI_S_OK);
  for (const auto& [path, content] : files) {
    for (size_t slash = path.find('/', 1); slash != std::string::npos; slash = path.find('/', slash + 1)) {
      test::Item existing;
      const std::string dir = path.substr(0, slash);
      if (imapi_fsimage_get_item(image.get(), dir.c_str(), existing.out()) != IMAPI_S_OK)
        REQUIRE(imapi_fsitem_add_directory(root.get(), dir.c_str() + 1) == IMAPI_S_OK);  // relative to the root
    }
    test::Stream data;
    REQUIRE(imapi_stream_create_from_memory(content.data(), static_cast<int64_t>(content.size()), data.out()) ==
            IMAPI_S_OK);
    INFO(path << ": " << test::last_message());
    REQUIRE(imapi_fsitem_add_file(root.get(), path.c_str() + 1, data.get()) == IMAPI_S_OK);
  }
  test::Result result;
  INFO(test::last_message());
  REQUIRE(imapi_fsimage_create_result_image(image.get(), result.out()) == IMAPI_S_OK);
  StreamH stream;
  REQUIRE(imapi_fsimage_result_get_image_stream(result.get(), stream.out()) == IMAPI_S_OK);
  return stream;
}

// Our reader: the last session imported from the disc, each file's content.
inline Files read_back_ours(imapi_disc_format_data* f, const std::vector<std::string>& paths) {
  imapi_multisession ms{};
  ms.struct_size = sizeof ms;
  REQUIRE(imapi_disc_format_data_get_multisession(f, 0, &ms) == IMAPI_S_OK);
  const int64_t session = ms.type == IMAPI_MULTISESSION_SEQUENTIAL ? ms.start_address_of_previous_session : 0;
  test::Stream disc;
  INFO(test::last_message());
  REQUIRE(imapi_disc_format_data_create_media_stream(f, disc.out()) == IMAPI_S_OK);
  test::Image image;
  REQUIRE(imapi_fsimage_create(image.out()) == IMAPI_S_OK);
  imapi_status imported = imapi_fsimage_import_stream(image.get(), disc.get(), session, 0, nullptr);
  INFO("import of session at " << session << ": " << test::last_message());
  REQUIRE(imported == IMAPI_S_OK);
  Files out;
  for (const auto& p : paths) {
    test::Item item;
    INFO(p);
    REQUIRE(imapi_fsimage_get_item(image.get(), p.c_str(), item.out()) == IMAPI_S_OK);
    test::Stream data;
    REQUIRE(imapi_fsitem_get_data(item.get(), data.out()) == IMAPI_S_OK);
    std::string bytes;
    char buf[65536];
    for (;;) {
      int64_t n = 0;
      imapi_status st = imapi_stream_read(data.get(), buf, sizeof buf, &n);
      INFO("reading " << p << " after " << bytes.size() << " bytes: " << test::last_message());
      REQUIRE(st == IMAPI_S_OK);
      if (n == 0) break;
      bytes.append(buf, static_cast<size_t>(n));
    }
    out[p] = bytes;
  }
  return out;
}

// xorriso through the shim: the files of the newest session, extracted and compared.
inline void read_back_xorriso(const EmuDisc& disc, const Files& files) {
  if (!have("xorriso")) {
    WARN("xorriso is not installed: skipping the independent read-back");
    return;
  }
  test::TempDir out;
  std::string log;
  const std::string target = (out.path / "x").string();
  int rc = run(disc.shim("xorriso -osirrox on -indev /dev/sr0 -extract / '" + target + "'"), &log);
  INFO(log);
  REQUIRE(rc == 0);
  for (const auto& [path, content] : files) {
    INFO("xorriso's " << path);
    CHECK(test::file_bytes(target + path) == content);
  }
}

// cdrskin -minfo through the shim: its "disk status" line.
inline std::string cdrskin_disk_status(const EmuDisc& disc) {
  std::string log;
  run(disc.shim("cdrskin dev=/dev/sr0 -minfo"), &log);
  auto at = log.find("disk status:");
  if (at == std::string::npos) return "(no disk status: " + log.substr(0, 400) + ")";
  auto end = log.find('\n', at);
  std::string line = log.substr(at + 12, end - at - 12);
  line.erase(0, line.find_first_not_of(' '));
  return line;
}

}  // namespace burn_test
