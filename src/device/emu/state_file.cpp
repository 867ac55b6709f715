#include "device/emu/state_file.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/file_io.hpp"
#include "core/unique_fd.hpp"

namespace imapi::device::emu {

namespace {

constexpr std::string_view kMagic = "imapi-emu-state 1";
constexpr size_t kMaxTracks = 10000;     // far beyond any medium (CD: 99, BD-R: 7927)
constexpr size_t kMaxFileBytes = 4 << 20;

const char* const kTrackStates[] = {"open", "reserved", "complete", "damaged"};
const char* const kOperations[] = {"none", "format", "blank", "close"};

std::string hex(const std::vector<uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s.empty() ? "-" : s;
}

[[noreturn]] void corrupt(size_t line, const std::string& why) {
  fail(IMAPI_E_FAIL, "emulated drive state file, line " + std::to_string(line) + ": " + why +
                         " (delete the directory's disc.state to start with a blank disc)");
}

// One line split into whitespace-separated words, with typed accessors that
// check the count and range of every field.
class Fields {
 public:
  Fields(std::string_view line, size_t number) : number_(number) {
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && line[i] == ' ') ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ') ++j;
      if (j > i) words_.push_back(line.substr(i, j - i));
      i = j;
    }
  }
  size_t size() const { return words_.size(); }
  std::string_view word(size_t i) const {
    if (i >= words_.size()) corrupt(number_, "missing field " + std::to_string(i));
    return words_[i];
  }
  void expect(size_t n) const {
    if (words_.size() != n) corrupt(number_, "expected " + std::to_string(n - 1) + " values for '" + std::string(word(0)) + "'");
  }
  template <typename T>
  T num(size_t i) const {
    std::string_view w = word(i);
    T v{};
    auto [end, ec] = std::from_chars(w.data(), w.data() + w.size(), v);
    if (ec != std::errc() || end != w.data() + w.size()) corrupt(number_, "bad number '" + std::string(w) + "'");
    return v;
  }
  bool flag(size_t i) const {
    auto v = num<uint32_t>(i);
    if (v > 1) corrupt(number_, "flag is not 0 or 1");
    return v == 1;
  }
  template <size_t N>
  uint8_t choice(size_t i, const char* const (&names)[N]) const {
    for (size_t k = 0; k < N; ++k)
      if (word(i) == names[k]) return static_cast<uint8_t>(k);
    corrupt(number_, "unknown value '" + std::string(word(i)) + "'");
  }
  std::vector<uint8_t> bytes(size_t i, size_t max) const {
    std::string_view w = word(i);
    if (w == "-") return {};
    if (w.size() % 2 != 0 || w.size() / 2 > max) corrupt(number_, "bad byte string");
    std::vector<uint8_t> out;
    for (size_t k = 0; k < w.size(); k += 2) {
      uint8_t v = 0;
      auto [end, ec] = std::from_chars(w.data() + k, w.data() + k + 2, v, 16);
      if (ec != std::errc() || end != w.data() + k + 2) corrupt(number_, "bad hex byte");
      out.push_back(v);
    }
    return out;
  }
  size_t line() const { return number_; }

 private:
  std::vector<std::string_view> words_;
  size_t number_;
};

std::string track_line(std::string_view key, const Track& t) {
  return std::string(key) + " " + std::to_string(t.session) + " " + std::to_string(t.start) + " " +
         std::to_string(t.size) + " " + std::to_string(t.written) + " " +
         kTrackStates[static_cast<size_t>(t.state)] + " " + std::to_string(t.control) + "\n";
}

Track parse_track(const Fields& f) {
  f.expect(7);
  Track t;
  t.session = f.num<uint16_t>(1);
  t.start = f.num<uint32_t>(2);
  t.size = f.num<uint32_t>(3);
  t.written = f.num<uint32_t>(4);
  t.state = static_cast<TrackState>(f.choice(5, kTrackStates));
  t.control = f.num<uint8_t>(6);
  if (t.session == 0) corrupt(f.line(), "track in session 0");
  if (uint64_t{t.start} + t.size > 0xFFFFFFFFu || uint64_t{t.start} + t.written > 0xFFFFFFFFu)
    corrupt(f.line(), "track extends past the address space");
  if (t.state == TrackState::kReserved && t.written > t.size) corrupt(f.line(), "reserved track written past its size");
  return t;
}

// The lines of one disc; `prefix` is "" for the disc in the drive, kDurable for its durable copy.
constexpr std::string_view kDurable = "durable.";

