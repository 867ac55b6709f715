// libFuzzer target: the emulated drive consuming untrusted CDB sequences and
// parameter lists, and its state-file reader. Every input must end in data or
// CHECK CONDITION, never a crash, a sanitizer report or an exception other
// than imapi::Error (which the state reader uses to reject a corrupt file).
//
// Input: byte 0 picks the medium; then up to 12 commands, each
//   [cdb length 6..16][cdb bytes][direction 0/1/2][buffer length, 2 bytes BE][data-out bytes...]
#include <unistd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "device/emu/emulated_drive.hpp"
#include "device/emu/state_file.hpp"

namespace {

using namespace imapi::device;

const std::string& scratch_dir() {
  static const std::string dir = [] {
    std::string t = (std::filesystem::temp_directory_path() / "imapi-fuzz-emu-XXXXXX").string();
    if (!::mkdtemp(t.data())) std::abort();
    return t;
  }();
  return dir;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    emu::parse_state(text);
  } catch (const imapi::Error&) {
  }
  if (size == 0) return 0;

  const auto& media = emu::all_media();
  const auto& spec = media[data[0] % media.size()];
  if (spec.recording == emu::Recording::kReadOnly) return 0;  // needs pressed content; covered by unit tests
  const std::string dir = scratch_dir();
  std::filesystem::remove(dir + "/disc.state");
  std::filesystem::remove(dir + "/disc.img");
  emu::DriveConfig config = emu::parse_drive_uri("emu:" + std::string(spec.uri_name) + "?dir=" + dir + "&polls=2");
  emu::EmulatedDrive drive(config);

  size_t at = 1;
  for (int n = 0; n < 12 && at < size; ++n) {
    size_t len = 6 + data[at++] % 11;
    if (at + len + 3 > size) break;
    std::span<const uint8_t> cdb(data + at, len);
    at += len;
    DataDirection dir = static_cast<DataDirection>(data[at++] % 3);
    size_t buffer_len = (size_t{data[at]} << 8 | data[at + 1]) * 4;  // up to 256 KiB
    at += 2;
    std::vector<uint8_t> buffer(buffer_len, 0);
    if (dir == DataDirection::kToDevice) {
      size_t n_out = std::min(buffer_len, size - at);
      std::copy_n(data + at, n_out, buffer.begin());
      at += n_out;
    }
    CommandResult r = drive.execute(cdb, dir, buffer);
    if (r.residual > buffer.size() || r.sense_length > r.sense.size()) std::abort();
  }
  return 0;
}
