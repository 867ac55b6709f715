// SPC-4 sense data: decoding of fixed (70h/71h) and descriptor (72h/73h)
// formats, and what a sense code means for an IMAPI caller: status code,
// whether to retry, and a message saying what to do.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace imapi::mmc {

namespace sense_key {
inline constexpr uint8_t kNoSense = 0x0;
inline constexpr uint8_t kRecoveredError = 0x1;
inline constexpr uint8_t kNotReady = 0x2;
inline constexpr uint8_t kMediumError = 0x3;
inline constexpr uint8_t kHardwareError = 0x4;
inline constexpr uint8_t kIllegalRequest = 0x5;
inline constexpr uint8_t kUnitAttention = 0x6;
inline constexpr uint8_t kDataProtect = 0x7;
inline constexpr uint8_t kBlankCheck = 0x8;
inline constexpr uint8_t kAbortedCommand = 0xB;
}  // namespace sense_key

struct Sense {
  uint8_t response_code = 0;  // 70h/71h fixed, 72h/73h descriptor
  bool deferred = false;      // 71h/73h: about an earlier command (e.g. a cached write)
  uint8_t key = 0;
  uint8_t asc = 0;
  uint8_t ascq = 0;
  // INFORMATION field when the drive marks it valid (usually the failing LBA).
  std::optional<uint64_t> information;
  // Progress of a long operation (format, blank, sync) as a fraction of 65536,
  // from the sense-key-specific bytes when SKSV is set and the key is NO SENSE or NOT READY.
  std::optional<uint16_t> progress;
  // Raw sense-key-specific bytes (fixed bytes 15-17 / descriptor type 02h) when SKSV is set.
  std::optional<uint32_t> sense_key_specific;

  // 0..100, for progress reports.
  std::optional<double> progress_percent() const {
    if (!progress) return std::nullopt;
    return *progress * 100.0 / 65536.0;
  }
};

// Decodes sense bytes as returned by the transport (the bytes the drive wrote,
// not the whole buffer). Fails with an imapi::Error for an unknown response
// code or a buffer too short to hold the key and ASC/ASCQ.
Sense decode_sense(std::span<const uint8_t> bytes);

enum class Recovery : uint8_t {
  kNone,        // the command failed; retrying the same command will fail again
  kRetryLater,  // the drive is busy or becoming ready: wait and re-issue (poll TEST UNIT READY)
  kRetryNow,    // unit attention (medium changed, reset): state was reset; re-read it and re-issue
  kRecovered,   // the command succeeded (RECOVERED ERROR / NO SENSE): nothing to do
};

struct SenseMeaning {
  imapi_status status;
  Recovery recovery;
  std::string_view message;  // what happened and what to do, e.g. "the drive reports no medium: insert a disc"
};

SenseMeaning interpret_sense(uint8_t key, uint8_t asc, uint8_t ascq);
// As above, and a deferred error (71h/73h: about an earlier command, typically
// a cached write; the command that received it was not run, SPC-4 4.5.5) is
// never waited out: a recovered one means "re-issue" (kRetryNow), any other
// means data already accepted was lost (kNone).
SenseMeaning interpret_sense(const Sense& s);

// The one decoder from sense bytes to what they mean, for every reader of a
// drive's answer (the retry policy, the LD_PRELOAD shim, error translation):
// any of the four formats (70h/71h fixed, 72h/73h descriptor), then
// interpret_sense. Never throws: bytes that do not decode (none, an unknown
// response code, cut off before the ASCQ) leave `sense` empty and mean
// INVALID_RESPONSE_FROM_DEVICE with Recovery::kNone.
struct SenseReport {
  std::optional<Sense> sense;
  SenseMeaning meaning;
};
SenseReport interpret_sense(std::span<const uint8_t> bytes);

// The imapi::Error for a command that ended with this sense: the meaning's
// status and message prefixed by the command name, with key/ASC/ASCQ and the
// LBA (INFORMATION) in the detail.
Error sense_error(std::string_view command, const Sense& s);

// "05/24/00"-style triple for messages and logs.
std::string sense_triple(uint8_t key, uint8_t asc, uint8_t ascq);

// The target side: 18 bytes of fixed-format (70h) current sense. `information`
// sets VALID and bytes 3-6; `sense_key_specific` sets SKSV and bytes 15-17
// (for NOT READY, a progress indication as a fraction of 65536).
std::vector<uint8_t> encode_fixed_sense(uint8_t key, uint8_t asc, uint8_t ascq,
                                        std::optional<uint32_t> information = std::nullopt,
                                        std::optional<uint16_t> sense_key_specific = std::nullopt);

}  // namespace imapi::mmc
