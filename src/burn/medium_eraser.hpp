// IDiscFormat2Erase's EraseMedia (BLANK of CD-RW and DVD-RW), and formatting
// as libimapi's extension (FORMAT UNIT of DVD+RW, DVD-RW, DVD-RAM, BD-RE and
// BD-R): which command and format type each medium gets, and the drive's
// progress indication turned into the Update event's elapsed and estimated
// total time. What each choice rests on: docs/burn-engine.md ("Erase and format").
#pragma once

#include <cstdint>
#include <string>

#include "burn/burn_control.hpp"
#include "device/recorder.hpp"

namespace imapi::burn {

// BD spare areas of a format (the extension's choice; IMAPI has none).
enum class Spares : int32_t { kDefault = 0, kNone = 1 };

struct EraseOptions {
  std::string client_name;
  bool full = false;  // FullErase: BLANK the whole disc, not only its PMA/TOC/lead-in (quick); format: full certification
  Spares spares = Spares::kDefault;
};

// EraseMedia: BLANK (minimal, or full with options.full) with IMMED, the drive
// polled until done. CD-RW and DVD-RW only (a restricted-overwrite DVD-RW
// becomes sequential again); any other medium: IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED
// with nothing sent. Cancel is honoured until BLANK is sent; then the drive
// cannot stop, and the erase runs to its end.
void erase_medium(device::Recorder& recorder, const EraseOptions& options, BurnControl& control);

// The extension: FORMAT UNIT for the medium in the drive, as format_medium's
// table in medium_eraser.cpp says, polled until done, cancel as for erase.
void format_medium(device::Recorder& recorder, const EraseOptions& options, BurnControl& control);

// Whether EraseMedia blanks a medium of this profile (CD-RW, DVD-RW sequential
// or restricted overwrite), and whether format_medium formats it.
bool erasable_profile(uint16_t profile);
// ClientName's rule with IMAPI's erase code (IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID):
// checked when the name is set and again when an erase or format starts.
void check_erase_client_name(const std::string& name);
bool formattable_profile(uint16_t profile);

}  // namespace imapi::burn
