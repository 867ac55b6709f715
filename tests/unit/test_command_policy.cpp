// The command table (command_policy.hpp): timeouts and retry rules per
// opcode, the retry loop over a scripted drive, and that the two readers of
// a drive's answers, ManagedTransport (the library) and the sr-driver
// ioctls of the LD_PRELOAD shim (sr_ioctls.hpp), classify every sense, in
// fixed and descriptor format, the same way.
#include <catch2/catch.hpp>

#include <linux/cdrom.h>

#include <chrono>
#include <deque>
#include <vector>

#include "device/command_policy.hpp"
#include "device/emu/sr_ioctls.hpp"
#include "mmc/cdb.hpp"
#include "mmc/commands.hpp"
#include "mmc/sense.hpp"

using namespace imapi::device;
using namespace std::chrono_literals;
using imapi::mmc::Recovery;
namespace op = imapi::mmc::op;
using Bytes = std::vector<uint8_t>;

namespace {

// A drive that answers from a script (then GOOD) and records what it was sent.
struct ScriptedDrive final : Transport {
  std::deque<CommandResult> answers;
  std::vector<uint8_t> opcodes;
  std::vector<std::chrono::milliseconds> timeouts;
  CommandResult execute(std::span<const uint8_t> cdb, DataDirection, std::span<uint8_t>,
                        std::chrono::milliseconds timeout) override {
    opcodes.push_back(cdb[0]);
    timeouts.push_back(timeout);
    if (answers.empty()) return {};
    CommandResult r = answers.front();
    answers.pop_front();
    return r;
  }
};

CommandResult check_condition(const Bytes& sense) {
  CommandResult r;
  r.status = scsi_status::kCheckCondition;
  std::copy(sense.begin(), sense.end(), r.sense.begin());
  r.sense_length = static_cast<uint8_t>(sense.size());
  return r;
}

Bytes fixed(uint8_t key, uint8_t asc, uint8_t ascq) { return imapi::mmc::encode_fixed_sense(key, asc, ascq); }
Bytes descriptor(uint8_t key, uint8_t asc, uint8_t ascq) {
  return Bytes{0x72, key, asc, ascq, 0, 0, 0, 0};
}

CommandResult with_status(uint8_t status) {
  CommandResult r;
  r.status = status;
  return r;
}

struct Sent {
  size_t attempts;
  std::vector<unsigned> waits;
};

// Sends `cdb` through a ManagedTransport over a drive that answers `first` n times, then GOOD.
Sent through_managed(const imapi::mmc::Cdb& cdb, const CommandResult& first, size_t n = 1) {
  ScriptedDrive drive;
  for (size_t i = 0; i < n; ++i) drive.answers.push_back(first);
  Sent sent;
  ManagedTransport t([&]() -> Transport& { return drive; },
                     [&](std::chrono::milliseconds ms) { sent.waits.push_back(static_cast<unsigned>(ms.count())); });
  t.execute(cdb.bytes(), DataDirection::kNone, {});
  sent.attempts = drive.opcodes.size();
  return sent;
}

}  // namespace

TEST_CASE("command policy: the table names every command once, in order, with its timeout", "[device][policy]") {
  auto rules = command_rules();
  REQUIRE(rules.size() >= 40);
  for (size_t i = 0; i < rules.size(); ++i) {
    INFO(rules[i].name);
    CHECK_FALSE(rules[i].name.empty());
    CHECK(rules[i].timeout >= kDefaultCommandTimeout);
    if (i > 0) CHECK(rules[i - 1].opcode < rules[i].opcode);
    CHECK(command_rule(rules[i].opcode).name == rules[i].name);
    // Queries are safe to re-issue after a unit attention; commands that write the medium are not.
    if (rules[i].query) CHECK(rules[i].unit_attention_retries > 0);
  }
  CHECK(command_rule(op::kWrite10).name == "WRITE(10)");
  // The long commands: their timeouts exceed the 10 s default, the longest for FORMAT and BLANK.
  CHECK(command_timeout(op::kFormatUnit) == 2h);
  CHECK(command_timeout(op::kBlank) == 2h);
  CHECK(command_timeout(op::kCloseTrackSession) == 15min);
  CHECK(command_timeout(op::kSynchronizeCache) == 15min);
  CHECK(command_timeout(op::kWrite10) == 180s);
  CHECK(command_timeout(op::kWrite12) == 180s);
  CHECK(command_timeout(op::kRead10) == kDefaultCommandTimeout);
  for (uint8_t o : {op::kWrite10, op::kWrite12, op::kSynchronizeCache, op::kCloseTrackSession, op::kFormatUnit,
                    op::kBlank, op::kReserveTrack, op::kSendCueSheet}) {
    INFO(command_rule(o).name);
    CHECK_FALSE(command_rule(o).query);
    CHECK(command_rule(o).unit_attention_retries == 0);
    CHECK(command_rule(o).patience > 0ms);
  }
  CHECK(command_rule(op::kCloseTrackSession).patience >= 15min);  // an IMMED close before it may still be running
  CHECK(command_rule(op::kWrite10).patience >= 1min);
  // A vendor command: state-changing, default timeout, unit attentions returned.
  CommandRule vendor = command_rule(0xFF);
  CHECK(vendor.opcode == 0xFF);
  CHECK_FALSE(vendor.query);
  CHECK(vendor.timeout == kDefaultCommandTimeout);
  CHECK(vendor.unit_attention_retries == 0);
}

