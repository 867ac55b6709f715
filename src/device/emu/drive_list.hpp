// IMAPI_EMU_DRIVES: the emulated drives of a process, as `;`-separated emu:
// URIs. The one reader of the variable, for the library (IDiscMaster2's
// enumeration) and the LD_PRELOAD shim (/dev/srN), so both number the same
// drives the same way: the Nth URI of the list is index N and /dev/srN.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace imapi::device::emu {

inline constexpr const char* kDrivesVariable = "IMAPI_EMU_DRIVES";

// The URIs in order. Empty entries (";;", a trailing ';') are skipped, and a
// URI given twice counts once, at its first place: one disc directory is one
// drive. URIs are compared as written (the unique ID is the URI exactly).
std::vector<std::string> parse_drive_list(std::string_view list);

// parse_drive_list of IMAPI_EMU_DRIVES as the environment holds it now (none when unset).
std::vector<std::string> drive_list_from_environment();

}  // namespace imapi::device::emu
