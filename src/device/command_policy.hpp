// How long a command may take, and which failures are worth re-issuing:
// the same rules for every transport (real or emulated), so the burn engine
// does not scatter sleeps and timeouts through its code.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <span>

#include "device/transport.hpp"

namespace imapi::device {

// IMAPI2_DEFAULT_COMMAND_TIMEOUT (10 s) for most commands; the ones a drive
// may legitimately spend minutes on (formatting, blanking, closing a session
// or flushing its cache without IMMED) get longer.
std::chrono::milliseconds command_timeout(uint8_t opcode);

// NOT READY with ASC 04h: the drive is becoming ready (01), formatting (04),
// busy with an operation (07) or a long write (08). Re-issuing later succeeds.
bool is_transient_not_ready(const CommandResult& r);

using Sleeper = std::function<void(std::chrono::milliseconds)>;

// How long the engine keeps re-issuing a command the drive answers 02/04/xx
// before it gives the NOT READY to its caller: long enough for a drive to spin
// up a freshly loaded disc, short of making a query hang for minutes.
inline constexpr std::chrono::milliseconds kNotReadyPatience{30'000};

// Executes the command with command_timeout(opcode) (or `at_least`, when
// longer) and re-issues it while the drive answers 02/04/xx, waiting 10 ms,
// then doubling up to 500 ms, until `patience` has been spent waiting.
// Returns the last result (which may still be NOT READY).
CommandResult execute_with_retries(Transport& t, std::span<const uint8_t> cdb, DataDirection direction,
                                   std::span<uint8_t> buffer, std::chrono::milliseconds patience,
                                   const Sleeper& sleep,
                                   std::chrono::milliseconds at_least = std::chrono::milliseconds{0});

// The engine's way to a drive: every command goes out with command_timeout of
// its opcode (the timeout a caller passes is a lower bound) and is re-issued
// through execute_with_retries while the drive is becoming ready or busy with
// a long operation. Recorder::transport() is one of these over the recorder's
// raw transport; the raw one is for pass-through commands, which keep the
// caller's timeout and see every NOT READY themselves.
class ManagedTransport final : public Transport {
 public:
  explicit ManagedTransport(std::function<Transport&()> target, Sleeper sleep = {})
      : target_(std::move(target)), sleep_(std::move(sleep)) {}
  CommandResult execute(std::span<const uint8_t> cdb, DataDirection direction, std::span<uint8_t> buffer,
                        std::chrono::milliseconds timeout = kDefaultCommandTimeout) override;
  // Tests replace the real sleep (and may shorten the patience).
  void set_sleeper(Sleeper sleep) { sleep_ = std::move(sleep); }
  void set_patience(std::chrono::milliseconds patience) { patience_ = patience; }

 private:
  std::function<Transport&()> target_;
  Sleeper sleep_;
  std::chrono::milliseconds patience_ = kNotReadyPatience;
};

// Commands that only report: they neither move the medium nor change what is
// recorded on it or how the drive is set up (TEST UNIT READY, INQUIRY, MODE
// SENSE, the READs, GET CONFIGURATION, READ DISC/TRACK INFORMATION, ...).
// Everything else (writes, FORMAT, BLANK, CLOSE, MODE SELECT, START STOP,
// PREVENT ALLOW, SET speeds, SEND ..., vendor commands) counts as changing the
// drive's state and is refused to a non-holder while someone else holds the
// drive exclusively.
bool is_query_command(uint8_t opcode);

// Tray handling through START STOP UNIT (and PREVENT ALLOW MEDIUM REMOVAL
// before ejecting, since a prevented eject fails with 05/53/02).
CommandResult eject(Transport& t);
CommandResult close_tray(Transport& t);

}  // namespace imapi::device