TEST_CASE("command policy: WRITE waits out 02/04/08 and 02/04/07 but returns 06/28 and 06/29", "[device][policy]") {
  for (uint8_t ascq : {0x08, 0x07}) {
    for (const Bytes& sense : {fixed(2, 4, ascq), descriptor(2, 4, ascq)}) {
      Sent s = through_managed(imapi::mmc::write10(0, 16), check_condition(sense), 3);
      CHECK(s.attempts == 4);
      CHECK(s.waits == std::vector<unsigned>{10, 20, 40});
    }
  }
  for (uint8_t asc : {0x28, 0x29}) {
    for (const Bytes& sense : {fixed(6, asc, 0), descriptor(6, asc, 0)}) {
      for (const auto& cdb : {imapi::mmc::write10(0, 16), imapi::mmc::write12(0, 16),
                              imapi::mmc::synchronize_cache(true),
                              imapi::mmc::close_track_session(imapi::mmc::CloseFunction::kSession),
                              imapi::mmc::format_unit(), imapi::mmc::blank(imapi::mmc::BlankType::kMinimal)}) {
        INFO(command_rule(cdb.opcode()).name << " after 06/" << int{asc});
        CHECK(through_managed(cdb, check_condition(sense)).attempts == 1);
      }
      // A query is re-issued: the second answer describes the drive as it now is.
      CHECK(through_managed(imapi::mmc::read_disc_information(34), check_condition(sense)).attempts == 2);
    }
  }
  // At most three unit attentions in a row are re-issued through.
  CHECK(through_managed(imapi::mmc::test_unit_ready(), check_condition(fixed(6, 0x29, 0)), 5).attempts == 4);
  // SCSI BUSY is waited out; RESERVATION CONFLICT is not.
  CHECK(through_managed(imapi::mmc::inquiry(36), with_status(scsi_status::kBusy), 2).attempts == 3);
  CHECK(through_managed(imapi::mmc::inquiry(36), with_status(scsi_status::kReservationConflict)).attempts == 1);
}

TEST_CASE("command policy: patience runs out, the caller's longer timeout wins, unit attentions are counted",
          "[device][policy]") {
  ScriptedDrive drive;
  for (int i = 0; i < 1000; ++i) drive.answers.push_back(check_condition(fixed(2, 4, 7)));
  std::chrono::milliseconds waited{0};
  CommandRule rule = command_rule(op::kTestUnitReady);
  rule.patience = 2s;
  CommandResult r = execute_with_rule(drive, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}, rule,
                                      [&](std::chrono::milliseconds ms) { waited += ms; });
  CHECK(interpret_result(r).meaning.recovery == Recovery::kRetryLater);
  CHECK(waited >= 2s);
  CHECK(waited < 2s + 500ms);
  // Patience 0 (how to poll a long operation): one attempt, the NOT READY comes back with its progress.
  drive.opcodes.clear();
  rule.patience = 0ms;
  r = execute_with_rule(drive, imapi::mmc::test_unit_ready().bytes(), DataDirection::kNone, {}, rule,
                        [](std::chrono::milliseconds) {});
  CHECK(drive.opcodes.size() == 1);

  ScriptedDrive fresh;
  fresh.answers = {check_condition(fixed(6, 0x29, 0)), check_condition(descriptor(6, 0x28, 0))};
  ManagedTransport t([&]() -> Transport& { return fresh; }, [](std::chrono::milliseconds) {});
  CHECK(t.unit_attentions() == 0);
  std::vector<uint8_t> buf(36);
  CHECK(t.execute(imapi::mmc::inquiry(36).bytes(), DataDirection::kFromDevice, buf, 60s).good());
  CHECK(t.unit_attentions() == 2);
  CHECK(fresh.timeouts.back() == 60s);
  CHECK(t.execute(imapi::mmc::format_unit().bytes(), DataDirection::kNone, {}).good());
  CHECK(fresh.timeouts.back() == 2h);
}

