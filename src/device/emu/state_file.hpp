// Persistence of the emulated disc and drive: a line-oriented text file
// ("key value ...") next to the data image, so a human can read what a test
// left behind. The reader is strict and bounds-checked: the file is untrusted
// input (a corrupt or hostile state file yields an imapi::Error, never UB).
#pragma once

#include <string>
#include <string_view>

#include <optional>

#include "device/emu/drive_state.hpp"
#include "device/emu/live_state.hpp"

namespace imapi::device::emu {

std::string serialize_state(const EmuState& s);
EmuState parse_state(std::string_view text);

// Reads the state file; returns false if there is none yet.
bool load_state(const std::string& path, EmuState& out);
// Writes serialized state to a temporary and renames it over `path`, so a
// reader never sees half a file; returns the new file's stamp.
TextStamp save_state_text(const std::string& path, std::string_view text);
// The stamp of the file at `path`, nullopt when there is none.
std::optional<TextStamp> text_stamp(const std::string& path);

}  // namespace imapi::device::emu
