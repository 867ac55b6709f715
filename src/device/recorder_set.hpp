// The recorders a process sees (IDiscMaster2): the Linux optical drives, then
// the emulated drives named by IMAPI_EMU_DRIVES (read by emu/drive_list.hpp,
// as the LD_PRELOAD shim reads it) and those added at run time.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "device/recorder.hpp"

namespace imapi::device {

// Unique IDs: "linux-scsi:..." for real drives (see drive_enumeration.hpp),
// the URI itself for emulated ones. Enumerated afresh on each call.
std::vector<std::string> recorder_ids();

// Adds an emulated drive to this process's set (after those of IMAPI_EMU_DRIVES;
// a URI already in the set is not added twice). The URI is checked and the
// drive opened now (E_INVALIDARG naming the bad part otherwise), so a blank
// disc is inserted into an empty directory at once.
void add_emulated_drive(const std::string& uri);

// InitializeDiscRecorder: the recorder whose unique ID is `unique_id`
// (E_INVALIDARG, listing where IDs come from, when no recorder has it).
std::unique_ptr<Recorder> open_recorder(const std::string& unique_id);

}  // namespace imapi::device