TEST_CASE("command policy: the shim's sr ioctls and ManagedTransport classify every sense alike, in either format",
          "[device][policy][emu]") {
  struct Triple {
    uint8_t key, asc, ascq;
  };
  const Triple triples[] = {{2, 4, 1}, {2, 4, 4}, {2, 4, 7}, {2, 4, 8}, {0x0B, 0, 0}, {6, 0x28, 0}, {6, 0x29, 0},
                            {2, 0x3A, 0}, {2, 0x3A, 2}, {2, 4, 0}, {3, 0x0C, 0}, {5, 0x24, 0}, {4, 0x44, 0},
                            {7, 0x27, 0}, {1, 0x17, 1}, {0, 0, 0}};
  for (const Triple& t : triples) {
    struct Outcome {
      Recovery recovery;
      size_t managed_tur_attempts, managed_write_attempts;
      int drive_status;
    };
    auto outcome = [](const Bytes& sense) {
      const CommandResult answer = check_condition(sense);
      ScriptedDrive shim_drive;
      shim_drive.answers.push_back(answer);
      return Outcome{interpret_result(answer).meaning.recovery,
                     through_managed(imapi::mmc::test_unit_ready(), answer).attempts,
                     through_managed(imapi::mmc::write10(0, 16), answer).attempts,
                     emu::cdrom_drive_status(shim_drive)};
    };
    const Outcome f = outcome(fixed(t.key, t.asc, t.ascq));
    const Outcome d = outcome(descriptor(t.key, t.asc, t.ascq));
    INFO(imapi::mmc::sense_triple(t.key, t.asc, t.ascq));
    CHECK(f.recovery == d.recovery);
    CHECK(f.managed_tur_attempts == d.managed_tur_attempts);
    CHECK(f.managed_write_attempts == d.managed_write_attempts);
    CHECK(f.drive_status == d.drive_status);
    // Both follow the one classification: ...
    switch (f.recovery) {
      case Recovery::kRetryLater:  // waited out by the library; reported as not ready by the ioctl
        CHECK(f.managed_tur_attempts == 2);
        CHECK(f.managed_write_attempts == 2);
        CHECK(f.drive_status == CDS_DRIVE_NOT_READY);
        break;
      case Recovery::kRetryNow:  // re-issued by both for a query, returned for a write
        CHECK(f.managed_tur_attempts == 2);
        CHECK(f.managed_write_attempts == 1);
        CHECK(f.drive_status == CDS_DISC_OK);
        break;
      case Recovery::kRecovered:
        CHECK(f.managed_tur_attempts == 1);
        CHECK(f.drive_status == CDS_DISC_OK);
        break;
      case Recovery::kNone:
        CHECK(f.managed_tur_attempts == 1);
        CHECK(f.managed_write_attempts == 1);
        CHECK(f.drive_status == (t.asc == 0x3A ? CDS_NO_DISC : CDS_DRIVE_NOT_READY));
        break;
    }
  }
  // CHECK CONDITION without sense, and sense that does not decode: not ready, no retry.
  for (const Bytes& sense : {Bytes{}, Bytes{0x12, 2, 0x3A, 0}}) {
    ScriptedDrive drive;
    drive.answers.push_back(check_condition(sense));
    CHECK(emu::cdrom_drive_status(drive) == CDS_DRIVE_NOT_READY);
    CHECK(through_managed(imapi::mmc::test_unit_ready(), check_condition(sense)).attempts == 1);
  }
}
