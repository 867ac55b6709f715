// What IDiscRecorder2 and IDiscRecorder2Ex ask a drive, as MMC commands over
// any Transport (real or emulated). Each query runs its command, turns a
// CHECK CONDITION into the IMAPI error its sense means (key/ASC/ASCQ in the
// error detail), and hands back parsed values or the raw reply IMAPI returns.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "device/transport.hpp"
#include "mmc/cdb.hpp"
#include "mmc/inquiry.hpp"

namespace imapi::device {

// Runs one command over `t` (a recorder's transport(): per-opcode timeout and
// retries, command_policy.hpp); a result that is not GOOD throws
// command_error(result, name) (command_error.hpp), except RECOVERED ERROR and
// NO SENSE, where the command completed.
// Returns the number of bytes transferred (buffer size minus residual).
size_t run_command(Transport& t, const mmc::Cdb& cdb, DataDirection direction, std::span<uint8_t> buffer,
                   std::string_view name);

mmc::InquiryData inquiry(Transport& t);

// Feature codes GET CONFIGURATION reports (RT 0), or only the current ones (RT 1).
// E_IMAPI_RECORDER_GET_CONFIGURATION_NOT_SUPPORTED when the drive lacks the command.
std::vector<int32_t> feature_codes(Transport& t, bool current_only);
// One whole feature descriptor (header included, at most 256 bytes).
// E_IMAPI_RECORDER_NO_SUCH_FEATURE / _FEATURE_IS_NOT_CURRENT.
std::vector<uint8_t> feature_page(Transport& t, uint16_t code, bool current_only);
// Profile numbers of the Profile List feature, all or only the current one(s).
std::vector<int32_t> profiles(Transport& t, bool current_only);

// IMAPI_MODE_PAGE_REQUEST_TYPE: MODE SENSE's page control field.
inline constexpr int32_t kModeCurrent = 0, kModeChangeable = 1, kModeDefault = 2, kModeSaved = 3;
// One mode page, its 2-byte header included. E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE.
std::vector<uint8_t> mode_page(Transport& t, uint8_t code, int32_t request_type);
// Codes of every page MODE SENSE page 3Fh returns for the request type.
std::vector<int32_t> mode_page_codes(Transport& t, int32_t request_type);
// MODE SELECT(10) of one page (current values, or saved with request type 3).
void set_mode_page(Transport& t, int32_t request_type, std::span<const uint8_t> page);

// Raw READ DISC INFORMATION / READ TRACK INFORMATION replies, cut to the length the drive reports.
std::vector<uint8_t> disc_information(Transport& t);
std::vector<uint8_t> track_information(Transport& t, uint32_t address, int32_t address_type);

// READ DISC STRUCTURE (media type DVD) reply, cut to its length field; SEND DISC
// STRUCTURE of a caller's parameter list. E_IMAPI_RECORDER_DVD_STRUCTURE_NOT_PRESENT
// when the drive or medium has no such structure.
std::vector<uint8_t> read_dvd_structure(Transport& t, uint8_t format, uint32_t address, uint8_t layer, uint8_t agid);
void send_dvd_structure(Transport& t, uint8_t format, std::span<const uint8_t> data);

// Page 2Ah's loading mechanism is a tray or a changer: the drive can pull a disc in.
bool can_load_media(Transport& t);

// The medium in the drive, as the C ABI's imapi_media_info reports it.
struct MediaStatus {
  bool present = false;
  uint16_t profile = 0;
  int32_t physical_type = 0;    // IMAPI_MEDIA_PHYSICAL_TYPE
  int32_t state = 0;            // IMAPI_FORMAT2_DATA_MEDIA_STATE bits
  int32_t write_protect = 0;    // IMAPI_MEDIA_WRITE_PROTECT_STATE bits
  int32_t sessions = 0;         // complete or closed sessions holding data
  int64_t total_sectors = 0;    // user sectors, used + free
  int64_t free_sectors = 0;
  int64_t next_writable = 0;    // LBA of the next write (0 on random-access media)
};
MediaStatus media_status(Transport& t);

}  // namespace imapi::device
