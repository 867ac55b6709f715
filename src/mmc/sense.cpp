#include "mmc/sense.hpp"

#include <cstdio>

#include "mmc/bytes.hpp"
#include "mmc/status.hpp"

namespace imapi::mmc {

namespace {

constexpr std::string_view kCommand = "sense data";

// Bytes 15-17 of fixed sense, or bytes 4-6 of descriptor type 02h: SKSV is bit 7 of the first.
void take_sense_key_specific(Sense& s, uint8_t b0, uint8_t b1, uint8_t b2) {
  if ((b0 & 0x80) == 0) return;
  s.sense_key_specific = uint32_t{b0} << 16 | uint32_t{b1} << 8 | b2;
  if (s.key == sense_key::kNoSense || s.key == sense_key::kNotReady) {
    s.progress = static_cast<uint16_t>(b1 << 8 | b2);
  }
}

Sense decode_fixed(const ResponseReader& r) {
  Sense s;
  // Bytes 0-13 carry everything but the sense-key-specific field; drives that
  // return fewer are broken or were cut off by the transport.
  r.require(0, 14, "fixed-format sense through ASCQ");
  s.key = r.bits(2, 0, 4);
  s.asc = r.u8(12);
  s.ascq = r.u8(13);
  if (r.bit(0, 7)) s.information = r.be32(3);  // VALID bit
  // Additional sense length (byte 7) says how many bytes follow byte 7.
  size_t end = r.announced_end(7, 1, r.u8(7));
  if (end >= 18) take_sense_key_specific(s, r.u8(15), r.u8(16), r.u8(17));
  return s;
}

Sense decode_descriptor(const ResponseReader& r) {
  Sense s;
  r.require(0, 8, "descriptor-format sense header");
  s.key = r.bits(1, 0, 4);
  s.asc = r.u8(2);
  s.ascq = r.u8(3);
  size_t end = r.announced_end(7, 1, r.u8(7));
  // Descriptors: type, additional length, payload. A truncated last descriptor is ignored.
  for (size_t at = 8; at + 2 <= end;) {
    uint8_t type = r.u8(at);
    size_t len = size_t{2} + r.u8(at + 1);
    if (at + len > end) break;
    if (type == 0x00 && len >= 12 && r.bit(at + 2, 7)) {  // information, VALID set
      s.information = uint64_t{r.be32(at + 4)} << 32 | r.be32(at + 8);
    } else if (type == 0x02 && len >= 7) {  // sense key specific
      take_sense_key_specific(s, r.u8(at + 4), r.u8(at + 5), r.u8(at + 6));
    }
    at += len;
  }
  return s;
}

}  // namespace

Sense decode_sense(std::span<const uint8_t> bytes) {
  ResponseReader r(bytes, kCommand);
  r.require(0, 1, "response code");
  uint8_t code = r.bits(0, 0, 7);
  Sense s;
  switch (code) {
    case 0x70:
    case 0x71:
      s = decode_fixed(r);
      break;
    case 0x72:
    case 0x73:
      s = decode_descriptor(r);
      break;
    default:
      r.fail(0, "unknown response code 0x" + [&] {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%02X", code);
        return std::string(buf);
      }() + " (expected 70h-73h)");
  }
  s.response_code = code;
  s.deferred = code == 0x71 || code == 0x73;
  return s;
}

SenseMeaning interpret_sense(uint8_t key, uint8_t asc, uint8_t ascq) {
  using namespace status;
  const auto R = Recovery::kNone;
  switch (key) {
    case sense_key::kNoSense:
    case sense_key::kRecoveredError:
      return {IMAPI_S_OK, Recovery::kRecovered, "the command succeeded (the drive recovered or had nothing to report)"};
    case sense_key::kNotReady:
      if (asc == 0x3A) return {kMediaNoMedia, R, "the drive reports no medium: insert a disc"};
      if (asc == 0x04) {
        switch (ascq) {
          case 0x01:
            return {kMediaBecomingReady, Recovery::kRetryLater,
                    "the drive is becoming ready: wait a moment and retry"};
          case 0x04:
            return {kMediaFormatInProgress, Recovery::kRetryLater,
                    "the drive is formatting the medium: wait for the format to finish"};
          case 0x07:
            return {kMediaBusy, Recovery::kRetryLater,
                    "the drive is busy with an operation in progress: wait and retry"};
          case 0x08:
            return {kMediaBusy, Recovery::kRetryLater,
                    "the drive is busy with a long write (flushing its buffer): wait and retry"};
          default:
            return {kMediaBecomingReady, R, "the drive is not ready: check the disc and the drive, then retry"};
        }
      }
      if (asc == 0x30) return {kMediaIncompatible, R, "the drive cannot read this medium: use another disc"};
      if (asc == 0x57) return {kMediaIncompatible, R, "the drive cannot read this disc's table of contents: use another disc"};
      return {kMediaBecomingReady, R, "the drive is not ready: check the disc and the drive, then retry"};
    case sense_key::kMediumError:
      if (asc == 0x0C && ascq == 0x09)
        return {kLossOfStreaming, R, "buffer underrun: the drive ran out of data while writing; the disc may be unusable"};
      if (asc == 0x0C) return {kUnexpectedResponseFromDevice, R, "the drive failed to write the disc: try another disc or a lower speed"};
      if (asc == 0x73) return {kUnexpectedResponseFromDevice, R, "power calibration or program memory area error: try another disc or a lower speed"};
      if (asc == 0x30) return {kMediaIncompatible, R, "the medium is incompatible with the drive: use another disc"};
      return {kUnexpectedResponseFromDevice, R, "the drive reports a medium error: the disc may be damaged"};
    case sense_key::kHardwareError:
      return {kUnexpectedResponseFromDevice, R, "the drive reports a hardware failure: the drive may need service"};
    case sense_key::kIllegalRequest:
      switch (asc) {
        case 0x20: return {IMAPI_E_NOTIMPL, R, "the drive does not support this command"};
        case 0x21:
          if (ascq == 0x02) return {kUnexpectedResponseFromDevice, R, "invalid address for write: the drive rejected the write position (not the next writable address)"};
          return {IMAPI_E_INVALIDARG, R, "the address is outside the disc's range"};
        case 0x24: return {IMAPI_E_INVALIDARG, R, "the drive rejected a field in the command (invalid field in CDB)"};
        case 0x26: return {kInvalidModeParameters, R, "the drive rejected the parameters sent (invalid field in parameter list)"};
        case 0x2C: return {kUnexpectedResponseFromDevice, R, "command sequence error: the drive is not in a state to accept this command"};
        case 0x30:
          if (ascq == 0x10) return {kMediaNotFormatted, R, "the medium is not formatted: format it first"};
          return {kMediaIncompatible, R, "the medium is incompatible with this operation: use another disc"};
        case 0x63: return {kUnexpectedResponseFromDevice, R, "the end of the user area was reached: the data does not fit on the disc"};
        case 0x64: return {kMediaIncompatible, R, "illegal mode for this track: the track cannot be read or written this way"};
        case 0x6F: return {kMediaIncompatible, R, "the disc is copy protected and cannot be read this way"};
        case 0x72: return {kUnexpectedResponseFromDevice, R, "session fixation error: the drive could not close the session"};
        default: return {IMAPI_E_INVALIDARG, R, "the drive rejected the command as illegal"};
      }
    case sense_key::kUnitAttention:
      if (asc == 0x28) return {kMediaBecomingReady, Recovery::kRetryNow, "the medium may have changed: re-read the disc state and retry"};
      if (asc == 0x29) return {kMediaBecomingReady, Recovery::kRetryNow, "the drive was reset: re-read the disc state and retry"};
      if (asc == 0x2A) return {kMediaBecomingReady, Recovery::kRetryNow, "the drive's mode parameters changed: re-read them and retry"};
      if (asc == 0x5A) return {kMediaBecomingReady, Recovery::kRetryNow, "an eject was requested at the drive: re-check the disc and retry"};
      return {kMediaBecomingReady, Recovery::kRetryNow, "the drive reports a unit attention: re-read its state and retry"};
    case sense_key::kDataProtect:
      if (asc == 0x27) return {kMediaWriteProtected, R, "the medium is write protected: remove the protection or use another disc"};
      return {kMediaWriteProtected, R, "the drive refuses access to the protected data"};
    case sense_key::kBlankCheck:
      return {kUnexpectedResponseFromDevice, R, "the area read is blank: nothing has been written there"};
    case sense_key::kAbortedCommand:
      return {kMediaBusy, Recovery::kRetryLater, "the drive aborted the command: retry"};
    default:
      return {kUnexpectedResponseFromDevice, R, "the drive reports an unexpected error"};
  }
}

SenseMeaning interpret_sense(const Sense& s) {
  SenseMeaning m = interpret_sense(s.key, s.asc, s.ascq);
  if (!s.deferred) return m;
  if (m.recovery == Recovery::kRecovered)
    return {m.status, Recovery::kRetryNow,
            "the drive recovered an earlier command's error and did not run this one: re-issue it"};
  m.recovery = Recovery::kNone;
  return m;
}

SenseReport interpret_sense(std::span<const uint8_t> bytes) {
  try {
    Sense s = decode_sense(bytes);
    return {s, interpret_sense(s)};
  } catch (const Error&) {
    return {std::nullopt,
            {status::kInvalidResponseFromDevice, Recovery::kNone,
             "the drive returned sense data that cannot be decoded (not SPC fixed or descriptor format)"}};
  }
}

std::string sense_triple(uint8_t key, uint8_t asc, uint8_t ascq) {
  char buf[12];
  std::snprintf(buf, sizeof buf, "%02X/%02X/%02X", key, asc, ascq);
  return buf;
}

Error sense_error(std::string_view command, const Sense& s) {
  SenseMeaning m = interpret_sense(s);
  std::string message(command);
  message += ": ";
  message += m.message;
  message += " (sense ";
  message += sense_triple(s.key, s.asc, s.ascq);
  message += ")";
  ErrorDetail detail;
  detail.sense_key = s.key;
  detail.asc = s.asc;
  detail.ascq = s.ascq;
  if (s.information && *s.information <= static_cast<uint64_t>(INT64_MAX)) detail.lba = static_cast<int64_t>(*s.information);
  // A NO SENSE/RECOVERED pair is not an error; callers that still build one get E_FAIL, not S_OK.
  imapi_status code = m.status >= 0 ? IMAPI_E_FAIL : m.status;
  return Error(code, std::move(message), std::move(detail));
}

std::vector<uint8_t> encode_fixed_sense(uint8_t key, uint8_t asc, uint8_t ascq, std::optional<uint32_t> information,
                                        std::optional<uint16_t> sense_key_specific) {
  std::vector<uint8_t> b(18, 0);
  b[0] = static_cast<uint8_t>(0x70 | (information ? 0x80 : 0));
  b[2] = static_cast<uint8_t>(key & 0x0F);
  if (information) put_be32(b.data() + 3, *information);
  b[7] = 10;  // additional sense length: bytes 8-17
  b[12] = asc;
  b[13] = ascq;
  if (sense_key_specific) {
    b[15] = 0x80;
    put_be16(b.data() + 16, *sense_key_specific);
  }
  return b;
}

}  // namespace imapi::mmc