void append_disc(std::string& out, std::string_view prefix, const DiscState& d) {
  auto line = [&](std::string_view key, auto... values) {
    out += prefix;
    out += key;
    ((out += " ", out += std::to_string(values)), ...);
    out += "\n";
  };
  out += std::string(prefix) + "media " + std::string(d.spec().uri_name) + "\n";
  line("formatted", int{d.formatted}, int{d.background_format});
  line("sessions", d.closed_sessions, int{d.finalized});
  line("rom_blocks", d.rom_blocks);
  line("random_extent", d.random_extent);
  if (d.layer0_blocks) line("layer_break", d.layer0_blocks);
  if (d.no_spares) line("no_spares", 1);
  for (const Track& t : d.tracks) out += track_line(std::string(prefix) + "track", t);
}

// One line about a disc (its key without the prefix); false when the key is not one of them.
bool parse_disc_line(std::string_view key, const Fields& f, DiscState& d, bool& saw_media) {
  if (key == "media") {
    f.expect(2);
    auto m = media_from_name(f.word(1));
    if (!m) corrupt(f.line(), "unknown medium");
    d.media = *m;
    saw_media = true;
  } else if (key == "formatted") {
    f.expect(3);
    d.formatted = f.flag(1);
    d.background_format = f.flag(2);
  } else if (key == "no_spares") {
    f.expect(2);
    d.no_spares = f.flag(1);
  } else if (key == "sessions") {
    f.expect(3);
    d.closed_sessions = f.num<uint16_t>(1);
    d.finalized = f.flag(2);
  } else if (key == "rom_blocks") {
    f.expect(2);
    d.rom_blocks = f.num<uint32_t>(1);
  } else if (key == "random_extent") {
    f.expect(2);
    d.random_extent = f.num<uint32_t>(1);
  } else if (key == "layer_break") {
    f.expect(2);
    d.layer0_blocks = f.num<uint32_t>(1);
    if (d.layer0_blocks > spec_of(MediaKind::kDvdPlusRDual).capacity_blocks / 2)
      corrupt(f.line(), "layer break beyond the middle of the disc");
  } else if (key == "track") {
    if (d.tracks.size() >= kMaxTracks) corrupt(f.line(), "too many tracks");
    d.tracks.push_back(parse_track(f));
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string serialize_state(const EmuState& s) {
  const DiscState& d = s.disc;
  const DriveState& v = s.drive;
  std::string out(kMagic);
  out += "\n";
  auto line = [&](const char* key, auto... values) {
    out += key;
    ((out += " ", out += std::to_string(values)), ...);
    out += "\n";
  };
  append_disc(out, "", d);
  out += "write_page " + hex(v.write_page) + "\n";
  line("write_speed", v.write_speed_kbps);
  line("medium", int{v.medium_present}, int{v.prevent_removal}, int{v.media_changed}, int{v.media_event});
  out += std::string("operation ") + kOperations[static_cast<size_t>(v.operation)] + " " +
         std::to_string(v.operation_polls_left) + " " + std::to_string(v.operation_polls_total) + "\n";
  line("not_ready", v.not_ready_left);
  line("writes", v.write_commands);
  line("simulated", v.simulated_blocks);
  line("sao", int{v.sao_armed}, v.sao_next, v.sao_end);
  line("buffer", v.buffer_fill, v.buffer_clock_ns, v.underruns, int{v.buffer_ran_dry});
  append_disc(out, kDurable, v.durable_disc);
  for (const Track& t : v.sao_plan) out += track_line("sao_track", t);
  return out;
}

EmuState parse_state(std::string_view text) {
  if (text.size() > kMaxFileBytes) corrupt(0, "file too large");
  EmuState s;
  size_t number = 0;
  bool saw_media = false, saw_durable_media = false;
  bool saw_durable = false;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text.remove_prefix(nl == std::string_view::npos ? text.size() : nl + 1);
    ++number;
    if (number == 1) {
      if (line != kMagic) corrupt(1, "not an emulated drive state file (version " + std::string(kMagic) + " expected)");
      continue;
    }
    Fields f(line, number);
    if (f.size() == 0) continue;
    std::string_view key = f.word(0);
    DriveState& v = s.drive;
    if (parse_disc_line(key, f, s.disc, saw_media)) {
      // the disc in the drive
    } else if (key.substr(0, kDurable.size()) == kDurable) {
      saw_durable = true;
      if (!parse_disc_line(key.substr(kDurable.size()), f, v.durable_disc, saw_durable_media))
        corrupt(number, "unknown key '" + std::string(key) + "'");
    } else if (key == "sao_track") {
      if (v.sao_plan.size() >= kMaxTracks) corrupt(number, "too many tracks");
      v.sao_plan.push_back(parse_track(f));
    } else if (key == "write_page") {
      f.expect(2);
      v.write_page = f.bytes(1, 64);
    } else if (key == "write_speed") {
      f.expect(2);
      v.write_speed_kbps = f.num<uint32_t>(1);
    } else if (key == "medium") {
      f.expect(5);
      v.medium_present = f.flag(1);
      v.prevent_removal = f.flag(2);
      v.media_changed = f.flag(3);
      v.media_event = f.flag(4);
    } else if (key == "operation") {
      f.expect(4);
      v.operation = static_cast<LongOperation>(f.choice(1, kOperations));
      v.operation_polls_left = f.num<uint32_t>(2);
      v.operation_polls_total = f.num<uint32_t>(3);
      if (v.operation_polls_left > v.operation_polls_total) corrupt(number, "more polls left than in total");
    } else if (key == "not_ready") {
      f.expect(2);
      v.not_ready_left = f.num<uint32_t>(1);
    } else if (key == "writes") {
      f.expect(2);
      v.write_commands = f.num<uint64_t>(1);
    } else if (key == "simulated") {
      f.expect(2);
      v.simulated_blocks = f.num<uint32_t>(1);
    } else if (key == "sao") {
      f.expect(4);
      v.sao_armed = f.flag(1);
      v.sao_next = f.num<int32_t>(2);
      v.sao_end = f.num<int32_t>(3);
    } else if (key == "buffer") {
      if (f.size() != 4) f.expect(5);  // the run-dry flag came later: files without it are accepted
      v.buffer_fill = f.num<uint64_t>(1);
      v.buffer_clock_ns = f.num<int64_t>(2);
      v.underruns = f.num<uint32_t>(3);
      v.buffer_ran_dry = f.size() == 5 && f.flag(4);
    } else {
      corrupt(number, "unknown key '" + std::string(key) + "'");
    }
  }
  if (number == 0) corrupt(0, "empty file");
  if (!saw_media) corrupt(number, "no 'media' line");
  // A file without a durable copy (written before there was one) takes the disc as recorded.
  if (!saw_durable) s.drive.durable_disc = s.disc;
  else if (!saw_durable_media) corrupt(number, "durable disc without a 'durable.media' line");
  return s;
}

bool load_state(const std::string& path, EmuState& out) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return false;
    fail_os(IMAPI_E_FAIL, "cannot open the emulated drive's state file", errno, path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail_os(IMAPI_E_FAIL, "cannot read the emulated drive's state file", errno, path);
  // One byte more than the limit, so parse_state sees an oversized file as such.
  const size_t want = static_cast<size_t>(std::min<int64_t>(st.st_size, kMaxFileBytes)) + 1;
  std::string text(want, '\0');
  int64_t n = pread_full(fd.get(), text.data(), static_cast<int64_t>(text.size()), 0);
  if (n < 0) fail_os(IMAPI_E_FAIL, "cannot read the emulated drive's state file", static_cast<int>(-n), path);
  text.resize(static_cast<size_t>(n));
  out = parse_state(text);
  return true;
}

namespace {
TextStamp stamp_of(const struct stat& st) {
  return {static_cast<uint64_t>(st.st_ino), static_cast<uint64_t>(st.st_size),
          int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec};
}
}  // namespace

TextStamp save_state_text(const std::string& path, std::string_view text) {
  std::string tmp = path + ".tmp";
  UniqueFd fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644));
  if (fd.get() < 0) fail_os(IMAPI_E_FAIL, "cannot write the emulated drive's state file", errno, tmp);
  if (int err = pwrite_full(fd.get(), text.data(), static_cast<int64_t>(text.size()), 0))
    fail_os(IMAPI_E_FAIL, "cannot write the emulated drive's state file", err, tmp);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail_os(IMAPI_E_FAIL, "cannot write the emulated drive's state file", errno, tmp);
  if (::rename(tmp.c_str(), path.c_str()) != 0)
    fail_os(IMAPI_E_FAIL, "cannot replace the emulated drive's state file", errno, path);
  return stamp_of(st);
}

std::optional<TextStamp> text_stamp(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return std::nullopt;
  return stamp_of(st);
}

}  // namespace imapi::device::emu
