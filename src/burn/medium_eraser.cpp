#include "burn/medium_eraser.hpp"

#include <chrono>
#include <functional>
#include <optional>

#include "burn/drive_ops.hpp"
#include "core/error.hpp"
#include "device/drive_queries.hpp"
#include "imapi_c.h"
#include "mmc/commands.hpp"
#include "mmc/disc_information.hpp"
#include "mmc/parameter_lists.hpp"
#include "mmc/profiles.hpp"

namespace imapi::burn {

namespace {

using mmc::Profile;

constexpr auto kPatience = std::chrono::hours(1);  // IMAPI gives up on an erase after an hour
constexpr auto kPollInterval = std::chrono::milliseconds(200);

bool is(uint16_t profile, Profile p) { return profile == static_cast<uint16_t>(p); }

std::string medium_name(uint16_t profile) { return std::string(mmc::profile_name(profile)); }

bool overwritable(uint16_t p) {
  return is(p, Profile::kDvdPlusRw) || is(p, Profile::kDvdRam) || is(p, Profile::kBdRewritable);
}


// A disc that is there and not write-protected.
device::MediaStatus present_medium(device::Transport& t) {
  auto m = device::media_status(t);
  if (!m.present) throw Error(IMAPI_E_RECORDER_MEDIA_NO_MEDIA, "there is no disc in the drive: insert a rewritable disc");
  if (m.write_protect != 0)
    throw Error(IMAPI_E_RECORDER_MEDIA_WRITE_PROTECTED, "the disc is write-protected: remove the protection or use another disc");
  return m;
}

// What erase and format begin with: the clock started, the client name
// checked, the drive held (until `body` returns or throws), a disc present
// and writable; then `body` on the medium.
void with_medium(device::Recorder& recorder, const EraseOptions& o, BurnControl& control,
                 const std::function<void(device::Transport&, const device::MediaStatus&)>& body) {
  control.board.begin(0, 0);
  announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_VALIDATING_MEDIA);
  check_erase_client_name(o.client_name);
  ExclusiveHold hold(recorder, o.client_name);
  device::Transport& t = recorder.transport();
  body(t, present_medium(t));
}

// One long operation: the command sent with IMMED (the last point a cancel
// stops anything), then the drive polled until ready, its progress indication
// posted as the part of `sectors` done, so that the board estimates the total time.
// A second operation of the same format (`first` false) follows at once: no cancel point.
void run_long_operation(device::Recorder& recorder, BurnControl& control, int64_t sectors, const std::string& what,
                        const std::function<void()>& send, bool first = true) {
  const int64_t scale = sectors > 0 ? sectors : 65536;
  control.board.set_sector_count(scale);
  control.board.written_up_to(-1);
  if (first) announce(control, IMAPI_FORMAT2_DATA_WRITE_ACTION_FORMATTING_MEDIA);
  try {
    send();
  } catch (const Error& e) {
    if (e.code() == IMAPI_E_RECORDER_LOCKED || e.code() == IMAPI_E_RECORDER_MEDIA_NO_MEDIA) throw;
    throw Error(IMAPI_E_ERASE_DRIVE_FAILED_ERASE_COMMAND,
                "the drive refused " + what + " (" + e.message() + "); nothing was changed on the disc", e.detail());
  }
  auto on_poll = [&](std::optional<uint16_t> progress) {
    if (progress) control.board.written_up_to(int64_t{*progress} * scale / 65536 - 1);
    // The drive cannot be stopped now: a cancel asked for from here on is not honoured.
    if (control.update) control.update(control.board.snapshot());
  };
  bool done = false;
  try {
    done = wait_with_progress(recorder.raw_transport(), kPatience, kPollInterval, on_poll);
  } catch (const Error& e) {
    throw Error(IMAPI_E_ERASE_UNEXPECTED_DRIVE_RESPONSE_DURING_ERASE,
                "the drive reported an error during " + what + " (" + e.message() +
                    "); the disc's state is unknown: erase or format it again",
                e.detail());
  }
  if (!done)
    throw Error(IMAPI_E_ERASE_TOOK_LONGER_THAN_ONE_HOUR,
                what + " did not finish within an hour; the drive may still be busy: wait, then check the disc");
  control.board.written_up_to(scale - 1);
  control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
  if (control.update) control.update(control.board.snapshot());
}

[[noreturn]] void not_erasable(uint16_t profile) {
  const std::string name = medium_name(profile);
  if (overwritable(profile))
    throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
                "a " + name + " is not erased: it is overwritten in place; write over it (ForceOverwrite) or format it "
                "(FormatMedia); erase takes CD-RW and DVD-RW");
  throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
              "the disc in the drive (" + name + ") cannot be erased: erase takes CD-RW and DVD-RW; nothing was written");
}

// What FORMAT UNIT gets: one descriptor, and the CLOSE function that ends a DVD+RW's format.
struct FormatStep {
  uint8_t type = 0;
  uint8_t subtype = 0;
  std::optional<mmc::CloseFunction> close;  // DVD+RW: stop (quick) or complete (full) the background format
  bool nothing_to_do = false;               // BD-R without spares: an unformatted BD-R is already that
};

