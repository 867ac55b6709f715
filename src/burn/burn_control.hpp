// How a long drive operation (a write, an erase, a format) reports and is
// stopped, and the exclusive access it holds: shared by the data writer and
// the eraser so both announce, cancel and release the drive the same way.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "burn/burn_progress.hpp"
#include "device/recorder.hpp"

namespace imapi::burn {

// `update` runs on the calling thread with a snapshot (false cancels);
// `cancel` may be set from any thread.
struct BurnControl {
  ProgressBoard& board;
  std::function<bool(const BurnProgress&)> update;
  const std::atomic<bool>& cancel;
};

// The update as the write pipeline calls it: true to go on.
inline std::function<bool()> updater(BurnControl& c) {
  return [&c] { return !c.update || c.update(c.board.snapshot()); };
}

// A new phase: posted, reported, and the last point where a cancel is honoured
// before the phase starts (IMAPI_E_REQUEST_CANCELLED).
void announce(BurnControl& c, int32_t action);

// Exclusive access for the duration of the operation, released on every path.
class ExclusiveHold {
 public:
  ExclusiveHold(device::Recorder& r, const std::string& client) : r_(r) { r_.acquire_exclusive(false, client); }
  ~ExclusiveHold() {
    try {
      r_.release_exclusive();
    } catch (...) {
      // the handle's destructor drops what is left
    }
  }
  ExclusiveHold(const ExclusiveHold&) = delete;
  ExclusiveHold& operator=(const ExclusiveHold&) = delete;

 private:
  device::Recorder& r_;
};

}  // namespace imapi::burn
