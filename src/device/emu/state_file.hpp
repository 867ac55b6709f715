// Persistence of the emulated disc and drive: a line-oriented text file
// ("key value ...") next to the data image, so a human can read what a test
// left behind. The reader is strict and bounds-checked: the file is untrusted
// input (a corrupt or hostile state file yields an imapi::Error, never UB).
#pragma once

#include <string>
#include <string_view>

#include "core/unique_fd.hpp"
#include "device/emu/drive_state.hpp"

namespace imapi::device::emu {

std::string serialize_state(const EmuState& s);
EmuState parse_state(std::string_view text);

// An exclusive lock (flock) on the drive's lock file for the duration of one
// command: commands from other processes and threads are serialized, which is
// what a real drive's single command queue does.
class DriveLock {
 public:
  explicit DriveLock(const std::string& lock_path);
  DriveLock(const DriveLock&) = delete;
  DriveLock& operator=(const DriveLock&) = delete;
  ~DriveLock();

 private:
  UniqueFd fd_;
};

// Reads the state file; returns false if there is none yet.
bool load_state(const std::string& path, EmuState& out);
// Writes to a temporary and renames over, so a reader never sees half a file.
void save_state(const std::string& path, const EmuState& s);

}  // namespace imapi::device::emu
