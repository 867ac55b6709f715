// How long a command may take, which answers are worth re-issuing it for, and
// what an answer means: the same rules for every transport (real or
// emulated) and every caller (the engine's queries, the burn engine, the
// LD_PRELOAD shim), so nobody scatters sleeps, timeouts or sense offsets
// through their code.
//
// For the burn engine, the interface is three things:
//   - command_rule(opcode): the one table (timeout, query or not, how long to
//     wait out "busy", how many unit attentions to re-issue through);
//   - interpret_result(result): what an answer means (mmc::interpret_sense on
//     its sense, whatever the sense format, plus the SCSI status);
//   - Recorder::transport() (a ManagedTransport): sends every command with
//     its rule. A burn compares unit_attentions() before and after: a change
//     means a query absorbed a reset or a medium change, and the burn is lost.
// To poll a long operation (BLANK, FORMAT, CLOSE sent with IMMED) for its
// progress, send TEST UNIT READY or REQUEST SENSE through execute_with_rule
// with a copy of the rule whose patience is 0, and read Sense::progress from
// interpret_result: the drive answers 02/04/04, 02/04/07 or 02/04/08 until done.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string_view>

#include "device/transport.hpp"
#include "mmc/sense.hpp"

namespace imapi::device {

// How the engine sends one opcode.
//
// Retry rules, by the Recovery class interpret_result gives an answer:
//   - kRetryLater (02/04/01 becoming ready, 02/04/04 format in progress,
//     02/04/07 operation in progress, 02/04/08 long write in progress,
//     0B/xx aborted command, SCSI status BUSY or TASK SET FULL): re-issued
//     after a wait (10 ms, doubling up to 500 ms) until `patience` has been
//     spent waiting; then the last answer comes back.
//   - kRetryNow (unit attention, 06/xx: 06/28 medium may have changed, 06/29
//     power on or reset, ...): re-issued at once, at most
//     `unit_attention_retries` times. Commands that write the medium (WRITE,
//     SYNCHRONIZE CACHE, CLOSE TRACK/SESSION, FORMAT UNIT, BLANK, RESERVE
//     TRACK, SEND CUE SHEET, SEND OPC) have 0: after a reset the drive may
//     have dropped data it had accepted, and after a medium change it holds
//     another disc, so the unit attention goes to the caller, which must
//     re-read the disc (and fail a burn) rather than write blind.
//   - kNone, kRecovered: returned at once.
struct CommandRule {
  uint8_t opcode = 0;
  std::string_view name;                 // as MMC names it, for messages: "WRITE(10)"
  std::chrono::milliseconds timeout{};   // for each attempt; a caller's longer timeout wins
  bool query = false;                    // only reports: changes neither the medium nor the drive's setup
  std::chrono::milliseconds patience{};  // total waiting on kRetryLater answers; 0: none
  uint8_t unit_attention_retries = 0;    // kRetryNow answers re-issued through
};

// The rule for `opcode`: the table's entry, or, for an opcode the table does
// not name (vendor commands), a state-changing command with the default
// timeout that waits out "busy" like a query but returns unit attentions.
CommandRule command_rule(uint8_t opcode);
// Every entry of the table, in opcode order (for tests and documentation).
std::span<const CommandRule> command_rules();

// IMAPI2_DEFAULT_COMMAND_TIMEOUT (10 s) for most commands; the ones a drive
// may legitimately spend minutes on (formatting, blanking, closing a session
// or flushing its cache without IMMED, the first WRITE of a disc) get longer.
inline std::chrono::milliseconds command_timeout(uint8_t opcode) { return command_rule(opcode).timeout; }

// Commands that only report: they neither move the medium nor change what is
// recorded on it or how the drive is set up (TEST UNIT READY, INQUIRY, MODE
// SENSE, the READs, GET CONFIGURATION, READ DISC/TRACK INFORMATION, ...).
// Everything else (writes, FORMAT, BLANK, CLOSE, MODE SELECT, START STOP,
// PREVENT ALLOW, SET speeds, SEND ..., vendor commands) counts as changing the
// drive's state and is refused to a non-holder while someone else holds the
// drive exclusively.
inline bool is_query_command(uint8_t opcode) { return command_rule(opcode).query; }

// What an answer means. GOOD: IMAPI_S_OK, kRecovered. CHECK CONDITION:
// mmc::interpret_sense of its sense bytes (fixed or descriptor format; no or
// undecodable sense is INVALID_RESPONSE_FROM_DEVICE). BUSY and TASK SET
// FULL: RECORDER_MEDIA_BUSY, kRetryLater. RESERVATION CONFLICT:
// RECORDER_LOCKED. Any other status: UNEXPECTED_RESPONSE_FROM_DEVICE.
struct ResultMeaning {
  std::optional<mmc::Sense> sense;  // the decoded sense, when there was some
  mmc::SenseMeaning meaning;
};
ResultMeaning interpret_result(const CommandResult& r);

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// Executes the command with `rule` (its timeout, or `at_least` when longer)
// and re-issues it as the rule says. Returns the last result, which may still
// be a NOT READY or a unit attention. `unit_attentions`, when given, is
// incremented for each unit attention re-issued through.
CommandResult execute_with_rule(Transport& t, std::span<const uint8_t> cdb, DataDirection direction,
                                std::span<uint8_t> buffer, const CommandRule& rule, const Sleeper& sleep,
                                std::chrono::milliseconds at_least = std::chrono::milliseconds{0},
                                std::atomic<uint64_t>* unit_attentions = nullptr);

// The engine's way to a drive: every command goes out with command_rule of
// its opcode (the timeout a caller passes is a lower bound). Recorder::transport()
// is one of these over the recorder's raw transport; the raw one is for
// pass-through commands, which keep the caller's timeout and see every
// answer themselves. Like any transport, used by one thread at a time;
// unit_attentions() may be read from any thread.
class ManagedTransport final : public Transport {
 public:
  explicit ManagedTransport(std::function<Transport&()> target, Sleeper sleep = {})
      : target_(std::move(target)), sleep_(std::move(sleep)) {}
  CommandResult execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                        std::chrono::milliseconds timeout = kDefaultCommandTimeout) override;
  // How many unit attentions this transport has re-issued commands through
  // (and so kept from its callers), since it was made.
  uint64_t unit_attentions() const { return unit_attentions_.load(); }
  // Tests replace the real sleep.
  void set_sleeper(Sleeper sleep) { sleep_ = std::move(sleep); }

 private:
  std::function<Transport&()> target_;
  Sleeper sleep_;
  std::atomic<uint64_t> unit_attentions_{0};
};

// Tray handling through START STOP UNIT (and PREVENT ALLOW MEDIUM REMOVAL
// before ejecting, since a prevented eject fails with 05/53/02).
CommandResult eject(Transport& t);
CommandResult close_tray(Transport& t);

}  // namespace imapi::device
