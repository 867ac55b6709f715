// A disc in a fresh temporary directory, driven through the Transport
// interface with CDBs from mmc/commands and replies checked with mmc parsers.
#pragma once

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "device/emu/emulated_drive.hpp"
#include "mmc/cdb.hpp"
#include "mmc/sense.hpp"

namespace emu_test {

using imapi::device::CommandResult;
using imapi::device::DataDirection;
using Bytes = std::vector<uint8_t>;

inline std::string make_temp_dir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "imapi-emu-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  return tmpl;
}

// Owns the directory; several EmulatedDrive objects (as several processes would) may share it.
struct DiscDir {
  std::string path = make_temp_dir();
  ~DiscDir() { std::filesystem::remove_all(path); }
  std::string uri(const std::string& media, const std::string& extra = "") const {
    return "emu:" + media + "?dir=" + path + "&polls=0" + (extra.empty() ? "" : "&" + extra);
  }
};

struct Drive {
  DiscDir dir;
  imapi::device::emu::EmulatedDrive drive;

  explicit Drive(const std::string& media, const std::string& extra = "")
      : drive(imapi::device::emu::EmulatedDrive::open_uri(dir.uri(media, extra))) {}

  CommandResult run(const imapi::mmc::Cdb& cdb, DataDirection d = DataDirection::kNone, std::span<uint8_t> buf = {}) {
    return drive.execute(cdb.bytes(), d, buf);
  }
  // Data-in command that must succeed: the bytes transferred.
  Bytes in(const imapi::mmc::Cdb& cdb, size_t allocation = 4096) {
    Bytes buf(allocation, 0xEE);
    auto r = run(cdb, DataDirection::kFromDevice, buf);
    INFO("sense " << sense_text(r));
    REQUIRE(r.good());
    buf.resize(buf.size() - r.residual);
    return buf;
  }
  void ok(const imapi::mmc::Cdb& cdb, Bytes out = {}) {
    auto r = run(cdb, out.empty() ? DataDirection::kNone : DataDirection::kToDevice, out);
    INFO("sense " << sense_text(r));
    REQUIRE(r.good());
  }
  // A command that must end in CHECK CONDITION: its decoded sense.
  imapi::mmc::Sense fails(const imapi::mmc::Cdb& cdb, Bytes out = {}, DataDirection d = DataDirection::kNone) {
    if (!out.empty() && d == DataDirection::kNone) d = DataDirection::kToDevice;
    auto r = run(cdb, d, out);
    REQUIRE(r.status == imapi::device::scsi_status::kCheckCondition);
    return imapi::mmc::decode_sense(r.sense_bytes());
  }
  static std::string sense_text(const CommandResult& r) {
    if (r.good()) return "none";
    auto s = imapi::mmc::decode_sense(r.sense_bytes());
    return imapi::mmc::sense_triple(s.key, s.asc, s.ascq);
  }
};

inline void check_sense(const imapi::mmc::Sense& s, uint8_t key, uint8_t asc, uint8_t ascq) {
  CHECK(imapi::mmc::sense_triple(s.key, s.asc, s.ascq) == imapi::mmc::sense_triple(key, asc, ascq));
}

inline Bytes pattern(size_t blocks, uint8_t seed) {
  Bytes b(blocks * 2048);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(i * 7 + seed + i / 2048);
  return b;
}

}  // namespace emu_test
