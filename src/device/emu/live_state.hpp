// disc.live: the emulated drive's current state, shared by every process and
// thread that drives one disc through a MAP_SHARED mapping of a small file.
// It holds the state's text (state_file's format) in two slots, the one in
// force named by the header, and a generation counter bumped by every
// publication: a process whose cached state carries the current generation
// needs neither to read nor to parse anything. Callers hold the drive's
// flock (disc.lock) around every access, so there is one writer at a time;
// the two slots make a publication atomic even when its writer is killed in
// the middle (the previous text stays in force).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/unique_fd.hpp"

namespace imapi::device::emu {

// Which disc.state a text was last checkpointed into, so that a disc.state
// replaced or deleted behind the emulator's back (by a test or a user
// starting over) is noticed when a drive is opened.
struct TextStamp {
  uint64_t inode = 0;
  uint64_t size = 0;
  int64_t mtime_ns = 0;
  bool operator==(const TextStamp&) const = default;
};

class LiveState {
 public:
  // Opens or creates the file (sparse, a few MiB at most) and maps it.
  explicit LiveState(const std::string& path);
  LiveState(const LiveState&) = delete;
  LiveState& operator=(const LiveState&) = delete;
  ~LiveState();

  // 0 while nothing was ever published (a new or unrecognisable file).
  uint64_t generation() const;
  // The text in force and the stamp it was published with; nullopt when none is.
  std::optional<std::string_view> text() const;
  TextStamp stamp() const;
  // Makes `text` the state in force (at most kMaxText bytes); returns the new generation.
  uint64_t publish(std::string_view text, const TextStamp& stamp);

  static constexpr size_t kMaxText = 4u << 20;  // the state file's own limit

 private:
  struct Header;
  Header* header() const;
  bool valid() const;

  std::string path_;
  UniqueFd fd_;
  void* map_ = nullptr;
  size_t map_size_ = 0;
};

}  // namespace imapi::device::emu
