// Where the emulated drive's state lives between commands, shared by every
// process and thread that drives one disc (as one physical drive serializes
// its command queue):
//   disc.lock  an exclusive flock held for the whole of each command;
//   disc.live  the current state (live_state.hpp), published by every command
//              that changes it; a process reparses it only when another one
//              published since its own last look (the generation differs);
//   disc.state the same text as a human-readable file, rewritten atomically
//              only at checkpoints: the points that define what a power loss
//              returns to (SYNCHRONIZE CACHE, CLOSE, BLANK, FORMAT), faults,
//              and every command but WRITE and READ BUFFER CAPACITY that
//              changes the state. So a burn's stream of WRITEs costs one
//              memory copy of the state each, not a file rename.
// A disc.state replaced or deleted behind the drive's back wins over
// disc.live when a drive is opened (that is how a user starts over).
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/unique_fd.hpp"
#include "device/emu/drive_state.hpp"
#include "device/emu/live_state.hpp"

namespace imapi::device::emu {

// What a command did to the state it was handed.
struct StateChange {
  bool changed = false;     // publish it to the other processes
  bool checkpoint = false;  // ... and rewrite disc.state
};

class StateStore {
 public:
  // `dir` must exist. `blank` makes the disc of an empty directory.
  StateStore(std::string dir, std::function<EmuState()> blank);

  // Runs `command` on the current state under the drive's lock and publishes
  // what it reports as changed. If `command` throws, nothing is published and
  // the state is reloaded from disc.live by the next call.
  void transact(const std::function<StateChange(EmuState&)>& command);
  // The current state (a copy), under the lock.
  EmuState snapshot();

 private:
  class FileLock;
  EmuState& current();       // with the lock held
  void adopt_text_file();    // with the lock held: disc.state (or a blank disc) becomes the state in force
  void publish(const EmuState& s, bool checkpoint);
  int lock_fd();

  std::string dir_;
  std::function<EmuState()> blank_;
  std::mutex mutex_;  // threads of this process; the flock serializes processes
  UniqueFd lock_fd_;
  int lock_pid_ = 0;  // a forked child shares the parent's lock description: it opens its own
  LiveState live_;
  EmuState cache_;
  uint64_t cache_generation_ = 0;  // 0: cache_ holds nothing
};

}  // namespace imapi::device::emu
