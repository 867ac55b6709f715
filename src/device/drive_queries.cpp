#include "device/drive_queries.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "core/error.hpp"
#include "device/command_error.hpp"
#include "device/command_policy.hpp"
#include "mmc/bytes.hpp"
#include "mmc/capacity.hpp"
#include "mmc/commands.hpp"
#include "mmc/configuration.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/mode_pages.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/profiles.hpp"
#include "mmc/sense.hpp"
#include "mmc/status.hpp"
#include "mmc/track_information.hpp"

namespace imapi::device {

namespace {

namespace st = mmc::status;

// The sense of a CHECK CONDITION result (command_error when the drive sent none).
mmc::Sense sense_of(const CommandResult& r, std::string_view name) {
  if (r.sense_length == 0) throw command_error(r, name);
  return mmc::decode_sense(r.sense_bytes());
}

// A data-in command whose reply is at most `allocation` bytes: the bytes that arrived.
std::vector<uint8_t> read_reply(Transport& t, const mmc::Cdb& cdb, size_t allocation, std::string_view name) {
  std::vector<uint8_t> buf(allocation, 0);
  buf.resize(run_command(t, cdb, DataDirection::kFromDevice, buf, name));
  return buf;
}

void require_length(const std::vector<uint8_t>& reply, size_t n, std::string_view name) {
  if (reply.size() < n)
    throw Error(st::kInvalidResponseFromDevice, std::string(name) + ": the drive's reply is too short (" +
                                                    std::to_string(reply.size()) + " bytes)");
}

// GET CONFIGURATION, re-issued with a larger allocation when the first reply was cut short.
mmc::Configuration configuration(Transport& t, mmc::ConfigurationRequest rt, uint16_t start) {
  try {
    auto reply = read_reply(t, mmc::get_configuration(rt, start, 4096), 4096, "GET CONFIGURATION");
    auto config = mmc::parse_configuration(reply);
    if (!config.complete && config.data_length + 4 > reply.size()) {
      size_t want = std::min<size_t>(config.data_length + 4, 0xFFFF);
      reply = read_reply(t, mmc::get_configuration(rt, start, static_cast<uint16_t>(want)), want, "GET CONFIGURATION");
      config = mmc::parse_configuration(reply);
    }
    return config;
  } catch (const Error& e) {
    if (e.detail().sense_key == mmc::sense_key::kIllegalRequest && e.detail().asc == 0x20)
      throw Error(st::kGetConfigurationNotSupported,
                  "the drive does not support GET CONFIGURATION (an MMC-1 drive): its features and profiles are unknown",
                  e.detail());
    throw;
  }
}

uint8_t page_control(int32_t request_type) {
  if (request_type < kModeCurrent || request_type > kModeSaved)
    throw Error(IMAPI_E_INVALIDARG, "mode page request type " + std::to_string(request_type) +
                                        " is not an IMAPI_MODE_PAGE_REQUEST_TYPE (0 current, 1 changeable, 2 default, 3 saved)");
  return static_cast<uint8_t>(request_type);
}

mmc::ModeParameters mode_sense(Transport& t, uint8_t code, int32_t request_type) {
  auto reply = read_reply(t, mmc::mode_sense10(code, 0xFFF8, page_control(request_type)), 0xFFF8, "MODE SENSE");
  return mmc::parse_mode_sense10(reply);
}

const char* const kRequestTypeNames[] = {"current", "changeable", "default", "saved"};

// MODE SENSE of `code` (3Fh: every page), with the drive's "no such page" answers as
// E_IMAPI_RECORDER_NO_SUCH_MODE_PAGE: 05/24/00 (no such page or page control) and
// 05/39/00 (saving parameters not supported: a drive without saved pages, asked for them).
mmc::ModeParameters mode_sense_or_no_such_page(Transport& t, uint8_t code, int32_t request_type) {
  try {
    return mode_sense(t, code, request_type);
  } catch (const Error& e) {
    const auto& d = e.detail();
    if (d.sense_key == mmc::sense_key::kIllegalRequest && (d.asc == 0x24 || d.asc == 0x39)) {
      char what[40];
      if (code == 0x3F) std::snprintf(what, sizeof what, "any mode page");
      else std::snprintf(what, sizeof what, "mode page %02Xh", code);
      std::string message = std::string("the drive has no ") + what + " of request type " +
                            kRequestTypeNames[request_type] + " (" + std::to_string(request_type) + ")";
      if (d.asc == 0x39) message += ": it saves no mode parameters";
      throw Error(st::kNoSuchModePage, message, d);
    }
    throw;
  }
}

// A reply whose first two bytes count the bytes after them, cut to that length.
std::vector<uint8_t> length_prefixed(std::vector<uint8_t> reply, std::string_view name) {
  require_length(reply, 4, name);
  size_t n = std::min<size_t>(reply.size(), (size_t{reply[0]} << 8 | reply[1]) + 2);
  reply.resize(n);
  return reply;
}

}  // namespace

size_t run_command(Transport& t, const mmc::Cdb& cdb, DataDirection direction, std::span<uint8_t> buffer,
                   std::string_view name) {
  auto r = t.execute(cdb.bytes(), direction, buffer);
  check_command(r, name);
  return direction == DataDirection::kNone ? 0 : buffer.size() - std::min(r.residual, buffer.size());
}

mmc::InquiryData inquiry(Transport& t) {
  auto reply = read_reply(t, mmc::inquiry(96), 96, "INQUIRY");
  require_length(reply, 36, "INQUIRY");
  return mmc::parse_inquiry(reply);
}

std::vector<int32_t> feature_codes(Transport& t, bool current_only) {
  auto config = configuration(t, current_only ? mmc::ConfigurationRequest::kCurrent : mmc::ConfigurationRequest::kAll, 0);
  std::vector<int32_t> codes;
  for (const auto& f : config.features)
    if (!current_only || f.current) codes.push_back(f.code);
  return codes;
}

std::vector<uint8_t> feature_page(Transport& t, uint16_t code, bool current_only) {
  auto config = configuration(t, mmc::ConfigurationRequest::kOne, code);
  const auto* f = config.find(code);
  char hex[8];
  std::snprintf(hex, sizeof hex, "%04Xh", code);
  if (!f) throw Error(st::kNoSuchFeature, std::string("the drive does not report feature ") + hex);
  if (current_only && !f->current)
    throw Error(st::kFeatureIsNotCurrent,
                std::string("feature ") + hex + " is supported but not current (it may need another medium)");
  // The descriptor as the drive sent it: 4-byte header, then at most 252 bytes of data.
  const size_t n = std::min<size_t>(f->data.size(), 252);
  std::vector<uint8_t> bytes(4 + n);
  mmc::put_be16(bytes.data(), f->code);
  bytes[2] = static_cast<uint8_t>((f->version << 2) | (f->persistent ? 2 : 0) | (f->current ? 1 : 0));
  bytes[3] = static_cast<uint8_t>(n);
  std::copy_n(f->data.begin(), n, bytes.begin() + 4);
  return bytes;
}

std::vector<int32_t> profiles(Transport& t, bool current_only) {
  auto config = configuration(t, mmc::ConfigurationRequest::kOne, 0);
  const auto* list = config.find(static_cast<uint16_t>(mmc::Feature::kProfileList));
  std::vector<int32_t> out;
  if (!list) return out;
  for (const auto& p : mmc::parse_profile_list(*list))
    if (!current_only || p.current) out.push_back(p.profile);
  return out;
}

std::vector<uint8_t> mode_page(Transport& t, uint8_t code, int32_t request_type) {
  if (code == 0 || code >= 0x3F) throw Error(IMAPI_E_INVALIDARG, "mode page code must be 01h to 3Eh");
  const mmc::ModeParameters params = mode_sense_or_no_such_page(t, code, request_type);
  const auto* page = params.find(code);
  if (!page) throw Error(st::kNoSuchModePage, "the drive did not return the mode page asked for");
  return page->bytes;
}

std::vector<int32_t> mode_page_codes(Transport& t, int32_t request_type) {
  std::vector<int32_t> codes;
  for (const auto& p : mode_sense_or_no_such_page(t, 0x3F, request_type).pages) codes.push_back(p.code);
  return codes;
}

void set_mode_page(Transport& t, int32_t request_type, std::span<const uint8_t> page) {
  if (request_type != kModeCurrent && request_type != kModeSaved)
    throw Error(IMAPI_E_INVALIDARG, "SetModePage takes request type 0 (current values) or 3 (saved values)");
  if (page.size() < 2 || page.size() != size_t{page[1]} + 2u)
    throw Error(IMAPI_E_INVALIDARG, "the mode page must be its code byte, its length byte and exactly that many bytes");
  auto list = mmc::mode_select_parameter_list(page);
  run_command(t, mmc::mode_select10(static_cast<uint16_t>(list.size()), true, request_type == kModeSaved),
              DataDirection::kToDevice, list, "MODE SELECT");
}

std::vector<uint8_t> disc_information(Transport& t) {
  return length_prefixed(read_reply(t, mmc::read_disc_information(0xFFFF), 0xFFFF, "READ DISC INFORMATION"),
                         "READ DISC INFORMATION");
}

std::vector<uint8_t> track_information(Transport& t, uint32_t address, int32_t address_type) {
  if (address_type < 0 || address_type > 2)
    throw Error(IMAPI_E_INVALIDARG, "address type must be an IMAPI_READ_TRACK_ADDRESS_TYPE (0 LBA, 1 track, 2 session)");
  auto cdb = mmc::read_track_information(static_cast<mmc::TrackAddressType>(address_type), address, 0xFFFF);
  return length_prefixed(read_reply(t, cdb, 0xFFFF, "READ TRACK INFORMATION"), "READ TRACK INFORMATION");
}

namespace {
// An ILLEGAL REQUEST about the structure's fields or the medium: the structure is not there.
template <typename F>
auto dvd_structure_command(F&& f) {
  try {
    return f();
  } catch (const Error& e) {
    const auto& d = e.detail();
    if (d.sense_key == mmc::sense_key::kIllegalRequest && (d.asc == 0x24 || d.asc == 0x30))
      throw Error(st::kDvdStructureNotPresent,
                  "the drive has no such DVD structure for this medium (" + std::string(e.what()) + ")", d);
    throw;
  }
}
}  // namespace

std::vector<uint8_t> read_dvd_structure(Transport& t, uint8_t format, uint32_t address, uint8_t layer, uint8_t agid) {
  if (agid > 3) throw Error(IMAPI_E_INVALIDARG, "the AGID is 0 to 3");
  return dvd_structure_command([&] {
    auto cdb = mmc::read_disc_structure(0, format, 0xFFFF, address, layer, agid);
    return length_prefixed(read_reply(t, cdb, 0xFFFF, "READ DISC STRUCTURE"), "READ DISC STRUCTURE");
  });
}

void send_dvd_structure(Transport& t, uint8_t format, std::span<const uint8_t> data) {
  if (data.empty() || data.size() > 0xFFFF) throw Error(IMAPI_E_INVALIDARG, "a DVD structure is 1 to 65,535 bytes");
  const auto cdb = mmc::send_disc_structure(0, format, static_cast<uint16_t>(data.size()));  // media type 0: DVD
  std::vector<uint8_t> list(data.begin(), data.end());
  dvd_structure_command([&] { return run_command(t, cdb, DataDirection::kToDevice, list, "SEND DISC STRUCTURE"); });
}

bool can_load_media(Transport& t) {
  auto page = mmc::parse_capabilities_page(mode_page(t, 0x2A, kModeCurrent));
  return page.loading_mechanism == 1 || page.loading_mechanism >= 4;  // tray or changer
}

MediaStatus media_status(Transport& t) {
  // IMAPI_FORMAT2_DATA_MEDIA_STATE and IMAPI_MEDIA_WRITE_PROTECT_STATE bits.
  constexpr int32_t kOverwriteOnly = 0x1, kBlank = 0x2, kAppendable = 0x4, kDamaged = 0x400, kWriteProtected = 0x2000,
                    kFinalized = 0x4000, kUnsupported = 0x8000;
  constexpr int32_t kReadOnlyMedia = 0x4000, kSoftwareWriteProtect = 0x8;

  MediaStatus m;
  auto tur = t.execute(mmc::test_unit_ready().bytes(), DataDirection::kNone, {});
  if (tur.status == scsi_status::kCheckCondition) {
    const auto tur_meaning = interpret_result(tur).meaning;
    if (tur_meaning.status == st::kMediaNoMedia) return m;
    // A unit attention the transport did not re-issue through still says a medium is there.
    if (tur_meaning.recovery != mmc::Recovery::kRetryNow && tur_meaning.recovery != mmc::Recovery::kRecovered)
      throw mmc::sense_error("TEST UNIT READY", sense_of(tur, "TEST UNIT READY"));
  }
  m.present = true;
  auto config = configuration(t, mmc::ConfigurationRequest::kOne, 0);
  m.profile = config.current_profile;
  m.physical_type = static_cast<int32_t>(mmc::media_type_of(m.profile));
  if (!mmc::is_writable_profile(m.profile)) m.write_protect |= kReadOnlyMedia;
  auto header = mode_sense(t, 0x2A, kModeCurrent);
  if (header.device_specific & 0x80) m.write_protect |= kSoftwareWriteProtect;

  auto info = mmc::parse_disc_information(disc_information(t));
  // Overwritable media: the drive's "other" disc status, or a random-writable
  // profile (an unformatted DVD+RW reports itself blank until its first write).
  static constexpr uint16_t kRandomProfiles[] = {0x12, 0x13, 0x1A, 0x2A, 0x42, 0x43};
  bool random = info.disc_status == mmc::DiscStatus::kOther ||
                std::find(std::begin(kRandomProfiles), std::end(kRandomProfiles), m.profile) != std::end(kRandomProfiles);
  // The session count includes the empty or open one a drive reports on appendable discs.
  m.sessions = info.sessions - (info.last_session_state == mmc::SessionState::kEmpty && info.sessions > 0 ? 1 : 0);
  if (random) {
    m.state |= kOverwriteOnly;
    // The formatted (or, unformatted, the formattable) capacity: READ FORMAT CAPACITIES' current descriptor.
    auto caps = mmc::parse_format_capacities(
        read_reply(t, mmc::read_format_capacities(0xFFFC), 0xFFFC, "READ FORMAT CAPACITIES"));
    m.total_sectors = m.free_sectors = caps.current_blocks;
    if (m.sessions == 0) m.sessions = 1;  // random-access media read as one session
  } else if (info.disc_status == mmc::DiscStatus::kFinalized) {
    m.state |= kFinalized;
    m.total_sectors = static_cast<int64_t>(
        mmc::parse_read_capacity(read_reply(t, mmc::read_capacity(), 8, "READ CAPACITY")).blocks());
  } else {
    m.state |= info.disc_status == mmc::DiscStatus::kEmpty ? kBlank : kAppendable;
    auto track = mmc::parse_track_information(track_information(t, mmc::kInvisibleTrack, 1));
    m.next_writable = track.nwa_valid ? track.next_writable : track.start;
    m.free_sectors = track.free_blocks;
    m.total_sectors = m.next_writable + m.free_sectors;
  }
  if (info.last_session_state == mmc::SessionState::kDamaged) m.state |= kDamaged;
  if (m.write_protect != 0) m.state |= kWriteProtected;
  if (m.physical_type == 0) m.state |= kUnsupported;
  return m;
}

}  // namespace imapi::device