// MMC-6 format types per medium (docs/burn-engine.md, "Erase and format").
FormatStep format_step(uint16_t p, const EraseOptions& o, bool formatted) {
  const bool no_spares = o.spares == Spares::kNone;
  const bool bd = is(p, Profile::kBdRewritable) || is(p, Profile::kBdRSequential);
  if (no_spares && !bd)
    throw Error(IMAPI_E_INVALIDARG, "only BD-RE and BD-R have a choice of spare areas; a " + medium_name(p) +
                                        " is formatted with its own layout: leave spares at the default");
  FormatStep s;
  if (is(p, Profile::kDvdPlusRw)) {
    s.type = 0x26;
    s.close = o.full ? mmc::CloseFunction::kSession : mmc::CloseFunction::kStopBackgroundFormat;
  } else if (is(p, Profile::kBdRewritable)) {
    // Subtypes: 00b quick reformat, 10b full certification, 11b quick certification.
    s.type = no_spares ? 0x31 : 0x30;
    s.subtype = o.full ? 0x02 : (formatted ? 0x00 : 0x03);
    if (no_spares && !o.full) s.subtype = 0x00;
  } else if (is(p, Profile::kBdRSequential)) {
    if (!formatted && no_spares) s.nothing_to_do = true;  // SRM without spare areas: how a blank BD-R comes
    s.type = 0x32;
  } else if (is(p, Profile::kDvdRam)) {
    s.type = 0x00;
  } else if (is(p, Profile::kDvdDashRwSequential) || is(p, Profile::kDvdDashRewritable)) {
    s.type = o.full ? 0x00 : 0x15;  // full format, or quick format to restricted overwrite
  }
  return s;
}

}  // namespace

void check_erase_client_name(const std::string& name) {
  try {
    device::check_client_name(name);
  } catch (const Error& e) {
    throw Error(IMAPI_E_ERASE_CLIENT_NAME_IS_NOT_VALID,
                name.empty() ? "set the client name (ClientName) before erasing: it names who holds the drive"
                             : e.message());
  }
}

bool erasable_profile(uint16_t p) {
  return is(p, Profile::kCdRewritable) || is(p, Profile::kDvdDashRwSequential) || is(p, Profile::kDvdDashRewritable);
}

bool formattable_profile(uint16_t p) {
  return is(p, Profile::kDvdPlusRw) || is(p, Profile::kBdRewritable) || is(p, Profile::kBdRSequential) ||
         is(p, Profile::kDvdRam) || is(p, Profile::kDvdDashRwSequential) || is(p, Profile::kDvdDashRewritable);
}

void erase_medium(device::Recorder& recorder, const EraseOptions& o, BurnControl& control) {
  with_medium(recorder, o, control, [&](device::Transport& t, const device::MediaStatus& m) {
    if (!erasable_profile(m.profile)) not_erasable(m.profile);
    const auto info = mmc::parse_disc_information(device::disc_information(t));
    if (!info.erasable)
      throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_ERASABLE,
                  "the drive reports this " + medium_name(m.profile) + " as not erasable (disc information): use another disc");
    const auto type = o.full ? mmc::BlankType::kFull : mmc::BlankType::kMinimal;
    run_long_operation(recorder, control, m.total_sectors, o.full ? "the full erase (BLANK)" : "the quick erase (BLANK)", [&] {
      device::run_command(t, mmc::blank(type, true), device::DataDirection::kNone, {}, "BLANK");
    });
  });
}

void format_medium(device::Recorder& recorder, const EraseOptions& o, BurnControl& control) {
  with_medium(recorder, o, control, [&](device::Transport& t, const device::MediaStatus& m) {
    if (!formattable_profile(m.profile))
      throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
                  "the disc in the drive (" + medium_name(m.profile) +
                      ") has no format: format takes DVD+RW, DVD-RW, DVD-RAM, BD-RE and a blank BD-R; nothing was written" +
                      (erasable_profile(m.profile) ? " (a CD-RW is erased instead: EraseMedia)" : ""));
    if (is(m.profile, Profile::kBdRSequential) && !(m.state & IMAPI_FORMAT2_DATA_MEDIA_STATE_BLANK))
      throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
                  "a BD-R is formatted (SRM with spare areas) only while blank, and this one holds data; nothing was written");
    const FormatStep step = format_step(m.profile, o, format_state(t, 0x00).formatted);
    if (step.nothing_to_do) {
      control.board.set_sector_count(1);
      control.board.written_up_to(0);
      control.board.set_action(IMAPI_FORMAT2_DATA_WRITE_ACTION_COMPLETED);
      if (control.update) control.update(control.board.snapshot());
      return;
    }
    const auto offer = format_state(t, step.type);
    if (!offer.offered_blocks)
      throw Error(IMAPI_E_ERASE_MEDIA_IS_NOT_SUPPORTED,
                  "the drive offers no format of type " + std::to_string(step.type) + " for this " +
                      medium_name(m.profile) + " (READ FORMAT CAPACITIES); nothing was written");
    const int64_t sectors = *offer.offered_blocks;
    run_long_operation(recorder, control, sectors, "the format (FORMAT UNIT)", [&] {
      auto list = mmc::format_unit_parameters(step.type, *offer.offered_blocks, offer.offered_parameter, true, step.subtype);
      device::run_command(t, mmc::format_unit(), device::DataDirection::kToDevice, list, "FORMAT UNIT");
    });
    if (step.close) {
      // DVD+RW: the drive formats in the background; quick stops it (the drive
      // finishes what is needed when written), full has the drive complete it.
      run_long_operation(recorder, control, sectors, "finishing the DVD+RW format (CLOSE TRACK/SESSION)", [&] {
        device::run_command(t, mmc::close_track_session(*step.close, 0, true), device::DataDirection::kNone, {},
                            "CLOSE TRACK/SESSION");
      }, false);
    }
  });
}

}  // namespace imapi::burn
