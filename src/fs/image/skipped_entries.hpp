// What AddTree left out of an image: host entries no image can hold (FIFOs,
// sockets, devices) and links skipped by the symlink policy. Bounded: the
// first kPathsPerKind paths of each kind are kept and the rest only counted,
// so a tree of a million sockets costs six counters, not a million strings.
#pragma once

#include <sys/types.h>

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>

#include "core/utf8.hpp"
#include "imapi_c.h"

namespace imapi::fs {

enum class SkipReason : int32_t {
  fifo = IMAPI_SKIPPED_FIFO,
  socket = IMAPI_SKIPPED_SOCKET,
  character_device = IMAPI_SKIPPED_CHARACTER_DEVICE,
  block_device = IMAPI_SKIPPED_BLOCK_DEVICE,
  symlink = IMAPI_SKIPPED_SYMLINK,
  other = IMAPI_SKIPPED_OTHER,
};

// Why an entry of this host file type (st_mode) cannot be stored; none for the
// types an image holds (directory, regular file, symbolic link).
std::optional<SkipReason> unstorable_reason(mode_t mode);

struct SkippedEntry {
  std::string host_path;
  SkipReason reason;
};

class SkippedEntries {
 public:
  static constexpr int64_t kPathsPerKind = IMAPI_SKIPPED_PATHS_PER_KIND;

  // A state to return to (an AddTree's undo record holds one).
  struct Mark {
    size_t kept = 0;
    std::array<int64_t, IMAPI_SKIPPED_OTHER + 1> totals{};
  };

  // `host_path` is called only when the path is kept (as UTF-8: the C ABI's
  // strings are, and a FIFO's name need not be).
  template <typename MakePath>
  void add(SkipReason why, MakePath&& host_path) {
    if (totals_[index(why)]++ < kPathsPerKind) kept_.push_back({utf8::repaired(host_path()), why});
  }
  Mark mark() const { return {kept_.size(), totals_}; }
  void truncate(const Mark& m);

  // Entries skipped for `reason` (an IMAPI_SKIPPED_*), or of every kind for 0;
  // any other value is IMAPI_E_INVALIDARG.
  int64_t total(int32_t reason) const;
  // The kept entries, in the order the walks met them.
  int64_t kept() const { return static_cast<int64_t>(kept_.size()); }
  // IMAPI_E_INVALIDARG for an index outside [0, kept()).
  const SkippedEntry& entry(int64_t index) const;

 private:
  static size_t index(SkipReason why) { return static_cast<size_t>(why); }
  // A deque: adding never moves an entry, so the C ABI's borrowed host_path
  // stays valid while later AddTree calls record more.
  std::deque<SkippedEntry> kept_;
  std::array<int64_t, IMAPI_SKIPPED_OTHER + 1> totals_{};  // by IMAPI_SKIPPED_*; [0] unused
};

}  // namespace imapi::fs
